"""XLIFF 1.0, 1.1, 1.2 and 2.0, for OmegaT, Okapi, Trados, memoQ and Xcode.

bitext writes XLIFF 1.2 (or 2.0, asked for by version): one ``<file original="doc">``
per document. Machine translation is ``state="needs-review-translation"`` with
``state-qualifier="leveraged-mt"`` (2.0: ``state="translated" subState="bitext:mt"``); a
reviewed unit is ``state="translated" approved="yes"`` (2.0: ``state="reviewed"``) and
keeps the machine translation as an ``<alt-trans origin="bitext-mt">`` (2.0: a note).
Glossary matches and the segment class are notes.

A file another tool wrote is read in any version and written back in its own version
and shape: the containers (``<file>``, ``<group>``, headers) and everything of a unit
bitext does not read stay as they were; source, target, notes and the unit's state come
from the segment. Inline elements (``<x/>``, ``<g>``, ``<bpt>``/``<ept>``, ``<ph>``,
``<mrk>``; 2.0 ``<ph/>``, ``<pc>``, ``<sc/>``/``<ec/>``) become tokens and come back as
they were (see :mod:`bitext.formats.inline`). A unit translated but not approved stays
so; a target with no state keeps none.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import FormatError
from bitext.formats.base import (
    STATUS_NOTE,
    TOOL_NAME,
    TOOL_VERSION,
    XLIFF2_MT,
    XLIFF2_NEEDS_REVIEW,
    CorpusInfo,
    Store,
    TextWriter,
    glossary_note,
    marks_of,
    normalized,
    read_status,
    segment_error,
    status_of,
    xml_lang,
)
from bitext.formats.base import (
    stored as stored_extra,
)
from bitext.formats.inline import XLIFF2_NS, CodeReader, inner_xml, local_name, write_content
from bitext.formats.skeleton import Skeleton, SkeletonWriter, parse_raw, walk, without_inherited
from bitext.model import Corpus, Note, Segment, check_status, split_id
from bitext.xmlsafe import parse_xml, xml_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
NS_PREFIX = "urn:oasis:names:tc:xliff:document:"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MT_ORIGIN = "bitext-mt"
SIGNATURE_FROM = "bitext-signature"
REVIEWED_STATES = {"translated", "signed-off", "final"}
MARKED_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
                 "needs-review-adaptation", "needs-review-l10n"}
FLAG_NOTE = "check: "
MT_NOTE = "MT: "


def state_qualifier_is_mt(target: etree._Element) -> bool:
    """Whether an XLIFF 1.2 target says it is machine translation."""
    return target.get("state-qualifier") in ("leveraged-mt", "mt-suggestion")


def _q(tag: str, namespace: str | None = NS) -> str:
    return f"{{{namespace}}}{tag}" if namespace else tag


def _namespace(element: etree._Element) -> str | None:
    tag = element.tag
    return tag[1:].split("}")[0] if isinstance(tag, str) and tag.startswith("{") else None


def xliff_version(root: etree._Element) -> str:
    """The version a file declares (``version``, else its namespace; no namespace is 1.0)."""
    namespace = _namespace(root) or ""
    version = root.get("version") or (namespace[len(NS_PREFIX):] if namespace.startswith(NS_PREFIX) else "")
    return version or "1.0"


class XliffStore(Store):
    """XLIFF 1.x and 2.0: bitext's 1.2 (or 2.0), and other tools' files in their own shape."""

    name = "xliff"
    extensions = (".xlf", ".xliff", ".sdlxliff")
    marks_review = True

    def open_writer(self, path: Path, info: CorpusInfo) -> TextWriter:
        """A writer in the shape a file came in when it is written in its own version, else
        bitext's XLIFF 2.0 or 1.2 (the version asked for, else the origin's, else 1.2);
        another version is a :class:`FormatError`."""
        origin_version = str(info.extra.get("version", "")) if info.shaped("xliff") else ""
        version = info.version or origin_version or "1.2"
        skeleton = Skeleton.from_dict(info.extra.get("skeleton")) if origin_version == version else None
        if skeleton is not None:
            return _ShapedWriter(path, info, skeleton, version)
        if version.startswith("2"):
            return _Xliff2Writer(path, info)
        if version != "1.2":
            raise FormatError(f"cannot write {path}: bitext writes XLIFF 1.2 and 2.0, and XLIFF {version} "
                              "only for a file that came in that version")
        return _XliffWriter(path, info, self)

    # -- bitext's own XLIFF 1.2 ----------------------------------------------------------

    def _file(self, doc: str, info: CorpusInfo) -> str:
        """The opening of one ``<file>`` (its header included), as text."""
        element = etree.Element(
            _q("file"),
            original=xml_text(doc),
            datatype="plaintext",
            **{"source-language": xml_lang(info.source_lang), "target-language": xml_lang(info.target_lang),
               "tool-id": TOOL_NAME},
            nsmap={None: NS},
        )
        header = etree.SubElement(element, _q("header"))
        etree.SubElement(header, _q("tool"), **{"tool-id": TOOL_NAME, "tool-name": TOOL_NAME, "tool-version": TOOL_VERSION})
        if info.signature:
            etree.SubElement(header, _q("note"), {"from": SIGNATURE_FROM}).text = xml_text(info.signature)
        etree.SubElement(element, _q("body")).text = "\n"
        text = etree.tostring(element, encoding="unicode", pretty_print=True)
        return text[: text.rindex("</body>")]  # left open: units follow

    def _unit(self, body: etree._Element, segment: Segment) -> None:
        marks = marks_of(segment)
        unit = etree.SubElement(
            body, _q("trans-unit"), id=xml_text(segment.id), approved="yes" if marks.xliff_approved else "no"
        )
        unit.set(XML_SPACE, "preserve")
        write_content(etree.SubElement(unit, _q("source")), segment.source, segment.codes, "xliff1", NS)
        if segment.draft is not None:  # a translator's draft: their text, still to be reviewed
            draft = etree.SubElement(unit, _q("target"), state="needs-review-translation")
            write_content(draft, segment.draft, segment.codes, "xliff1", NS)
            unit.set("approved", "no")
        elif marks.xliff_state:
            target = etree.SubElement(unit, _q("target"), state=marks.xliff_state)
            write_content(target, segment.target, segment.codes, "xliff1", NS)
            if marks.xliff_qualifier:
                target.set("state-qualifier", marks.xliff_qualifier)
        notes = [f"kind: {segment.kind}"] + [STATUS_NOTE + segment.status] * marks.recorded
        notes += [f"{FLAG_NOTE}{flag}" for flag in segment.flags]
        for text in notes:
            etree.SubElement(unit, _q("note"), {"from": "bitext", "annotates": "general"}).text = xml_text(text)
        for match in segment.terms:
            etree.SubElement(unit, _q("note"), {"from": "bitext", "annotates": "source"}).text = xml_text(
                glossary_note(match)
            )
        for note in segment.notes:
            _note(unit, note, NS)
        machine = segment.mt if segment.mt is not None else segment.target if segment.draft is not None else None
        if machine is not None:
            alternative = etree.SubElement(unit, _q("alt-trans"), origin=MT_ORIGIN)
            write_content(etree.SubElement(alternative, _q("target")), machine, segment.codes, "xliff1", NS)

    def read(self, path: Path) -> Corpus:
        """Read an XLIFF file: 2.x and other tools' 1.x files in their own shape (kept for the
        writer), bitext's 1.2 with its languages, signature and statuses. A root that is not
        ``<xliff>`` is a :class:`FormatError`."""
        root = parse_xml(self.read_bytes(path), str(path))
        if local_name(root.tag) != "xliff":
            raise FormatError(f"{path}: not an XLIFF file (root element {root.tag})")
        version = xliff_version(root)
        if version.startswith("2"):
            return _read_xliff2(root, path, version)
        if not _written_by_bitext(root):
            return _read_foreign(root, path, version)
        segments: list[Segment] = []
        source_lang, target_lang, signature = "id", "en", ""
        for file in root.iterfind(_q("file")):
            source_lang = file.get("source-language") or source_lang
            target_lang = file.get("target-language") or target_lang
            for note in file.iterfind(f"{_q('header')}/{_q('note')}"):
                if note.get("from") == SIGNATURE_FROM:
                    signature = note.text or ""
            for unit in file.iter(_q("trans-unit")):
                segments.append(normalized(self._segment(unit, path, len(segments) + 1)))
        return Corpus(segments, source_lang, target_lang, signature)

    def _segment(self, unit: etree._Element, path: Path, number: int) -> Segment:
        doc, paragraph, sentence, key = split_id(unit.get("id") or str(number), path.stem, number)
        source = unit.find(_q("source"))
        target = unit.find(_q("target"))
        codes = CodeReader("xliff1", "".join(unit.itertext()), NS)
        source_text, target_text = codes.read(source), codes.read(target)
        state = target.get("state", "") if target is not None else ""
        notes = [note.text or "" for note in unit.iterfind(_q("note")) if note.get("from") == "bitext"]

        def note(prefix: str) -> str | None:
            return next((text[len(prefix) :] for text in notes if text.startswith(prefix)), None)

        if target is None or not target_text:
            signal = "new"
        elif unit.get("approved") == "yes":
            signal = "reviewed"
        elif state in REVIEWED_STATES:
            signal = "reviewed" if note(STATUS_NOTE) or not state_qualifier_is_mt(target) else "mt"
        else:
            signal = "mt"
        try:
            status = check_status(read_status(signal, note(STATUS_NOTE)))
        except ValueError as error:
            raise segment_error(path, unit.sourceline, error) from None
        kind = note("kind: ") or "body"
        flags = [text[len(FLAG_NOTE) :] for text in notes if text.startswith(FLAG_NOTE)]
        mt = None
        for alternative in unit.iterfind(_q("alt-trans")):
            if alternative.get("origin") == MT_ORIGIN and alternative.find(_q("target")) is not None:
                mt = codes.read(alternative.find(_q("target")))
        others = [_read_note(element) for element in unit.iterfind(_q("note")) if element.get("from") != "bitext"]
        return Segment(doc, paragraph, sentence, source_text, target_text, status, kind, mt, key=key, flags=flags,
                       codes=codes.codes, notes=others)


def _written_by_bitext(root: etree._Element) -> bool:
    namespace = _namespace(root)
    files = list(root.iterfind(_q("file", namespace)))
    return namespace == NS and bool(files) and all(file.get("tool-id") == TOOL_NAME for file in files)


def _read_note(element: etree._Element) -> Note:
    attrs = {key: value for key, value in element.attrib.items() if key not in ("from", "category")}
    return Note("".join(element.itertext()), element.get("from") or element.get("category") or "", attrs)


def _note(parent: etree._Element, note: Note, namespace: str | None, origin_attr: str = "from") -> None:
    element = etree.SubElement(parent, _q("note", namespace))
    if note.origin:
        element.set(origin_attr, xml_text(note.origin))
    for key, value in note.attrs.items():
        element.set(key, xml_text(value))
    element.text = xml_text(note.text)


# -- another tool's XLIFF 1.x --------------------------------------------------------------


def _read_foreign(root: etree._Element, path: Path, version: str) -> Corpus:
    namespace = _namespace(root)
    skeleton, places = walk(root, lambda element: element.tag == _q("trans-unit", namespace))
    segments: list[Segment] = []
    keys: set[str] = set()
    languages: dict[str, str] = {}
    for unit, unit_path, before in places:
        file = next(unit.iterancestors(_q("file", namespace)), None)
        doc = (file.get("original") if file is not None else None) or path.stem
        if file is not None:
            languages.setdefault("source", file.get("source-language") or "")
            languages.setdefault("target", file.get("target-language") or "")
        segment = _foreign_unit(unit, namespace, doc, len(segments) + 1, path)
        if not languages.get("target"):
            target = unit.find(_q("target", namespace))
            if target is not None and target.get(XML_LANG):
                languages["target"] = target.get(XML_LANG) or ""
        segment.key = _unique(segment.id, doc, keys)
        segment.extra["xliff"].update(path=unit_path, before=before)
        segments.append(normalized(segment))
    extra = {"format": "xliff", "version": version, "namespace": namespace or "", "skeleton": skeleton.to_dict()}
    return Corpus(segments, languages.get("source") or "en", languages.get("target") or "und", extra=extra)


def _unique(segment_id: str, doc: str, seen: set[str]) -> str:
    """A record's key, unique in the corpus: units of two files may share an id."""
    key = segment_id
    if key in seen:
        key = f"{doc}:{segment_id}"
    count = 1
    while key in seen:
        count += 1
        key = f"{doc}:{segment_id}#{count}"
    seen.add(key)
    return key


