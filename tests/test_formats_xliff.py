"""XLIFF of other tools: every version read, inline markup, files, notes and states kept."""

from __future__ import annotations

import pytest
from lxml import etree

from bitext.formats import read_corpus, write_corpus
from bitext.formats.tokens import plain_text
from bitext.model import Corpus, InlineCode, Segment

from .thirdparty import NPM_XLIFF2, OKAPI_XLIFF, XCODE_XLIFF, XLIFF_10

NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
NS20 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _round_trip(path, tmp_path, **write):
    write_corpus(read_corpus(path), tmp_path / "via.jsonl")
    back = tmp_path / f"back{path.suffix}"
    write_corpus(read_corpus(tmp_path / "via.jsonl"), back, **write)
    return back


@pytest.mark.parametrize("text, pair, count", [
    (XLIFF_10, ("en", "id"), 2), (OKAPI_XLIFF, ("en-US", "id-ID"), 5), (XCODE_XLIFF, ("en", "id"), 3),
    (NPM_XLIFF2, ("en-US", "id-ID"), 6),
])
def test_every_version_is_read_with_its_languages(tmp_path, text, pair, count):
    corpus = read_corpus(_file(tmp_path, "x.xlf", text))
    assert (corpus.source_lang, corpus.target_lang) == pair and len(corpus) == count


def test_inline_markup_is_kept_as_tokens_and_written_back(tmp_path):
    path = _file(tmp_path, "okapi.xlf", OKAPI_XLIFF)
    first = read_corpus(path).segments[0]
    assert first.source == "The <g1>orangutan</g1> has a <x2/> banana."
    assert plain_text(first.source, first.codes) == 'The <g id="1" ctype="x-b">orangutan</g> has a <x id="2" ctype="image"/> banana.'
    unit = etree.parse(str(_round_trip(path, tmp_path))).find(".//x:trans-unit", NS12)
    source = etree.tostring(unit.find("x:source", NS12), encoding="unicode")
    assert '<g id="1" ctype="x-b">orangutan</g> has a <x id="2" ctype="image"/> banana.' in source


def test_paired_native_codes_and_markers_survive(tmp_path):
    back = _round_trip(_file(tmp_path, "okapi.xlf", OKAPI_XLIFF), tmp_path)
    text = back.read_text("utf-8")
    assert '<bpt id="1">&lt;kbd&gt;</bpt>Enter<ept id="1">&lt;/kbd&gt;</ept>' in text
    assert '<ph id="2" ctype="x-var">%s</ph>' in text and '<mrk mtype="term">virus</mrk>' in text


def test_files_groups_headers_and_notes_stay(tmp_path):
    back = etree.parse(str(_round_trip(_file(tmp_path, "xcode.xliff", XCODE_XLIFF), tmp_path)))
    files = back.findall("x:file", NS12)
    assert [f.get("original") for f in files] == ["Kebun/en.lproj/Localizable.strings", "Kebun/en.lproj/InfoPlist.strings"]
    assert back.find(".//x:header/x:tool", NS12).get("tool-id") == "com.apple.dt.xcode"
    assert [n.text for n in back.iterfind(".//x:note", NS12)] == [
        "Number of plants in the garden", "No comment provided by engineer.", "Bundle name"]
    okapi = etree.parse(str(_round_trip(_file(tmp_path, "okapi.xlf", OKAPI_XLIFF), tmp_path)))
    assert okapi.find(".//x:group", NS12).get("resname") == "list"
    assert okapi.find(".//x:note", NS12).get("priority") == "2"


def test_states_stay_as_they_were(tmp_path):
    back = etree.parse(str(_round_trip(_file(tmp_path, "okapi.xlf", OKAPI_XLIFF), tmp_path)))
    units = {u.get("id"): u for u in back.iterfind(".//x:trans-unit", NS12)}
    assert units["1"].get("approved") is None and units["1"].find("x:target", NS12).get("state") == "translated"
    assert units["2"].get("approved") == "yes"
    assert units["3"].find("x:target", NS12).get("state") is None  # no state stays no state
    assert units["4"].find("x:target", NS12) is None
    assert units["5"].find("x:target", NS12).get("state-qualifier") == "leveraged-mt"


def test_statuses_read_from_states(tmp_path):
    corpus = read_corpus(_file(tmp_path, "okapi.xlf", OKAPI_XLIFF))
    assert [(s.status, s.needs_review) for s in corpus] == [
        ("imported", False), ("reviewed", False), ("imported", False), ("new", False), ("mt", False)]
    xliff10 = read_corpus(_file(tmp_path, "winres.xlf", XLIFF_10))
    assert [(s.status, s.needs_review) for s in xliff10] == [("imported", False), ("imported", True)]


def test_a_changed_status_changes_the_marks(tmp_path):
    path = _file(tmp_path, "okapi.xlf", OKAPI_XLIFF)
    corpus = read_corpus(path)
    corpus.segments[4].status, corpus.segments[4].target = "reviewed", "Keluaran yang diperiksa."
    write_corpus(corpus, tmp_path / "back.xlf")
    unit = etree.parse(str(tmp_path / "back.xlf")).findall(".//x:trans-unit", NS12)[4]
    assert unit.get("approved") == "yes" and unit.find("x:target", NS12).get("state") == "translated"
    assert unit.find("x:target", NS12).get("state-qualifier") is None


