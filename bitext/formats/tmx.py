"""TMX 1.1-1.4b: the translation-memory exchange format of OmegaT, Trados and memoQ.

bitext's own TMX: each segment is a ``<tu tuid="doc:paragraph:sentence">`` with properties
for its document, paragraph, sentence, kind and status (``x-`` types, as TMX asks for user
properties), the machine translation of a reviewed unit in ``x-mt``, and glossary matches
as notes.

A TMX another tool wrote (OmegaT, Trados, TICO-19) is read one ``<tu>`` at a time and
written back in its version and shape: header, ``<tu>`` and ``<tuv>`` attributes
(creation and change dates and ids), properties (TICO-19's source URLs), notes and any
third language stay as they were; inline codes (``<bpt>``/``<ept>``, ``<ph>``, ``<it>``,
``<hi>``) become tokens and come back as the same elements. A file of several languages
is read as the two asked for (``--source-lang``/``--target-lang``; by default the
header's ``srclang`` and the first other), language tags as written (``id-ID``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import FormatError
from bitext.files import corpus_moment
from bitext.formats.base import (
    STATUS_MARKS,
    TOOL_NAME,
    TOOL_VERSION,
    CorpusInfo,
    SegmentStream,
    Store,
    TextWriter,
    base_lang,
    glossary_note,
    normalized,
    segment_error,
    xml_lang,
)
from bitext.formats.base import (
    stored as stored_extra,
)
from bitext.formats.inline import CodeReader, local_name, write_content
from bitext.formats.skeleton import Container, Skeleton, SkeletonWriter, end_tag, parse_raw, prolog, raw, start_tag
from bitext.model import Note, Segment, check_status, field_int, split_id
from bitext.xmlsafe import xml_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
OWN_PROPS = ("x-doc", "x-paragraph", "x-sentence", "x-kind", "x-status", "x-mt", "x-flag")


def tmx_date(moment: datetime | None = None) -> str:
    """A moment as TMX writes dates (``20240305T081200Z``)."""
    return (moment or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    etree.SubElement(parent, "prop", type=kind).text = xml_text(str(value))


def _lang_of(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _pick(languages: list[str], wanted: str | None, avoid: str | None = None) -> str | None:
    """The variant of ``wanted`` among ``languages`` (the same tag first, else the same
    language); with no ``wanted``, the first that is not ``avoid``."""
    if wanted is None:
        return next((lang for lang in languages if avoid is None or not _same(lang, avoid)), None)
    exact = next((lang for lang in languages if lang.lower() == wanted.lower()), None)
    return exact or next((lang for lang in languages if _same(lang, wanted)), None)


def _same(a: str, b: str) -> bool:
    return base_lang(a) == base_lang(b)


class _Languages:
    """The two languages read from a TMX, settled on the first unit that has them."""

    def __init__(self, header: str | None, source: str | None, target: str | None) -> None:
        header = header if header and header.lower() != "*all*" else None
        self.asked_source, self.asked_target = source, target
        self.source = source or (header if not (target and header and _same(header, target)) else None)
        self.target = target
        self.source_tag: str | None = None  # as written in the file
        self.target_tag: str | None = None
        self.seen: set[str] = set()  # every language of the units read

    def choose(self, languages: list[str]) -> tuple[str | None, str | None]:
        """The source and target variants among one unit's ``languages``."""
        source = _pick(languages, self.source_tag or self.source, None if self.source else self.target)
        if source is None and self.source is None:
            source = _pick(languages, None, self.target)
        target = _pick([lang for lang in languages if lang != source], self.target_tag or self.target,
                       None if self.target else source)
        if self.source is None and source:
            self.source = source
        if self.target is None and target:
            self.target = target
        self.source_tag = self.source_tag or source
        self.target_tag = self.target_tag or target
        return source, target