def _signal(target: etree._Element | None, target_text: str, approved: bool) -> str:
    if target is None or not target_text.strip():
        return "new"
    if approved:
        return "approved"
    if state_qualifier_is_mt(target):
        return "mt"
    if target.get("state") in MARKED_STATES:
        return "fuzzy"
    return "translated"


def _foreign_unit(unit: etree._Element, namespace: str | None, doc: str, number: int, path: Path) -> Segment:
    source = unit.find(_q("source", namespace))
    target = unit.find(_q("target", namespace))
    codes = CodeReader("xliff1", "".join(unit.itertext()), namespace)
    source_text, target_text = codes.read(source), codes.read(target)
    slots: list[dict[str, Any]] = []
    notes: list[Note] = []
    mt = None
    for child in unit:
        name = local_name(child.tag) if _namespace(child) == namespace else ""
        if child is source or child is target:
            slots.append({"slot": name, "attrs": dict(child.attrib)})
        elif name == "note":
            slots.append({"slot": "note"})
            notes.append(_read_note(child))
        elif name == "alt-trans" and child.get("origin") == MT_ORIGIN and child.find(_q("target", namespace)) is not None:
            mt = codes.read(child.find(_q("target", namespace)))
        else:
            slots.append({"raw": etree.tostring(child, encoding="unicode", with_tail=False)})
    status, needs_review = status_of(_signal(target, target_text, unit.get("approved") == "yes"), None, own=False)
    unit_id = unit.get("id") or str(number)
    doc_, paragraph, sentence, key = split_id(unit_id, doc, number)
    extra = {"xliff": {"attrs": dict(unit.attrib), "slots": slots, "read_as": [status, needs_review]}}
    return Segment(doc_, paragraph, sentence, source_text, target_text, status, mt=mt, key=key or unit_id,
                   codes=codes.codes, notes=notes, needs_review=needs_review, extra=extra)


