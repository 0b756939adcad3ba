"""TBX termbases as a corpus: one segment a concept (``bitext convert terms.tbx x.tsv``).

A concept's first term in the source language is the segment's source and its first
accepted term in the target language (a preferred one first, never a deprecated one) its
target; the other terms and everything else of the concept are kept as they were, so a
termbase converted to JSONL and back is the same termbase (a changed term is written into
the concept in place). Concepts without a source-language term are kept in place too.
Languages are picked as in TMX: ``--source-lang``/``--target-lang``, else the file's
``xml:lang`` and the first other. bitext writes TBX-Basic (TBX v2 ``martif``), one
``termEntry`` a segment. As a glossary, see :mod:`bitext.terms.readers`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import FormatError, OutputError
from bitext.formats.base import (
    STATUS_NOTE,
    TOOL_NAME,
    WILDCARD_LANGS,
    CorpusInfo,
    Store,
    TextWriter,
    base_lang,
    glossary_note,
    normalized,
    xml_lang,
)
from bitext.formats.base import (
    stored as stored_extra,
)
from bitext.formats.inline import local_name
from bitext.formats.skeleton import Skeleton, SkeletonWriter, walk, without_inherited
from bitext.model import Corpus, Segment, check_status, split_id
from bitext.terms.readers import CONCEPT_TAGS, LANGUAGE_TAGS, TERM_TAGS, XML_LANG, term_info
from bitext.xmlsafe import parse_xml, xml_text

FLAG_NOTE = "check: "
MT_NOTE = "MT: "
KIND_NOTE = "kind: "


def _is_concept(element: etree._Element) -> bool:
    return local_name(element.tag) in CONCEPT_TAGS and any(local_name(child.tag) in LANGUAGE_TAGS for child in element)


def _language_sets(concept: etree._Element) -> list[tuple[str, etree._Element]]:
    return [(element.get(XML_LANG) or element.get("lang") or "", element)
            for element in concept.iter() if local_name(element.tag) in LANGUAGE_TAGS]


def _terms(language_set: etree._Element, accepted: bool = False) -> list[etree._Element]:
    """The term elements of one language of a concept; ``accepted``: preferred terms
    first, deprecated ones left out (the target a glossary would enforce)."""
    holders = [child for child in language_set.iter() if local_name(child.tag) in TERM_TAGS] or [language_set]
    found = []
    for holder in holders:
        term = next((t for t in holder.iter() if local_name(t.tag) == "term"), None)
        if term is None:
            continue
        info = term_info(holder, term)
        if accepted and info.deprecated:
            continue
        found.append((not info.preferred if accepted else False, term))
    return [term for _, term in sorted(found, key=lambda item: item[0])]


def _first_term(concept: etree._Element, lang: str | None, accepted: bool = False) -> etree._Element | None:
    """The first term of ``lang`` (a tag as the file writes it: the same tag first, else
    the same language)."""
    if not lang:
        return None
    sets = _language_sets(concept)
    exact = [element for tag, element in sets if tag.lower() == lang.lower()]
    for element in exact or [element for tag, element in sets if base_lang(tag) == base_lang(lang)]:
        terms = _terms(element, accepted)
        if terms:
            return terms[0]
    return None


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _languages(root: etree._Element, concepts: list[etree._Element], source: str | None,
               target: str | None) -> tuple[str, str]:
    """The two tags to read, as the file writes them: the ones asked for (a tool's "no
    language", ``xx`` or ``und``, stands in for one the file lacks), else the file's
    xml:lang (when its concepts use it) and the first other language."""
    present: list[str] = []
    for concept in concepts:
        for tag, _ in _language_sets(concept):
            if tag and tag not in present:
                present.append(tag)

    def find(wanted: str, avoid: str | None = None) -> str | None:
        same = [tag for tag in present if base_lang(tag) == base_lang(wanted) and tag != avoid]
        exact = [tag for tag in same if tag.lower() == wanted.lower()]
        wild = [tag for tag in present if base_lang(tag) in WILDCARD_LANGS and tag != avoid]
        return next(iter(exact or same or wild), None)

    file_lang = root.get(XML_LANG) or ""
    chosen_source = find(source) if source else None
    if source is None:
        declared = next((tag for tag in present if tag.lower() == file_lang.lower()), None)
        others = [tag for tag in present if not (target and base_lang(tag) == base_lang(target))]
        chosen_source = declared if declared and declared in others else next(iter(others), None)
    if chosen_source is None:
        raise FormatError(f"no concept has a {source or 'source'} term (its languages: {', '.join(present) or 'none'})")
    chosen_target = find(target, chosen_source) if target else next(
        (tag for tag in present if base_lang(tag) != base_lang(chosen_source)), None)
    return chosen_source, chosen_target or target or "und"


class TbxStore(Store):
    """TBX termbases as a corpus, one segment a concept."""

    name = "tbx"
    extensions = (".tbx",)

    def open_writer(self, path: Path, info: CorpusInfo) -> TextWriter:
        """A writer of the termbase in the shape it came in (a TBX another tool wrote), else
        of bitext's own TBX-Basic."""
        skeleton = Skeleton.from_dict(info.extra.get("skeleton")) if info.origin == "tbx" else None
        if skeleton is not None:
            return _ShapedTbxWriter(path, info, skeleton)
        return _TbxWriter(path, info)

    def read(self, path: Path) -> Corpus:
        """Read a termbase with the languages the file gives (see :meth:`read_languages`)."""
        return self.read_languages(path, None, None)

    def read_languages(self, path: Path, source_lang: str | None, target_lang: str | None) -> Corpus:
        """One segment a concept with a source term (the first term of each language); the
        languages as asked, else the file's. In another tool's file the concepts without
        a source term, and the rest of the file, are kept for the writer. A file with no
        concepts is a :class:`FormatError`."""
        root = parse_xml(self.read_bytes(path), str(path))
        own = _written_by_bitext(root)
        skeleton, places = walk(root, _is_concept)
        records = list(places)
        if not records:
            raise FormatError(f"{path}: no termEntry, conceptEntry or entry elements; is this TBX?")
        try:
            source, target = _languages(root, [record[0] for record in records], source_lang, target_lang)
        except FormatError as error:
            raise FormatError(f"{path}: {error}") from None
        segments: list[Segment] = []
        pending: list[list[Any]] = []
        for concept, concept_path, before in records:
            segment = _segment(concept, source, target, len(segments) + 1, path, own)
            if segment is None:  # no source term: kept in place, as it is
                pending += [*before, [concept_path[-1], etree.tostring(concept, encoding="unicode", with_tail=False)]]
                continue
            if not own:
                segment.extra["tbx"].update(path=concept_path, before=pending + before)
            pending = []
            segments.append(normalized(segment))
        if own:
            return Corpus(segments, source, target)
        if pending:
            last = skeleton.containers[records[-1][1][-1]]
            last.tail = [part for _, part in pending] + last.tail
        extra = {"format": "tbx", "skeleton": skeleton.to_dict()}
        return Corpus(segments, source, target, extra=extra)


def _written_by_bitext(root: etree._Element) -> bool:
    return any(local_name(p.tag) == "p" and (p.text or "").strip() == TOOL_NAME
               for p in root.iter() if isinstance(p.tag, str) and local_name(p.tag) == "p")


def _segment(concept: etree._Element, source_lang: str, target_lang: str, number: int, path: Path,
             own: bool) -> Segment | None:
    source_term = _first_term(concept, source_lang)
    if source_term is None:
        return None
    target_term = _first_term(concept, target_lang, accepted=True)
    source, target = _text(source_term), _text(target_term)
    concept_id = concept.get("id") or ""
    doc, paragraph, sentence, key = split_id(concept_id, path.stem, number)
    status, kind, mt, flags = ("imported" if target else "new"), "body", None, []
    if own:
        notes = [_text(note) for note in concept if local_name(note.tag) == "note"]
        status = next((n[len(STATUS_NOTE):] for n in notes if n.startswith(STATUS_NOTE)), status)
        kind = next((n[len(KIND_NOTE):] for n in notes if n.startswith(KIND_NOTE)), kind)
        mt = next((n[len(MT_NOTE):] for n in notes if n.startswith(MT_NOTE)), None)
        flags = [n[len(FLAG_NOTE):] for n in notes if n.startswith(FLAG_NOTE)]
    try:
        status = check_status(status)
    except ValueError as error:
        raise FormatError(f"{path}:{concept.sourceline}: {error}") from None
    extra = {"tbx": {"raw": etree.tostring(concept, encoding="unicode", with_tail=False), "source": source,
                     "target": target, "langs": [source_lang, target_lang]}}
    return Segment(doc, paragraph, sentence, source, target, status, kind, mt, key=key if concept_id else "",
                   flags=flags, extra={} if own else extra)


class _ShapedTbxWriter(TextWriter):
    """A termbase written back as it came; a concept whose terms changed gets the new
    text in its first term of that language (or a new language section)."""

    def __init__(self, path: Path, info: CorpusInfo, skeleton: Skeleton) -> None:
        self._parts: list[str] = []
        super().__init__(path, info)
        self.layout = SkeletonWriter(skeleton, self._parts.append)

    def header(self) -> str:
        """Nothing: the prolog and containers come with the first concept (or the footer)."""
        return ""

    def render(self, segment: Segment) -> str:
        """The concept as it was read, its terms replaced where the segment changed them (a
        new concept for a segment that has none), behind the skeleton's parts before it."""
        stored = stored_extra(segment, "tbx")
        self.layout.place(stored.get("path"), stored.get("before"))
        if "raw" in stored:
            concept = etree.fromstring(stored["raw"])
            source_lang, target_lang = (stored.get("langs") or [self.info.source_lang, self.info.target_lang])[:2]
            if self.info.extra.get("reversed"):
                source_lang, target_lang = target_lang, source_lang
            _replace_term(concept, source_lang, segment.source, stored.get("source" if not self.info.extra.get("reversed") else "target"))
            _replace_term(concept, target_lang, segment.target, stored.get("target" if not self.info.extra.get("reversed") else "source"))
        else:
            concept = _own_concept(segment, self.info, _namespace(self.layout))
        text = without_inherited(etree.tostring(concept, encoding="unicode"), self.layout.nsmap())
        parts = "".join(self._parts)
        self._parts.clear()
        return parts + text + "\n"

    def footer(self) -> str:
        """The skeleton's remaining parts: open containers closed, then the epilog."""
        self.layout.finish()
        parts = "".join(self._parts)
        self._parts.clear()
        return parts


def _namespace(layout: SkeletonWriter) -> str | None:
    return layout.nsmap().get("") or None


def _replace_term(concept: etree._Element, lang: str, text: str, was: Any) -> None:
    if text == was:
        return
    term = _first_term(concept, lang, accepted=True)
    if term is not None:
        for child in list(term):
            term.remove(child)
        term.text = xml_text(text)
    elif text:
        namespace = concept.tag[1:].split("}")[0] if concept.tag.startswith("{") else None
        _language_set(concept, namespace, lang, text, "langSec" if local_name(concept.tag) == "conceptEntry" else "langSet")


def _q(name: str, namespace: str | None) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _language_set(concept: etree._Element, namespace: str | None, lang: str, text: str, kind: str = "langSet") -> None:
    language_set = etree.SubElement(concept, _q(kind, namespace), {XML_LANG: xml_lang(lang)})
    holder = etree.SubElement(language_set, _q("termSec" if kind == "langSec" else "tig", namespace))
    etree.SubElement(holder, _q("term", namespace)).text = xml_text(text)


def _own_concept(segment: Segment, info: CorpusInfo, namespace: str | None = None) -> etree._Element:
    if not segment.source.strip():
        raise OutputError(f"segment {segment.id!r} has an empty source, which TBX cannot hold as a term")
    concept = etree.Element(_q("termEntry", namespace), id=xml_text(segment.id))
    notes = [KIND_NOTE + segment.kind, STATUS_NOTE + segment.status] + [FLAG_NOTE + flag for flag in segment.flags]
    notes += [glossary_note(match) for match in segment.terms]
    if segment.mt is not None:
        notes.append(MT_NOTE + segment.mt)
    for text in notes:
        etree.SubElement(concept, _q("note", namespace)).text = xml_text(text)
    _language_set(concept, namespace, info.source_lang, segment.source)
    if segment.target:
        _language_set(concept, namespace, info.target_lang, segment.target)
    return concept


class _TbxWriter(TextWriter):
    """bitext's own TBX-Basic: one ``termEntry`` a segment, bitext's fields as notes."""

    def header(self) -> str:
        """The XML declaration, ``<martif>`` with the source language, a header naming bitext,
        and ``<text><body>`` opened."""
        return (f"<?xml version='1.0' encoding='UTF-8'?>\n<martif type=\"TBX-Basic\" "
                f"xml:lang=\"{xml_text(xml_lang(self.info.source_lang))}\">\n<martifHeader><fileDesc><sourceDesc>"
                f"<p>{TOOL_NAME}</p></sourceDesc></fileDesc></martifHeader>\n<text>\n<body>\n")

    def render(self, segment: Segment) -> str:
        """The segment as a ``termEntry`` (notes, source and target terms); an empty source is
        an :class:`OutputError`."""
        try:
            concept = _own_concept(segment, self.info)
        except OutputError as error:
            raise OutputError(f"cannot write {self.path}: {error}") from None
        return etree.tostring(concept, encoding="unicode") + "\n"

    def footer(self) -> str:
        """Close ``<body>``, ``<text>`` and ``<martif>``."""
        return "</body>\n</text>\n</martif>\n"