def test_region_codes_are_kept(tmp_path):
    corpus = read_corpus(_file(tmp_path, "okapi.xlf", OKAPI_XLIFF))
    write_corpus(corpus, tmp_path / "via.jsonl")
    assert (read_corpus(tmp_path / "via.jsonl").source_lang, read_corpus(tmp_path / "via.jsonl").target_lang) == (
        "en-US", "id-ID")
    corpus.extra = {}
    write_corpus(corpus, tmp_path / "own.xlf")
    file = etree.parse(str(tmp_path / "own.xlf")).find("x:file", NS12)
    assert (file.get("source-language"), file.get("target-language")) == ("en-US", "id-ID")


def test_xliff2_keeps_its_version_codes_notes_and_segments(tmp_path):
    back = _round_trip(_file(tmp_path, "npm.xlf", NPM_XLIFF2), tmp_path)
    root = etree.parse(str(back)).getroot()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en-US", "id-ID")
    text = back.read_text("utf-8")
    assert '<ph id="1" dataRef="d1"/>' in text and '<pc id="2" dataRefStart="d2" dataRefEnd="d3">Kebun</pc>' in text
    assert '<data id="d1">{{name}}</data>' in text and "<ignorable>" in text
    assert root.find(".//x:note", NS20).get("category") == "description"
    states = [s.get("state") for s in root.iterfind(".//x:segment", NS20)]
    assert states == [None, "reviewed", "initial", None, "translated", None]


def test_xliff2_reads_codes_with_their_original_data(tmp_path):
    corpus = read_corpus(_file(tmp_path, "npm.xlf", NPM_XLIFF2))
    greeting = corpus.segments[1]
    assert greeting.source == "Hi <x1/>, welcome to <g2>Kebun</g2>!"
    assert plain_text(greeting.source, greeting.codes) == "Hi {{name}}, welcome to <b>Kebun</b>!"
    assert [s.id for s in corpus][-2:] == ["key5::s1", "key5::s2"]
    assert [(s.status, s.needs_review) for s in corpus][:4] == [
        ("imported", False), ("reviewed", False), ("imported", True), ("new", False)]


def test_bitext_writes_xliff2_when_asked_and_reads_it_back(tmp_path):
    codes = [InlineCode("<x1/>", "ph", "x", "1", {"id": "1"}, "", "xliff1")]
    corpus = Corpus([Segment("a/b.txt", 1, 1, "Halo <x1/>.", "Hello <x1/>.", "mt", "heading", codes=codes),
                     Segment("a/b.txt", 1, 2, "Dua.", "Two.", "reviewed", mt="Two!"),
                     Segment("c.txt", 1, 1, "Tiga.", "Three.", "imported", needs_review=True),
                     Segment("c.txt", 1, 2, "Empat.")], "id-ID", "en-US", "sig")
    write_corpus(corpus, tmp_path / "x.xlf", version="2.0")
    root = etree.parse(str(tmp_path / "x.xlf")).getroot()
    assert root.get("version") == "2.0" and root.get("srcLang") == "id-ID"
    assert '<ph id="1"/>' in (tmp_path / "x.xlf").read_text("utf-8")
    back = read_corpus(tmp_path / "x.xlf")
    assert [(s.id, s.source, s.target, s.status, s.needs_review) for s in back] == [
        (s.id, s.source, s.target, s.status, s.needs_review) for s in corpus]
    assert (back.signature, back.segments[0].kind, back.segments[1].mt) == ("sig", "heading", "Two!")


def test_translate_toolkit_reads_bitexts_xliff2(tmp_path):
    xliff2 = pytest.importorskip("translate.storage.xliff2")
    corpus = Corpus([Segment("d", 1, 1, "Satu.", "One.", "reviewed"), Segment("d", 1, 2, "Dua.", "Two.", "mt")])
    write_corpus(corpus, tmp_path / "x.xlf", version="2.0")
    store = xliff2.Xliff2File.parsefile(str(tmp_path / "x.xlf"))
    assert [(u.source, u.target, u.isapproved()) for u in store.units] == [("Satu.", "One.", True), ("Dua.", "Two.", False)]


def test_comments_and_attribute_less_units_stay_as_they_were(tmp_path):
    text = ('<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
            'trgLang="id"><file id="f"><unit id="u"><segment><source>Hello <!-- a tool was here --></source>'
            '<target>Halo <sc id="1" rid="b">&lt;b&gt;</sc>x<ec id="2" rid="b">&lt;/b&gt;</ec></target></segment>'
            '</unit></file></xliff>')
    back = _round_trip(_file(tmp_path, "odd.xlf", text), tmp_path).read_text("utf-8")
    assert "<source>Hello <!-- a tool was here --></source>" in back
    assert '<sc id="1" rid="b">&lt;b&gt;</sc>x<ec id="2" rid="b">&lt;/b&gt;</ec>' in back
    v12 = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="f" '
           'source-language="en" datatype="plaintext"><body><trans-unit><source>A</source></trans-unit>'
           '<trans-unit id="2"><!-- kept --><source>B</source></trans-unit></body></file></xliff>')
    units = etree.parse(str(_round_trip(_file(tmp_path, "v12.xlf", v12), tmp_path))).findall(".//x:trans-unit", NS12)
    assert units[0].get("id") is None and isinstance(units[1][0], etree._Comment)