class _ShapedWriter(TextWriter):
    """A file written back in the version and shape it came in: the skeleton's
    containers and raw parts around units rebuilt from their segments."""

    def __init__(self, path: Path, info: CorpusInfo, skeleton: Skeleton, version: str) -> None:
        self.skeleton = skeleton
        self.version = version
        self._parts: list[str] = []
        super().__init__(path, info)
        self.layout = SkeletonWriter(skeleton, self._parts.append)

    def header(self) -> str:
        """Nothing: the prolog and containers come from the skeleton with the first unit (or
        the footer)."""
        return ""

    def render(self, segment: Segment) -> str:
        """The segment as a unit of the file's version, rebuilt from its slots, behind the
        skeleton's parts before it."""
        stored = stored_extra(segment, "xliff")
        self.layout.place(stored.get("path"), stored.get("before"))
        nsmap = self.layout.nsmap()
        namespace = str(self.info.extra.get("namespace") or "") or None
        if self.version.startswith("2"):
            element = _xliff2_record(segment, stored, namespace or XLIFF2_NS)
        else:
            element = _xliff1_unit(segment, stored, namespace)
        text = without_inherited(etree.tostring(element, encoding="unicode"), nsmap)
        return self._flush() + text + "\n"

    def _flush(self) -> str:
        text = "".join(self._parts)
        self._parts.clear()
        return text

    def footer(self) -> str:
        """The skeleton's remaining parts: open containers closed, then the epilog."""
        self.layout.finish()
        return self._flush()