class TmxStore(Store):
    """TMX 1.1-1.4: bitext's translation memory, and other tools' memories in their own shape."""

    name = "tmx"
    extensions = (".tmx",)
    streams = True

    def open_writer(self, path: Path, info: CorpusInfo) -> TextWriter:
        """A writer of the memory in the shape it came in (another tool's TMX, same version),
        else of bitext's own TMX 1.4."""
        skeleton = Skeleton.from_dict(info.extra.get("skeleton")) if info.origin == "tmx" else None
        if skeleton is not None and (not info.version or info.version == info.extra.get("version")):
            return _ShapedTmxWriter(path, info, skeleton)
        return _TmxWriter(path, info)

    def stream_segments(self, path: Path, stream: SegmentStream, source_lang: str | None,
                        target_lang: str | None) -> Iterator[Segment]:
        """One ``<tu>`` at a time (lxml's iterparse: memory stays bounded by one unit)."""
        try:
            yield from _TmxReader(path, stream, source_lang, target_lang).units()
        except etree.XMLSyntaxError as error:
            raise FormatError(f"{path}: not well-formed XML ({error})") from None
        except OSError as error:
            raise FormatError(f"cannot read {path}: {error.strerror or error}") from None


class _TmxReader:
    """The state of one streamed read: depth, skeleton, languages, pending raw parts."""

    def __init__(self, path: Path, stream: SegmentStream, source_lang: str | None, target_lang: str | None) -> None:
        self.path = path
        self.stream = stream
        self.asked = (source_lang, target_lang)
        self.skeleton = Skeleton()
        self.languages = _Languages(None, source_lang, target_lang)
        self.own = False
        self.pending: list[list[Any]] = []
        self.count = 0
        self.version = ""

    def units(self) -> Iterator[Segment]:
        """The segments of the file, one ``<tu>`` at a time; the skeleton fills as they come."""
        events = etree.iterparse(str(self.path), events=("start", "end"), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=True, remove_blank_text=False)
        depth = 0
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    self._root(element)
                elif depth == 2 and local_name(element.tag) == "body":
                    self.skeleton.containers.append(Container(start_tag(element, {}), end_tag(element), 0))
                continue
            depth -= 1
            if depth == 0:
                self._finish(element)
            elif depth == 1:
                self._root_child(element)
            elif depth == 2 and element.getparent() is not None and local_name(element.getparent().tag) == "body":
                segment = self._unit(element) if local_name(element.tag) == "tu" else None
                if segment is not None:
                    yield segment
                else:
                    self.pending.append([1, raw(element, {})])
                _release(element)

    def _root(self, root: etree._Element) -> None:
        if local_name(root.tag) != "tmx":
            raise FormatError(f"{self.path}: not a TMX file (root element <{root.tag}>)")
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise FormatError(f"{self.path}: XML entity declarations are not accepted (possible entity expansion attack)")
        self.version = root.get("version") or ""
        self.skeleton.prolog = prolog(root)
        self.skeleton.containers.append(Container(start_tag(root, {}), end_tag(root), -1))

    def _root_child(self, element: etree._Element) -> None:
        name = local_name(element.tag)
        if name == "header":
            self._header(element)
        if name == "body":
            self.skeleton.containers[1].tail = [part for holder, part in self.pending if holder == 1]
            self.pending = [item for item in self.pending if item[0] != 1]
        elif isinstance(element.tag, str) or name == "":
            self.pending.append([0, raw(element, {})])
        if name != "body":
            _release(element)

    def _header(self, header: etree._Element) -> None:
        self.own = header.get("creationtool") == TOOL_NAME
        self.languages = _Languages(header.get("srclang"), *self.asked)
        info = self.stream.info
        info.source_lang = self.languages.source or "id"
        info.target_lang = self.languages.target or "en"
        for prop in header.findall("prop"):
            if prop.get("type") == "x-bitext-signature":
                info.signature = prop.text or ""

    def _finish(self, root: etree._Element) -> None:
        asked = self.languages.asked_source
        if asked and self.languages.seen and not any(_same(lang, asked) for lang in self.languages.seen):
            shown = ", ".join(sorted(self.languages.seen))
            raise FormatError(f"{self.path}: the file has no {asked} variant in any unit (its languages: {shown})")
        self.skeleton.containers[0].tail = [part for holder, part in self.pending if holder == 0]
        self.pending = []
        self._settle_info()
        if not self.own:
            self.stream.info.extra = {"format": "tmx", "version": self.version, "skeleton": self.skeleton.to_dict()}

    def _settle_info(self) -> None:
        info = self.stream.info
        info.source_lang = self.languages.source_tag or self.languages.source or info.source_lang
        info.target_lang = self.languages.target_tag or self.languages.target or info.target_lang

    def _unit(self, tu: etree._Element) -> Segment | None:
        """The segment of a ``<tu>``; None for a unit without the source language (kept
        as it is, among the raw parts)."""
        self.count += 1
        try:
            segment = _read_unit(tu, self.languages, self.count, self.path, self.own)
        except ValueError as error:
            raise segment_error(self.path, tu.sourceline, error) from None
        if segment is None:
            self.count -= 1
            return None
        self._settle_info()
        if not self.own:
            segment.extra["tmx"].update(path=[0, 1], before=self.pending)
            self.stream.info.extra = {"format": "tmx", "version": self.version}
        else:
            segment.extra = {}
        self.pending = []
        return normalized(segment)


