"""JSONL, Moses and TSV: pairs without ids, headerless TSV, streaming, line ends, NFC."""

from __future__ import annotations

import json

import pytest

from bitext.errors import FormatError
from bitext.formats import iter_segments, read_corpus, store_for_path, write_corpus
from bitext.model import Corpus, InlineCode, Note, Segment


@pytest.fixture
def opus(tmp_path):
    (tmp_path / "corpus.en").write_text("Wash your hands.\nStay home.\n\nThe virus spreads.\n", "utf-8")
    (tmp_path / "corpus.id").write_text("Cuci tangan Anda.\nTetap di rumah.\nKosong.\nVirus menyebar.\n", "utf-8")
    return tmp_path / "corpus"


@pytest.mark.parametrize("name", ["corpus.id", "corpus", "corpus.moses"])
def test_a_moses_pair_without_ids_is_read_by_either_file_or_the_stem(opus, name):
    path = opus.with_name(name)
    assert store_for_path(path, "moses" if name.endswith(".moses") else None).name == "moses"
    corpus = read_corpus(path, "moses")
    assert (corpus.source_lang, corpus.target_lang) == ("id", "en")
    assert [(s.id, s.source, s.target, s.status) for s in corpus][2:] == [
        ("corpus:3:1", "Kosong.", "", "new"), ("corpus:4:1", "Virus menyebar.", "The virus spreads.", "imported")]


def test_the_file_named_is_the_source(opus):
    corpus = read_corpus(opus.with_name("corpus.en"))
    assert (corpus.source_lang, corpus.segments[0].source) == ("en", "Wash your hands.")


def test_a_moses_pair_is_written_back_line_for_line(opus, tmp_path):
    write_corpus(read_corpus(opus.with_name("corpus.id")), tmp_path / "via.jsonl")
    written = write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "out" / "corpus.moses")
    assert [p.name for p in written] == ["corpus.id", "corpus.en"]
    for language in ("id", "en"):
        assert (tmp_path / "out" / f"corpus.{language}").read_bytes() == opus.with_name(f"corpus.{language}").read_bytes()


def test_mismatched_line_counts_are_one_clear_error(tmp_path):
    (tmp_path / "bad.id").write_text("a\nb\nc\n", "utf-8")
    (tmp_path / "bad.en").write_text("x\n", "utf-8")
    with pytest.raises(FormatError, match=r"bad: line counts differ \(id 3, en 1\)"):
        read_corpus(tmp_path / "bad.id")