def _slots_or_default(stored: dict[str, Any], names: tuple[str, ...]) -> list[dict[str, Any]]:
    slots = stored.get("slots")
    if isinstance(slots, list) and all(isinstance(slot, dict) for slot in slots):
        return slots
    return [{"slot": name, "attrs": {}} for name in names]


def _marks_changed(segment: Segment, stored: dict[str, Any]) -> bool:
    return stored.get("read_as") != [segment.status, segment.needs_review]


def _xliff1_unit(segment: Segment, stored: dict[str, Any], namespace: str | None) -> etree._Element:
    attrs = dict(stored["attrs"]) if isinstance(stored.get("attrs"), dict) else {"id": segment.id}
    marks = marks_of(segment)
    changed = _marks_changed(segment, stored)
    if changed:
        if marks.xliff_approved:
            attrs["approved"] = "yes"
        elif "approved" in attrs:
            attrs["approved"] = "no"
    unit = etree.Element(_q("trans-unit", namespace), {k: xml_text(v) for k, v in attrs.items()},
                         nsmap={None: namespace} if namespace else None)
    slots = _slots_or_default(stored, ("source", "target"))
    if segment.target and not any(slot.get("slot") == "target" for slot in slots):
        at = next((i + 1 for i, slot in enumerate(slots) if slot.get("slot") in ("source", "seg-source")), 0)
        slots = [*slots[:at], {"slot": "target", "attrs": {}}, *slots[at:]]
    notes = list(segment.notes)
    for slot in slots:
        name = slot.get("slot")
        if name in ("source", "target"):
            element = etree.SubElement(unit, _q(name, namespace), {k: xml_text(v) for k, v in (slot.get("attrs") or {}).items()})
            if name == "target" and changed:
                _set_marks(element, marks.xliff_state, marks.xliff_qualifier)
            write_content(element, segment.source if name == "source" else segment.target, segment.codes, "xliff1",
                          namespace)
        elif name == "note":
            if notes:
                _note(unit, notes.pop(0), namespace)
        elif "raw" in slot:
            unit.append(parse_raw(slot["raw"]))
    for note in notes:
        _note(unit, note, namespace)
    if segment.mt is not None:
        alternative = etree.SubElement(unit, _q("alt-trans", namespace), origin=MT_ORIGIN)
        write_content(etree.SubElement(alternative, _q("target", namespace)), segment.mt, segment.codes, "xliff1",
                      namespace)
    return unit


