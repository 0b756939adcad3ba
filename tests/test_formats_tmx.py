"""TMX of other tools: inline codes, properties, attributes, several languages, versions."""

from __future__ import annotations

import pytest
from lxml import etree

from bitext.formats import iter_segments, read_corpus, write_corpus
from bitext.model import Corpus, Segment

from .conftest import SHARED
from .thirdparty import OMEGAT3_TMX, OMEGAT4_TMX, PERL_TMX, TICO_TMX, TRADOS_TMX

TICO = SHARED / "data" / "tico19-all.en-id.tmx"


def _file(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _round_trip(corpus, tmp_path, name="back.tmx"):
    write_corpus(corpus, tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / name)
    return tmp_path / name


def test_omegat_codes_are_codes_not_text(tmp_path):
    corpus = read_corpus(_file(tmp_path, "omegat.tmx", OMEGAT4_TMX))
    first = corpus.segments[0]
    assert first.source == "<g1>Orangutans</g1> eat fruit." and first.target == "<g1>Orangutan</g1> makan buah."
    text = _round_trip(corpus, tmp_path).read_text("utf-8")
    assert '<bpt i="1" x="1">&lt;e15&gt;</bpt>Orangutan<ept i="1">&lt;/e15&gt;</ept> makan buah.' in text
    assert "&amp;lt;e15" not in text and '<ph x="2">&lt;i2/&gt;</ph>' in text


def test_tuv_attributes_props_comments_and_header_stay(tmp_path):
    back = etree.parse(str(_round_trip(read_corpus(_file(tmp_path, "omegat.tmx", OMEGAT4_TMX)), tmp_path)))
    header = back.find("header")
    assert (header.get("creationtool"), header.get("creationtoolversion")) == ("OmegaT", "4.3.3_0_1d0a0d2a")
    target = back.findall(".//tu")[0].findall("tuv")[1]
    assert (target.get("changeid"), target.get("changedate")) == ("budi", "20240305T081200Z")
    assert [p.text for p in back.findall(".//tu")[2].findall("prop")] == ["berita.html", "p3"]
    assert back.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


@pytest.mark.parametrize("asked, pair, texts", [
    ({}, ("en", "fr"), ("The rain stopped.", "La pluie a cessé.")),
    ({"target_lang": "fr"}, ("en", "fr"), ("The rain stopped.", "La pluie a cessé.")),
    ({"target_lang": "id"}, ("en", "id"), ("The rain stopped.", "Hujan berhenti.")),
    ({"source_lang": "id", "target_lang": "fr"}, ("id", "fr"), ("Hujan berhenti.", "La pluie a cessé.")),
    ({"source_lang": "id", "target_lang": "en"}, ("id", "en"), ("Hujan berhenti.", "The rain stopped.")),
])
def test_two_languages_of_several_are_picked(tmp_path, asked, pair, texts):
    corpus = read_corpus(_file(tmp_path, "three.tmx", PERL_TMX), **asked)
    assert (corpus.source_lang, corpus.target_lang) == pair
    assert (corpus.segments[0].source, corpus.segments[0].target) == texts


def test_the_third_language_is_written_back(tmp_path):
    corpus = read_corpus(_file(tmp_path, "three.tmx", PERL_TMX), target_lang="id")
    tus = etree.parse(str(_round_trip(corpus, tmp_path))).findall(".//tu")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [[tuv.get(xml_lang) for tuv in tu.findall("tuv")] for tu in tus] == [["en", "fr", "id"], ["en", "fr", "id"],
                                                                            ["en", "fr"]]
    assert tus[1].findtext("note") == "checked by two people"


def test_region_tags_stay_as_written(tmp_path):
    corpus = read_corpus(_file(tmp_path, "trados.tmx", TRADOS_TMX, "utf-16"))
    assert (corpus.source_lang, corpus.target_lang) == ("en-US", "id-ID")
    write_corpus(corpus, tmp_path / "via.jsonl")
    again = read_corpus(tmp_path / "via.jsonl")
    assert (again.source_lang, again.target_lang) == ("en-US", "id-ID")
    again.extra = {}
    write_corpus(again, tmp_path / "own.tmx")
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in etree.parse(str(tmp_path / "own.tmx")).iter("tuv")]
    assert set(langs) == {"en-US", "id-ID"}