def _release(element: etree._Element) -> None:
    """Free a unit read (iterparse keeps the tree it builds otherwise)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _read_unit(tu: etree._Element, languages: _Languages, number: int, path: Path, own: bool) -> Segment | None:
    props: dict[str, str] = {}
    flags: list[str] = []
    tuvs = [child for child in tu if local_name(child.tag) == "tuv"]
    source_lang, target_lang = languages.choose([_lang_of(tuv) for tuv in tuvs])
    languages.seen.update(_lang_of(tuv) for tuv in tuvs)
    source_tuv = next((tuv for tuv in tuvs if _lang_of(tuv) == source_lang), None)
    if source_tuv is None:
        return None  # a unit without the source language: kept as it is, among the raw parts
    target_tuv = next((tuv for tuv in tuvs if target_lang and _lang_of(tuv) == target_lang), None)
    segs = [tuv.find("seg") if tuv is not None else None for tuv in (source_tuv, target_tuv)]
    codes = CodeReader("tmx", "".join("".join(seg.itertext()) for seg in segs if seg is not None), None)
    source, target = codes.read(segs[0]), codes.read(segs[1])
    slots: list[dict[str, Any]] = []
    notes: list[Note] = []
    context = None
    for child in tu:
        name = local_name(child.tag)
        if name == "prop" and child.get("type") in OWN_PROPS:
            if child.get("type") == "x-flag":
                flags.append(child.text or "")
            else:
                props[child.get("type") or ""] = child.text or ""
        if name == "prop" and child.get("type") == "x-context" and context is None:
            context = child.text or ""
            slots.append({"slot": "context", "attrs": dict(child.attrib)})
        elif name == "note":
            notes.append(Note("".join(child.itertext()), "", dict(child.attrib)))
            slots.append({"slot": "note"})
        elif child is source_tuv or child is target_tuv:
            slots.append(_tuv_slot(child, "source" if child is source_tuv else "target"))
        elif not (own and name == "prop" and child.get("type") in OWN_PROPS):
            slots.append({"raw": etree.tostring(child, encoding="unicode", with_tail=False)})
    tuid = tu.get("tuid") or ""
    # A third-party tuid ("CMU_1:1") is kept as the id; bitext's own shape is split.
    doc, paragraph, sentence, key = split_id(tuid, props.get("x-doc") or path.stem, number)
    if not tuid:
        key = ""
    doc = props.get("x-doc") or doc
    paragraph = field_int(props, "x-paragraph") if props.get("x-paragraph") else paragraph
    sentence = field_int(props, "x-sentence") if props.get("x-sentence") else sentence
    # Units bitext did not write (no x-status) hold someone's translation, not bitext's MT.
    status = check_status(props.get("x-status") or ("imported" if target else "new"))
    if own:
        notes = [note for note in notes if not note.text.startswith("glossary: ")]
    return Segment(
        doc=doc, paragraph=paragraph, sentence=sentence, source=source, target=target, status=status,
        kind=props.get("x-kind") or "body", mt=props.get("x-mt"),
        key=key if key and key != f"{doc}:{paragraph}:{sentence}" else "",
        flags=flags, context=context, codes=codes.codes, notes=notes,
        extra={"tmx": {"attrs": dict(tu.attrib), "slots": slots}},
    )


def _tuv_slot(tuv: etree._Element, role: str) -> dict[str, Any]:
    inner = [{"slot": "seg", "attrs": dict(child.attrib)} if local_name(child.tag) == "seg"
             else {"raw": etree.tostring(child, encoding="unicode", with_tail=False)} for child in tuv]
    return {"slot": "tuv", "role": role, "attrs": dict(tuv.attrib), "children": inner}


class _TmxWriter(TextWriter):
    """One ``<tu>`` at a time behind a header dated with the corpus date (settled at the
    end, so the body waits in a temporary file)."""

    dated_header = True

    def header(self) -> str:
        """The XML declaration, doctype, ``<tmx version="1.4">`` and a ``<header>`` naming bitext,
        dated with the corpus date and holding the signature; ``<body>`` opened."""
        header = etree.Element(
            "header",
            creationtool=TOOL_NAME,
            creationtoolversion=TOOL_VERSION,
            segtype="sentence",
            **{"o-tmf": "bitext-jsonl"},
            adminlang="en",
            srclang=xml_lang(self.info.source_lang),
            datatype="plaintext",
            creationdate=tmx_date(corpus_moment(self.info)),
        )
        if self.info.signature:
            _prop(header, "x-bitext-signature", self.info.signature)
        return (
            "<?xml version='1.0' encoding='UTF-8'?>\n" + DOCTYPE + '\n<tmx version="1.4">\n'
            + etree.tostring(header, encoding="unicode", pretty_print=True) + "<body>\n"
        )

    def render(self, segment: Segment) -> str:
        """The segment as a ``<tu>``: bitext's fields as ``x-`` properties, notes, glossary
        matches, the source ``<tuv>`` and the target's (left out for a new segment with no
        target)."""
        tu = etree.Element("tu", tuid=xml_text(segment.id))
        _prop(tu, "x-doc", segment.doc)
        _prop(tu, "x-paragraph", segment.paragraph)
        _prop(tu, "x-sentence", segment.sentence)
        _prop(tu, "x-kind", segment.kind)
        _prop(tu, "x-status", segment.status)
        if segment.mt is not None:
            _prop(tu, "x-mt", segment.mt)
        for flag in segment.flags:
            _prop(tu, "x-flag", flag)
        if segment.context is not None:
            _prop(tu, "x-context", segment.context)
        for note in segment.notes:  # after the properties, as bitext has always written them
            _note(tu, note)
        for match in segment.terms:
            etree.SubElement(tu, "note").text = xml_text(glossary_note(match))
        _tuv(tu, xml_lang(self.info.source_lang), segment.source, segment)
        if segment.target or segment.status != "new":
            _tuv(tu, xml_lang(self.info.target_lang), segment.target, segment,
                 STATUS_MARKS[segment.status].tmx_creator or None)
        return etree.tostring(tu, encoding="unicode", pretty_print=True)

    def footer(self) -> str:
        """Close ``<body>`` and ``<tmx>``."""
        return "</body>\n</tmx>\n"


def _note(parent: etree._Element, note: Note) -> None:
    element = etree.SubElement(parent, "note", {key: xml_text(value) for key, value in note.attrs.items()})
    element.text = xml_text(note.text)


def _tuv(parent: etree._Element, lang: str, text: str, segment: Segment, creator: str | None = None,
         lang_attr: str = XML_LANG) -> None:
    tuv = etree.SubElement(parent, "tuv", {lang_attr: lang, **({"creationid": creator} if creator else {})})
    write_content(etree.SubElement(tuv, "seg"), text, segment.codes, "tmx", None)


class _ShapedTmxWriter(TextWriter):
    """A TMX written back as it came: header, attributes, properties, notes and other
    languages from the skeleton and each segment's slots."""

    def __init__(self, path: Path, info: CorpusInfo, skeleton: Skeleton) -> None:
        self._parts: list[str] = []
        self.reversed = bool(info.extra.get("reversed"))
        self.old_lang_attr = str(info.extra.get("version", "")).startswith("1.1")
        super().__init__(path, info)
        self.layout = SkeletonWriter(skeleton, self._parts.append, [0, 1])

    def header(self) -> str:
        """Nothing: the prolog and header come from the skeleton with the first unit (or the
        footer)."""
        return ""

    def render(self, segment: Segment) -> str:
        """The segment's ``<tu>`` rebuilt from its slots (attributes, properties, notes, other
        languages), behind the skeleton's parts before it."""
        stored = stored_extra(segment, "tmx")
        self.layout.place(stored.get("path"), stored.get("before"))
        tu = self._unit(segment, stored)
        text = etree.tostring(tu, encoding="unicode")
        parts = "".join(self._parts)
        self._parts.clear()
        return parts + text + "\n"

    def _unit(self, segment: Segment, stored: dict[str, Any]) -> etree._Element:
        attrs = dict(stored["attrs"]) if isinstance(stored.get("attrs"), dict) else (
            {"tuid": segment.id} if segment.key else {})
        tu = etree.Element("tu", {key: xml_text(value) for key, value in attrs.items()})
        slots: list[dict[str, Any]] = stored["slots"] if isinstance(stored.get("slots"), list) else []
        roles = {"source": "target", "target": "source"} if self.reversed else {"source": "source", "target": "target"}
        notes = list(segment.notes)
        written = set()
        for slot in slots:
            name = slot.get("slot")
            if name == "note":
                if notes:
                    _note(tu, notes.pop(0))
            elif name == "context":
                if segment.context is not None:
                    etree.SubElement(tu, "prop", slot.get("attrs") or {"type": "x-context"}).text = xml_text(segment.context)
            elif name == "tuv":
                role = roles.get(str(slot.get("role")), "")
                written.add(role)
                self._shaped_tuv(tu, slot, segment.source if role == "source" else segment.target, segment)
            elif "raw" in slot:
                tu.append(parse_raw(slot["raw"]))
        for note in notes:
            tu.insert(0, etree.Element("note"))
            tu[0].text = xml_text(note.text)
        lang_attr = "lang" if self.old_lang_attr else XML_LANG
        if "source" not in written:
            _tuv(tu, xml_lang(self.info.source_lang), segment.source, segment, lang_attr=lang_attr)
        if "target" not in written and segment.target:
            _tuv(tu, xml_lang(self.info.target_lang), segment.target, segment, lang_attr=lang_attr)
        return tu

    def _shaped_tuv(self, tu: etree._Element, slot: dict[str, Any], text: str, segment: Segment) -> None:
        tuv = etree.SubElement(tu, "tuv", {key: xml_text(value) for key, value in (slot.get("attrs") or {}).items()})
        for child in slot.get("children") or [{"slot": "seg", "attrs": {}}]:
            if child.get("slot") == "seg":
                seg = etree.SubElement(tuv, "seg", child.get("attrs") or {})
                write_content(seg, text, segment.codes, "tmx", None)
            elif "raw" in child:
                tuv.append(parse_raw(child["raw"]))

    def footer(self) -> str:
        """The skeleton's remaining parts: open containers closed, then the epilog."""
        self.layout.finish()
        parts = "".join(self._parts)
        self._parts.clear()
        return parts