def _set_marks(target: etree._Element, state: str, qualifier: str) -> None:
    for name, value in (("state", state), ("state-qualifier", qualifier)):
        if value:
            target.set(name, value)
        elif name in target.attrib:
            del target.attrib[name]


class _XliffWriter(TextWriter):
    """One ``<file>`` per document, opened when its first unit arrives (a document whose
    units come apart gets a second ``<file>``); units streamed one at a time."""

    def __init__(self, path: Path, info: CorpusInfo, store: XliffStore) -> None:
        self.store = store
        self._doc: str | None = None
        super().__init__(path, info)

    def header(self) -> str:
        """The XML declaration and the ``<xliff version="1.2">`` root."""
        return f"<?xml version='1.0' encoding='UTF-8'?>\n<xliff xmlns=\"{NS}\" version=\"1.2\">\n"

    def render(self, segment: Segment) -> str:
        """The segment's ``<trans-unit>``, behind the closing of the previous ``<file>`` and the
        opening of a new one when its document differs from the previous segment's."""
        opening = ""
        if segment.doc != self._doc:
            opening = ("</body>\n</file>\n" if self._doc is not None else "") + self.store._file(segment.doc, self.info)
            self._doc = segment.doc
        body = etree.Element(_q("body"), nsmap={None: NS})
        self.store._unit(body, segment)
        unit = etree.tostring(body[0], encoding="unicode", pretty_print=True)
        return opening + unit.replace(f' xmlns="{NS}"', "", 1)

    def footer(self) -> str:
        """Close the open ``<file>`` (if any) and ``<xliff>``."""
        return ("</body>\n</file>\n" if self._doc is not None else "") + "</xliff>\n"


# -- XLIFF 2.0 -------------------------------------------------------------------------------


def _is_xliff2_record(element: etree._Element) -> bool:
    name = local_name(element.tag)
    if name == "unit":
        return len(element.findall(_q("segment", _namespace(element)))) == 1
    if name == "segment":
        parent = element.getparent()
        return parent is not None and len(parent.findall(_q("segment", _namespace(element)))) > 1
    return False


