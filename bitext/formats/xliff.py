"""XLIFF 1.2 for OmegaT, Trados and memoQ.

One ``<file original="doc">`` per document. Machine translation is
``state="needs-review-translation"`` with ``state-qualifier="leveraged-mt"``; a reviewed
unit is ``state="translated" approved="yes"`` and keeps the machine translation as an
``<alt-trans origin="bitext-mt">``. Glossary matches and the segment class are notes.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bitext.errors import FormatError
from bitext.formats.base import (
    STATUS_MARKS,
    STATUS_NOTE,
    TOOL_NAME,
    TOOL_VERSION,
    CorpusInfo,
    Store,
    TextWriter,
    glossary_note,
    read_status,
    segment_error,
)
from bitext.model import Corpus, Segment, check_status, split_id
from bitext.xmlsafe import parse_xml, xml_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MT_ORIGIN = "bitext-mt"
SIGNATURE_FROM = "bitext-signature"
REVIEWED_STATES = {"translated", "signed-off", "final"}
FLAG_NOTE = "check: "


def state_qualifier_is_mt(target: etree._Element) -> bool:
    return target.get("state-qualifier") in ("leveraged-mt", "mt-suggestion")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class XliffStore(Store):
    name = "xliff"
    extensions = (".xlf", ".xliff")
    marks_review = True

    def open_writer(self, path: Path, info: CorpusInfo) -> _XliffWriter:
        return _XliffWriter(path, info, self)

    def _file(self, doc: str, info: CorpusInfo) -> str:
        """The opening of one ``<file>`` (its header included), as text."""
        element = etree.Element(
            _q("file"),
            original=xml_text(doc),
            datatype="plaintext",
            **{"source-language": info.source_lang, "target-language": info.target_lang, "tool-id": TOOL_NAME},
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
        marks = STATUS_MARKS[segment.status]
        unit = etree.SubElement(
            body, _q("trans-unit"), id=xml_text(segment.id), approved="yes" if marks.xliff_approved else "no"
        )
        unit.set(XML_SPACE, "preserve")
        etree.SubElement(unit, _q("source")).text = xml_text(segment.source)
        if segment.draft is not None:  # a translator's draft: their text, still to be reviewed
            etree.SubElement(unit, _q("target"), state="needs-review-translation").text = xml_text(segment.draft)
            unit.set("approved", "no")
        elif marks.xliff_state:
            target = etree.SubElement(unit, _q("target"), state=marks.xliff_state)
            target.text = xml_text(segment.target)
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
        machine = segment.mt if segment.mt is not None else segment.target if segment.draft is not None else None
        if machine is not None:
            alternative = etree.SubElement(unit, _q("alt-trans"), origin=MT_ORIGIN)
            etree.SubElement(alternative, _q("target")).text = xml_text(machine)

    def read(self, path: Path) -> Corpus:
        root = parse_xml(self.read_bytes(path), str(path))
        if root.tag != _q("xliff"):
            raise FormatError(f"{path}: not an XLIFF 1.2 file (root element {root.tag})")
        segments: list[Segment] = []
        source_lang, target_lang, signature = "id", "en", ""
        for file in root.iterfind(_q("file")):
            source_lang = file.get("source-language") or source_lang
            target_lang = file.get("target-language") or target_lang
            for note in file.iterfind(f"{_q('header')}/{_q('note')}"):
                if note.get("from") == SIGNATURE_FROM:
                    signature = note.text or ""
            for unit in file.iter(_q("trans-unit")):
                segments.append(self._segment(unit, path, len(segments) + 1))
        return Corpus(segments, source_lang, target_lang, signature)

    def _segment(self, unit: etree._Element, path: Path, number: int) -> Segment:
        doc, paragraph, sentence, key = split_id(unit.get("id") or str(number), path.stem, number)
        source = unit.find(_q("source"))
        target = unit.find(_q("target"))
        target_text = "".join(target.itertext()) if target is not None else ""
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
                mt = "".join(alternative.find(_q("target")).itertext())
        source_text = "".join(source.itertext()) if source is not None else ""
        return Segment(doc, paragraph, sentence, source_text, target_text, status, kind, mt, key=key, flags=flags)


class _XliffWriter(TextWriter):
    """One ``<file>`` per document, opened when its first unit arrives (a document whose
    units come apart gets a second ``<file>``); units streamed one at a time."""

    def __init__(self, path: Path, info: CorpusInfo, store: XliffStore) -> None:
        self.store = store
        self._doc: str | None = None
        super().__init__(path, info)

    def header(self) -> str:
        return f"<?xml version='1.0' encoding='UTF-8'?>\n<xliff xmlns=\"{NS}\" version=\"1.2\">\n"

    def render(self, segment: Segment) -> str:
        opening = ""
        if segment.doc != self._doc:
            opening = ("</body>\n</file>\n" if self._doc is not None else "") + self.store._file(segment.doc, self.info)
            self._doc = segment.doc
        body = etree.Element(_q("body"), nsmap={None: NS})
        self.store._unit(body, segment)
        unit = etree.tostring(body[0], encoding="unicode", pretty_print=True)
        return opening + unit.replace(f' xmlns="{NS}"', "", 1)

    def footer(self) -> str:
        return ("</body>\n</file>\n" if self._doc is not None else "") + "</xliff>\n"
