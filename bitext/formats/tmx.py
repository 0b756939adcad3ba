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
from bitext.formats.base import TOOL_NAME, TOOL_VERSION, Store, atomic_output, corpus_moment, glossary_note
from bitext.formats.xmlsafe import parse_xml, xml_text
from bitext.segments import Corpus, Segment, parse_id

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def tmx_date(moment: datetime | None = None) -> str:
    return (moment or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    etree.SubElement(parent, "prop", type=kind).text = xml_text(str(value))


MT_CREATOR = "bitext-mt"  # creationid of machine-translated variants: CAT tools show it as the author


def _tuv(parent: etree._Element, lang: str, text: str, creator: str | None = None) -> None:
    tuv = etree.SubElement(parent, "tuv", {XML_LANG: lang, **({"creationid": creator} if creator else {})})
    etree.SubElement(tuv, "seg").text = xml_text(text)


class TmxStore(Store):
    name = "tmx"
    extensions = (".tmx",)

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        root = etree.Element("tmx", version="1.4")
        header = etree.SubElement(
            root,
            "header",
            creationtool=TOOL_NAME,
            creationtoolversion=TOOL_VERSION,
            segtype="sentence",
            **{"o-tmf": "bitext-jsonl"},
            adminlang="en",
            srclang=corpus.source_lang,
            datatype="plaintext",
            creationdate=tmx_date(corpus_moment(corpus)),
        )
        if corpus.signature:
            _prop(header, "x-bitext-signature", corpus.signature)
        body = etree.SubElement(root, "body")
        for segment in corpus.segments:
            tu = etree.SubElement(body, "tu", tuid=xml_text(segment.id))
            _prop(tu, "x-doc", segment.doc)
            _prop(tu, "x-paragraph", segment.paragraph)
            _prop(tu, "x-sentence", segment.sentence)
            _prop(tu, "x-kind", segment.kind)
            _prop(tu, "x-status", segment.status)
            if segment.mt is not None:
                _prop(tu, "x-mt", segment.mt)
            for match in segment.terms:
                etree.SubElement(tu, "note").text = xml_text(glossary_note(match))
            _tuv(tu, corpus.source_lang, segment.source)
            if segment.target or segment.status != "new":
                _tuv(tu, corpus.target_lang, segment.target, MT_CREATOR if segment.status == "mt" else None)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)
        with atomic_output(path, "wb") as stream:
            stream.write(data)
        return [path]

    def read(self, path: Path) -> Corpus:
        root = parse_xml(self.read_bytes(path), str(path))
        if root.tag != "tmx":
            raise FormatError(f"{path}: not a TMX file (root element <{root.tag}>)")
        header = root.find("header")
        source_lang = (header.get("srclang") if header is not None else None) or "id"
        signature = ""
        if header is not None:
            for prop in header.findall("prop"):
                if prop.get("type") == "x-bitext-signature":
                    signature = prop.text or ""
        segments, target_lang = [], None
        for number, tu in enumerate(root.iterfind("body/tu"), 1):
            segment, lang = self._read_unit(tu, source_lang, number, path)
            target_lang = target_lang or lang
            segments.append(segment)
        return Corpus(segments, source_lang, target_lang or "en", signature)

    def _read_unit(self, tu: etree._Element, source_lang: str, number: int, path: Path) -> tuple[Segment, str | None]:
        props = {prop.get("type"): prop.text or "" for prop in tu.findall("prop")}
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            texts[lang] = "".join(seg.itertext()) if seg is not None else ""
        source_key = next((lang for lang in texts if _same_lang(lang, source_lang)), None)
        if source_key is None:
            raise FormatError(f"{path}: translation unit {number} has no {source_lang} variant")
        target_key = next((lang for lang in texts if lang != source_key), None)
        tuid = tu.get("tuid") or f"{path.name}:{number}:1"
        try:
            doc, paragraph, sentence = parse_id(tuid)
        except ValueError:
            doc, paragraph, sentence = props.get("x-doc") or path.name, number, 1
        target = texts.get(target_key, "") if target_key else ""
        segment = Segment(
            doc=props.get("x-doc") or doc,
            paragraph=int(props.get("x-paragraph") or paragraph),
            sentence=int(props.get("x-sentence") or sentence),
            source=texts[source_key],
            target=target,
            status=props.get("x-status") or ("mt" if target else "new"),
            kind=props.get("x-kind") or "body",
            mt=props.get("x-mt"),
        )
        return segment, target_key


def _same_lang(a: str, b: str) -> bool:
    return a.lower().split("-")[0] == b.lower().split("-")[0]