def _read_xliff2(root: etree._Element, path: Path, version: str) -> Corpus:
    namespace = _namespace(root) or XLIFF2_NS
    own = root.get(f"{{{BITEXT_NS}}}tool") == TOOL_NAME
    skeleton, places = walk(root, _is_xliff2_record)
    segments: list[Segment] = []
    keys: set[str] = set()
    signature = ""
    for record, record_path, before in places:
        file = next(record.iterancestors(_q("file", namespace)), None)
        doc = (file.get("original") or file.get("id") if file is not None else None) or path.stem
        try:
            segment = _xliff2_segment(record, namespace, doc, len(segments) + 1, own)
        except ValueError as error:
            raise segment_error(path, record.sourceline, error) from None
        segment.key = _unique(segment.id, doc, keys) if not own else segment.key
        segment.extra.setdefault("xliff", {}).update(path=record_path, before=before)
        if own:
            segment.extra = {}
        segments.append(normalized(segment))
    source_lang, target_lang = root.get("srcLang") or "en", root.get("trgLang") or "und"
    if own:
        for note in root.iterfind(f"{_q('file', namespace)}/{_q('notes', namespace)}/{_q('note', namespace)}"):
            if note.get("category") == TOOL_NAME and (note.text or "").startswith("signature: "):
                signature = (note.text or "")[len("signature: "):]
        return Corpus(segments, source_lang, target_lang, signature)
    extra = {"format": "xliff", "version": version, "namespace": namespace, "skeleton": skeleton.to_dict()}
    return Corpus(segments, source_lang, target_lang, extra=extra)


BITEXT_NS = "https://github.com/bitext/xliff"  # bitext's own attributes and notes in XLIFF 2.0


def _original_data(unit: etree._Element, namespace: str) -> dict[str, str]:
    data = {}
    for element in unit.iterfind(f"{_q('originalData', namespace)}/{_q('data', namespace)}"):
        data[element.get("id") or ""] = inner_xml(element)
    return data


def _xliff2_signal(segment_element: etree._Element, target_text: str) -> str:
    if not target_text.strip():
        return "new"
    state, substate = segment_element.get("state"), segment_element.get("subState")
    if substate == XLIFF2_MT:
        return "mt"
    if substate == XLIFF2_NEEDS_REVIEW or state == "initial":
        return "fuzzy"
    if state in ("reviewed", "final"):
        return "approved"
    return "translated"


def _xliff2_segment(record: etree._Element, namespace: str, doc: str, number: int, own: bool) -> Segment:
    single = local_name(record.tag) == "unit"
    unit = record if single else record.getparent()
    found = record.find(_q("segment", namespace)) if single else record
    if unit is None or found is None:
        raise ValueError("a segment outside a unit")
    segment_element = found
    source = segment_element.find(_q("source", namespace))
    target = segment_element.find(_q("target", namespace))
    codes = CodeReader("xliff2", "".join(record.itertext()), namespace, _original_data(unit, namespace))
    source_text, target_text = codes.read(source), codes.read(target)
    notes: list[Note] = []
    own_notes: list[Note] = []
    if single:
        for element in record.iterfind(f"{_q('notes', namespace)}/{_q('note', namespace)}"):
            (own_notes if own and element.get("category") == TOOL_NAME else notes).append(_read_note(element))
    slots = [] if own else _xliff2_slots(record, segment_element, source, target, namespace)
    bitext = {note.text.split(": ", 1)[0]: note.text.split(": ", 1)[-1] for note in own_notes}
    status, needs_review = status_of(_xliff2_signal(segment_element, target_text), bitext.get("status"), own=own)
    unit_id = unit.get("id") or str(number)
    record_id = unit_id if single else f"{unit_id}::{segment_element.get('id') or number}"
    if own:
        record_id = unit.get("name") or record_id
    doc_, paragraph, sentence, key = split_id(record_id, doc, number)
    extra: dict[str, Any] = {"xliff": {"attrs": dict(record.attrib), "slots": slots, "read_as": [status, needs_review]}}
    return Segment(doc_, paragraph, sentence, source_text, target_text, status, bitext.get("kind") or "body",
                   bitext.get("MT"), key=key or (record_id if not own else ""),
                   flags=[n.text[len(FLAG_NOTE):] for n in own_notes if n.text.startswith(FLAG_NOTE)],
                   codes=codes.codes, notes=notes, needs_review=needs_review, extra=extra)