def test_a_headerless_two_column_tsv_is_read_and_written_back(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("Cuci tangan.\tWash hands.\nTetap di rumah.\tStay home.\t0.93\n", "utf-8")
    corpus = read_corpus(path)
    assert [(s.id, s.source, s.target) for s in corpus] == [
        ("pairs:1:1", "Cuci tangan.", "Wash hands."), ("pairs:2:1", "Tetap di rumah.", "Stay home.")]
    write_corpus(corpus, tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.tsv")
    assert (tmp_path / "back.tsv").read_bytes() == path.read_bytes()


def test_a_one_column_tsv_without_header_says_what_it_expects(tmp_path):
    path = tmp_path / "one.tsv"
    path.write_text("just text\n", "utf-8")
    with pytest.raises(FormatError, match="one.tsv:1: expected a header"):
        read_corpus(path)


@pytest.mark.parametrize("name", ["c.jsonl", "c.tsv", "c.moses", "c.tmx"])
def test_iter_segments_streams_what_read_corpus_reads(tmp_path, name):
    corpus = Corpus([Segment("d", n, 1, f"Kalimat {n}.", f"Sentence {n}.", "mt") for n in range(1, 50)], "id", "en")
    write_corpus(corpus, tmp_path / name)
    stream = iter_segments(tmp_path / name)
    first = next(stream)
    assert (first.id, stream.source_lang, stream.target_lang) == ("d:1:1", "id", "en")
    assert [first.id] + [s.id for s in stream] == [s.id for s in read_corpus(tmp_path / name)]


def test_iter_segments_turns_a_file_the_way_asked(opus):
    stream = iter_segments(opus.with_name("corpus.id"), source_lang="en", target_lang="id")
    assert next(stream).source == "Wash your hands." and stream.source_lang == "en"


# -- JSONL: the canonical store -------------------------------------------------------------


def test_jsonl_of_bitexts_own_run_is_written_as_before(tmp_path):
    corpus = Corpus([Segment("a.txt", 1, 1, "Halo.", "Hello.", "mt")], "id", "en", "sig")
    write_corpus(corpus, tmp_path / "x.jsonl")
    assert (tmp_path / "x.jsonl").read_text("utf-8") == (
        '{"id": "a.txt:1:1", "doc": "a.txt", "paragraph": 1, "sentence": 1, "kind": "body", "source": "Halo.", '
        '"target": "Hello.", "status": "mt", "glossary": [], "signature": "sig", "langs": "id-en"}\n')


def test_jsonl_carries_every_foreign_field(tmp_path):
    segment = Segment("d", 1, 1, "Ada <x1/> berkas", "There is <x1/> file", "imported", source_plural="Ada berkas",
                      target_plurals=["files"], context="ctx", codes=[InlineCode("<x1/>", "ph", "x", "1", {"id": "1"})],
                      notes=[Note("a note", "translator", {"priority": "1"})], locations=["a.py:3"],
                      format_flags=["python-format"], previous={"source": "Old"}, needs_review=True,
                      extra={"po": {"anything": [1, 2]}})
    corpus = Corpus([segment], "id-ID", "en-US", extra={"format": "po", "header": {"raw": ""}})
    write_corpus(corpus, tmp_path / "x.jsonl")
    back = read_corpus(tmp_path / "x.jsonl")
    assert back.segments == [segment]
    assert (back.source_lang, back.target_lang, back.extra) == ("id-ID", "en-US", corpus.extra)


def test_a_target_holding_u2028_keeps_the_store_readable(tmp_path):
    corpus = Corpus([Segment("d", 1, 1, "Joko Widodo tiba", "Joko Widodo\u2028arrived", "reviewed"),
                     Segment("d", 1, 2, "Dua\x0c.", "Two\x85.", "mt")])
    write_corpus(corpus, tmp_path / "x.jsonl")
    assert [s.target for s in read_corpus(tmp_path / "x.jsonl")] == ["Joko Widodo\u2028arrived", "Two\x85."]


@pytest.mark.parametrize("name", ["x.jsonl", "x.tsv", "x.moses", "x.tmx", "x.xlf"])
def test_text_is_read_as_nfc(tmp_path, name):
    if name == "x.tmx":
        (tmp_path / name).write_text('<tmx version="1.4"><header srclang="id"/><body><tu><tuv xml:lang="id"><seg>'
                                     'Kafe\u0301.</seg></tuv><tuv xml:lang="en"><seg>Cafe\u0301.</seg></tuv></tu></body></tmx>')
    elif name == "x.xlf":
        (tmp_path / name).write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="d" '
                                     'source-language="id" target-language="en" datatype="plaintext"><body><trans-unit '
                                     'id="1"><source>Kafe\u0301.</source><target>Cafe\u0301.</target></trans-unit>'
                                     '</body></file></xliff>')
    elif name == "x.moses":
        (tmp_path / "x.id").write_text("Kafe\u0301.\n", "utf-8")
        (tmp_path / "x.en").write_text("Cafe\u0301.\n", "utf-8")
    elif name == "x.tsv":
        (tmp_path / name).write_text("Kafe\u0301.\tCafe\u0301.\n", "utf-8")
    else:
        (tmp_path / name).write_text(json.dumps({"id": "d:1:1", "source": "Kafe\u0301.", "target": "Cafe\u0301."}) + "\n")
    (segment,) = read_corpus(tmp_path / name)
    assert (segment.source, segment.target) == ("Kafé.", "Café.")


def test_a_utf16_jsonl_gets_an_iconv_hint(tmp_path):
    (tmp_path / "x.jsonl").write_bytes('{"id": "a:1:1", "source": "x"}\n'.encode("utf-16"))
    with pytest.raises(FormatError, match=r"x.jsonl:1: not UTF-8 but UTF-16; convert it first, e.g. iconv -f UTF-16"):
        read_corpus(tmp_path / "x.jsonl")


@pytest.mark.parametrize("pair, tags", [("id-en", ("id", "en")), ("id-ID-en-US", ("id-ID", "en-US")),
                                        ("zh-Hant-TW-en", ("zh-Hant-TW", "en")), ("pt_BR-id", ("pt_BR", "id"))])
def test_language_pairs_split_where_both_halves_are_tags(pair, tags):
    from bitext.formats.base import split_langs

    assert split_langs(pair) == tags
