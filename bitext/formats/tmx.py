"""TMX 1.4b: the translation-memory exchange format of OmegaT, Trados and memoQ.

Each segment is a ``<tu tuid="doc:paragraph:sentence">`` with properties for its document,
paragraph, sentence, kind and status (``x-`` types, as TMX asks for user properties), the
machine translation of a reviewed unit in ``x-mt``, and glossary matches as notes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from bitext.errors import FormatError
from bitext.files import corpus_moment
from bitext.formats.base import (
    STATUS_MARKS,
    TOOL_NAME,
    TOOL_VERSION,
    CorpusInfo,
    Store,
    TextWriter,
    glossary_note,
    segment_error,
)
from bitext.model import Corpus, Segment, check_status, field_int, split_id
from bitext.xmlsafe import parse_xml, xml_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def tmx_date(moment: datetime | None = None) -> str:
    return (moment or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    etree.SubElement(parent, "prop", type=kind).text = xml_text(str(value))


def _tuv(parent: etree._Element, lang: str, text: str, creator: str | None = None) -> None:
    tuv = etree.SubElement(parent, "tuv", {XML_LANG: lang, **({"creationid": creator} if creator else {})})
    etree.SubElement(tuv, "seg").text = xml_text(text)


class TmxStore(Store):
    name = "tmx"
    extensions = (".tmx",)

    def open_writer(self, path: Path, info: CorpusInfo) -> _TmxWriter:
        return _TmxWriter(path, info)

    def read(self, path: Path) -> Corpus:
        return self.read_languages(path, None, None)

    def read_languages(self, path: Path, source_lang: str | None, target_lang: str | None) -> Corpus:
        """A TMX may hold many languages: ``source_lang`` and ``target_lang`` pick two
        (default: the header's ``srclang`` and the first other variant)."""
        root = parse_xml(self.read_bytes(path), str(path))
        if root.tag != "tmx":
            raise FormatError(f"{path}: not a TMX file (root element <{root.tag}>)")
        header = root.find("header")
        header_lang = header.get("srclang") if header is not None else None
        source_lang = source_lang or (header_lang if header_lang and header_lang != "*all*" else None) or "id"
        signature = ""
        if header is not None:
            for prop in header.findall("prop"):
                if prop.get("type") == "x-bitext-signature":
                    signature = prop.text or ""
        segments, target_lang = [], None
        for number, tu in enumerate(root.iterfind("body/tu"), 1):
            try:
                segment, lang = self._read_unit(tu, source_lang, target_lang, number, path)
            except ValueError as error:
                raise segment_error(path, tu.sourceline, error) from None
            target_lang = target_lang or lang
            segments.append(segment)
        return Corpus(segments, source_lang, target_lang or "en", signature)

    def _read_unit(
        self, tu: etree._Element, source_lang: str, target_lang: str | None, number: int, path: Path
    ) -> tuple[Segment, str | None]:
        props: dict[str, str] = {}
        flags = []
        for prop in tu.findall("prop"):
            if prop.get("type") == "x-flag":
                flags.append(prop.text or "")
            else:
                props[prop.get("type") or ""] = prop.text or ""
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            texts[lang] = "".join(seg.itertext()) if seg is not None else ""
        source_key = next((lang for lang in texts if _same_lang(lang, source_lang)), None)
        if source_key is None:
            raise ValueError(f"translation unit {number} has no {source_lang} variant")
        target_key = next(
            (lang for lang in texts if lang != source_key and (target_lang is None or _same_lang(lang, target_lang))), None
        )
        # A third-party tuid ("CMU_1:1") is kept as the id; bitext's own shape is split.
        doc, paragraph, sentence, key = split_id(tu.get("tuid") or "", props.get("x-doc") or path.stem, number)
        if not tu.get("tuid"):
            key = ""
        doc = props.get("x-doc") or doc
        paragraph = field_int(props, "x-paragraph") if props.get("x-paragraph") else paragraph
        sentence = field_int(props, "x-sentence") if props.get("x-sentence") else sentence
        target = texts.get(target_key, "") if target_key else ""
        # Units bitext did not write (no x-status) hold someone's translation, not bitext's MT.
        status = check_status(props.get("x-status") or ("imported" if target else "new"))
        segment = Segment(
            doc=doc,
            paragraph=paragraph,
            sentence=sentence,
            source=texts[source_key],
            target=target,
            status=status,
            kind=props.get("x-kind") or "body",
            mt=props.get("x-mt"),
            key=key if key and key != f"{doc}:{paragraph}:{sentence}" else "",
            flags=flags,
        )
        return segment, target_key


def _same_lang(a: str, b: str) -> bool:
    return a.lower().split("-")[0] == b.lower().split("-")[0]


class _TmxWriter(TextWriter):
    """One ``<tu>`` at a time behind a header dated with the corpus date (settled at the
    end, so the body waits in a temporary file)."""

    dated_header = True

    def header(self) -> str:
        header = etree.Element(
            "header",
            creationtool=TOOL_NAME,
            creationtoolversion=TOOL_VERSION,
            segtype="sentence",
            **{"o-tmf": "bitext-jsonl"},
            adminlang="en",
            srclang=self.info.source_lang,
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
        for match in segment.terms:
            etree.SubElement(tu, "note").text = xml_text(glossary_note(match))
        _tuv(tu, self.info.source_lang, segment.source)
        if segment.target or segment.status != "new":
            _tuv(tu, self.info.target_lang, segment.target, STATUS_MARKS[segment.status].tmx_creator or None)
        return etree.tostring(tu, encoding="unicode", pretty_print=True)

    def footer(self) -> str:
        return "</body>\n</tmx>\n"