def _xliff2_slots(record: etree._Element, segment_element: etree._Element, source: etree._Element | None,
                  target: etree._Element | None, namespace: str) -> list[dict[str, Any]]:
    """The children of a unit (or of a lone segment) in order: what bitext reads is a slot,
    the rest raw."""
    slots: list[dict[str, Any]] = []
    for child in record:
        name = local_name(child.tag) if _namespace(child) == namespace else ""
        if child is segment_element:
            slots.append({"slot": "segment", "attrs": dict(child.attrib),
                          "children": _xliff2_slots(child, segment_element, source, target, namespace)})
        elif any(child is element for element in (source, target)):
            slots.append({"slot": name, "attrs": dict(child.attrib)})
        elif name == "notes" and local_name(record.tag) == "unit":
            slots.append({"slot": "notes", "attrs": dict(child.attrib),
                          "notes": ["note" if local_name(n.tag) == "note" else etree.tostring(n, encoding="unicode", with_tail=False)
                                    for n in child]})
        else:
            slots.append({"raw": etree.tostring(child, encoding="unicode", with_tail=False)})
    return slots


def _xliff2_record(segment: Segment, stored: dict[str, Any], namespace: str) -> etree._Element:
    """A unit (or a segment of a unit of several) of a file written back in its shape."""
    attrs = dict(stored.get("attrs") or {})
    slots: list[dict[str, Any]] = stored["slots"] if isinstance(stored.get("slots"), list) else []
    is_segment = bool(slots) and not any(s.get("slot") == "segment" for s in slots)
    if not attrs and not slots:
        return _new_unit(segment, namespace, f"u{zlib.crc32(segment.id.encode('utf-8', 'replace')):08x}")
    tag = "segment" if is_segment else "unit"
    element = etree.Element(_q(tag, namespace), {k: xml_text(v) for k, v in attrs.items()}, nsmap={None: namespace})
    changed = _marks_changed(segment, stored)
    if is_segment:
        _fill_segment(element, segment, slots, namespace, changed)
        return element
    notes = list(segment.notes)
    has_notes = any(s.get("slot") == "notes" for s in slots or [])
    for slot in slots or []:
        name = slot.get("slot")
        if name == "segment":
            child = etree.SubElement(element, _q("segment", namespace),
                                     {k: xml_text(v) for k, v in (slot.get("attrs") or {}).items()})
            _fill_segment(child, segment, slot.get("children") or [], namespace, changed)
        elif name == "notes":
            holder = etree.SubElement(element, _q("notes", namespace), slot.get("attrs") or {})
            for item in slot.get("notes") or []:
                if item == "note":
                    if notes:
                        _note(holder, notes.pop(0), namespace, "category")
                else:
                    holder.append(parse_raw(item))
            for note in notes:
                _note(holder, note, namespace, "category")
            notes = []
        elif "raw" in slot:
            element.append(parse_raw(slot["raw"]))
    if notes and not has_notes:
        holder = etree.Element(_q("notes", namespace))
        for note in notes:
            _note(holder, note, namespace, "category")
        element.insert(0, holder)
    return element


def _fill_segment(element: etree._Element, segment: Segment, slots: list[dict[str, Any]], namespace: str,
                  changed: bool) -> None:
    if changed:
        marks = marks_of(segment)
        for attribute, value in (("state", marks.xliff2_state), ("subState", marks.xliff2_substate)):
            if value and segment.target:
                element.set(attribute, value)
            elif attribute in element.attrib:
                del element.attrib[attribute]
    if segment.target and not any(slot.get("slot") == "target" for slot in slots):
        at = next((i + 1 for i, slot in enumerate(slots) if slot.get("slot") == "source"), len(slots))
        slots = [*slots[:at], {"slot": "target", "attrs": {}}, *slots[at:]]
    for slot in slots:
        name = slot.get("slot")
        if name in ("source", "target"):
            child = etree.SubElement(element, _q(name, namespace), {k: xml_text(v) for k, v in (slot.get("attrs") or {}).items()})
            write_content(child, segment.source if name == "source" else segment.target, segment.codes, "xliff2", namespace)
        elif "raw" in slot:
            element.append(parse_raw(slot["raw"]))


def _nmtoken(text: str) -> bool:
    return bool(text) and all(char.isalnum() or char in ".-_:" for char in text)