def test_a_utf16_tmx_is_read_and_its_codes_kept(tmp_path):
    corpus = read_corpus(_file(tmp_path, "trados.tmx", TRADOS_TMX, "utf-16"))
    assert corpus.segments[1].source == "Stay <g1>home</g1>."
    text = _round_trip(corpus, tmp_path).read_text("utf-8")
    assert '<bpt i="1" type="bold" x="1">{1}</bpt>home<ept i="1">{/1}</ept>' in text
    assert 'usagecount="3"' in text and "x-Domain:SinglePicklist" in text


def test_tmx_11_keeps_its_version_and_lang_attributes(tmp_path):
    back = _round_trip(read_corpus(_file(tmp_path, "omegat3.tmx", OMEGAT3_TMX)), tmp_path)
    root = etree.parse(str(back)).getroot()
    assert root.get("version") == "1.1" and [tuv.get("lang") for tuv in root.iter("tuv")] == ["id", "en", "id", "en"]


def test_tico_props_survive_being_read_the_other_way(tmp_path):
    corpus = read_corpus(_file(tmp_path, "tico.tmx", TICO_TMX), source_lang="id", target_lang="en")
    assert corpus.segments[0].source == "cuci tangan Anda sebelum makan"
    back = etree.parse(str(_round_trip(corpus, tmp_path)))
    assert [p.text for p in back.iter("prop")] == ["https://example.org/covid/doc1.en"] * 2
    assert [tu.get("tuid") for tu in back.iter("tu")] == ["DOC_1:1", "DOC_1:2"]


@pytest.mark.skipif(not TICO.exists(), reason="../shared/data/tico19-all.en-id.tmx is not here")
def test_all_of_tico19_round_trips(tmp_path):
    original = etree.parse(str(TICO))
    back = etree.parse(str(_round_trip(read_corpus(TICO), tmp_path)))
    assert len(back.findall(".//prop")) == len(original.findall(".//prop")) == 3071
    assert [tu.findtext("tuv[2]/seg") for tu in back.iter("tu")] == [tu.findtext("tuv[2]/seg") for tu in original.iter("tu")]


def test_tmx_streams_a_unit_at_a_time(tmp_path):
    units = "".join(f'<tu tuid="u{n}"><tuv xml:lang="en"><seg>Line {n}.</seg></tuv>'
                    f'<tuv xml:lang="id"><seg>Baris {n}.</seg></tuv></tu>\n' for n in range(2000))
    path = _file(tmp_path, "big.tmx", f'<tmx version="1.4"><header srclang="en"/><body>\n{units}</body></tmx>')
    stream = iter_segments(path, target_lang="id")
    first = next(stream)
    assert (first.id, first.target, stream.source_lang, stream.target_lang) == ("u0", "Baris 0.", "en", "id")
    assert sum(1 for _ in stream) == 1999


def test_bitexts_own_tmx_keeps_codes_notes_and_context(tmp_path, tmx_dtd):
    from bitext.model import InlineCode, Note

    codes = [InlineCode("<g1>", "open", "bpt", "1", {"i": "1"}, "&lt;b&gt;", "tmx"),
             InlineCode("</g1>", "close", "ept", "1", {"i": "1"}, "&lt;/b&gt;", "tmx")]
    corpus = Corpus([Segment("d", 1, 1, "Ini <g1>tebal</g1>.", "This is <g1>bold</g1>.", "mt", codes=codes,
                             notes=[Note("from the editor")], context="title")])
    write_corpus(corpus, tmp_path / "own.tmx")
    assert tmx_dtd.validate(etree.parse(str(tmp_path / "own.tmx"))), tmx_dtd.error_log
    (back,) = read_corpus(tmp_path / "own.tmx")
    assert (back.source, back.target, back.context, [n.text for n in back.notes]) == (
        "Ini <g1>tebal</g1>.", "This is <g1>bold</g1>.", "title", ["from the editor"])


def test_javas_old_code_for_indonesian_is_indonesian(tmp_path):
    text = ('<tmx version="1.4"><header srclang="EN-US"/><body><tu><tuv xml:lang="EN-US"><seg>Rain.</seg></tuv>'
            '<tuv xml:lang="IN-ID"><seg>Hujan.</seg></tuv></tu></body></tmx>')
    corpus = read_corpus(_file(tmp_path, "java.tmx", text), source_lang="id", target_lang="en")
    assert (corpus.source_lang, corpus.segments[0].source, corpus.segments[0].target) == ("IN-ID", "Hujan.", "Rain.")