def _new_unit(segment: Segment, namespace: str, fallback_id: str) -> etree._Element:
    """A unit of bitext's own XLIFF 2.0 (or a new unit in another tool's file)."""
    unit_id = segment.id if _nmtoken(segment.id) else fallback_id
    unit = etree.Element(_q("unit", namespace), id=unit_id, nsmap={None: namespace})
    if unit_id != segment.id:
        unit.set("name", xml_text(segment.id))
    notes = etree.SubElement(unit, _q("notes", namespace))
    marks = marks_of(segment)
    own = [f"kind: {segment.kind}"] + [STATUS_NOTE + segment.status] * marks.recorded
    own += [f"{FLAG_NOTE}{flag}" for flag in segment.flags] + [glossary_note(match) for match in segment.terms]
    if segment.mt is not None:
        own.append(MT_NOTE + segment.mt)
    for text in own:
        etree.SubElement(notes, _q("note", namespace), category=TOOL_NAME).text = xml_text(text)
    for note in segment.notes:
        _note(notes, note, namespace, "category")
    element = etree.SubElement(unit, _q("segment", namespace))
    if segment.target and marks.xliff2_state:
        element.set("state", marks.xliff2_state)
        if marks.xliff2_substate:
            element.set("subState", marks.xliff2_substate)
    write_content(etree.SubElement(element, _q("source", namespace)), segment.source, segment.codes, "xliff2", namespace)
    if segment.target:
        write_content(etree.SubElement(element, _q("target", namespace)), segment.target, segment.codes, "xliff2",
                      namespace)
    return unit


class _Xliff2Writer(TextWriter):
    """bitext's own XLIFF 2.0: one ``<file>`` per document, units streamed."""

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        self._doc: str | None = None
        self._files = 0
        self._ids: set[str] = set()
        super().__init__(path, info)

    def header(self) -> str:
        """The XML declaration and the XLIFF 2.0 root with both languages and bitext's tool mark."""
        return (f"<?xml version='1.0' encoding='UTF-8'?>\n<xliff xmlns=\"{XLIFF2_NS}\" xmlns:bitext=\"{BITEXT_NS}\" "
                f'version="2.0" srcLang="{xml_text(xml_lang(self.info.source_lang))}" '
                f'trgLang="{xml_text(xml_lang(self.info.target_lang))}" bitext:tool="{TOOL_NAME}">\n')

    def render(self, segment: Segment) -> str:
        """The segment's ``<unit>``, behind the closing of the previous ``<file>`` and the opening
        of a new one when its document differs from the previous segment's (the first
        holding the signature as a note)."""
        opening = ""
        if segment.doc != self._doc:
            self._files += 1
            file = etree.Element(_q("file", XLIFF2_NS), id=f"f{self._files}", original=xml_text(segment.doc),
                                 nsmap={None: XLIFF2_NS})
            if self.info.signature and self._files == 1:
                notes = etree.SubElement(file, _q("notes", XLIFF2_NS))
                etree.SubElement(notes, _q("note", XLIFF2_NS), category=TOOL_NAME).text = xml_text(
                    "signature: " + self.info.signature)
            text = etree.tostring(file, encoding="unicode").replace(f' xmlns="{XLIFF2_NS}"', "", 1)
            text = text[:-2] + ">" if text.endswith("/>") else text[: text.rindex("</file>")]
            opening = ("</file>\n" if self._doc is not None else "") + text + "\n"
            self._doc = segment.doc
        fallback = f"u{len(self._ids) + 1}"
        unit = _new_unit(segment, XLIFF2_NS, fallback)
        self._ids.add(unit.get("id") or fallback)
        return opening + etree.tostring(unit, encoding="unicode").replace(f' xmlns="{XLIFF2_NS}"', "", 1) + "\n"

    def footer(self) -> str:
        """Close the open ``<file>`` (if any) and ``<xliff>``."""
        return ("</file>\n" if self._doc is not None else "") + "</xliff>\n"


def iter_units(root: etree._Element) -> Iterator[etree._Element]:
    """Every trans-unit of an XLIFF 1.x file, whatever its namespace."""
    return (element for element in root.iter() if local_name(element.tag) == "trans-unit")
