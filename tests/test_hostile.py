"""Hostile field values, unrepresentable ids and files from other tools (issue 14, items 5, 6, 12)."""

import json

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import BitextError, FormatError, OutputError
from bitext.formats import FORMAT_NAMES, get_store, read_corpus, write_corpus
from bitext.model import Corpus, Segment

from .conftest import SHARED

TICO = SHARED / "data" / "tico19-all.en-id.tmx"
GOOD = {"id": "a:1:1", "source": "Halo.", "target": "Hello.", "status": "mt"}


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"mt": 123}, "'mt' must be text"),
        ({"glossary": [{"start": 0, "end": 4, "source": "Halo", "required": "Hello", "met": "maybe"}]}, "'met'"),
        ({"doc": "a", "paragraph": 1e999, "sentence": 1}, "'paragraph' must be a whole number"),
        ({"doc": "a", "paragraph": -3, "sentence": 1}, "'paragraph' must be a whole number"),
        ({"status": "bogus"}, "unknown status 'bogus'"),
        ({"source": None}, "'source' must be text"),
        ({"glossary": "Halo"}, "must be lists"),
        ({"flags": [{"x": 1}]}, "'flags' must be text"),
    ],
)
def test_a_hostile_jsonl_value_is_one_line_naming_file_and_line(tmp_path, change, complaint):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, **change}) + "\n", "utf-8")
    with pytest.raises(FormatError) as caught:
        read_corpus(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: ") and complaint in message and "\n" not in message


def test_a_jsonl_line_that_is_not_an_object_is_an_error(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text("[1, 2]\n", "utf-8")
    with pytest.raises(FormatError, match=r"list.jsonl:1: .*must be a JSON object"):
        read_corpus(path)


@pytest.mark.parametrize(
    "prop, value, complaint",
    [("x-paragraph", "satu", "'x-paragraph' must be a whole number"), ("x-status", "bogus", "unknown status 'bogus'")],
)
def test_a_hostile_tmx_property_is_an_error_with_its_line(tmp_path, prop, value, complaint):
    path = tmp_path / "bad.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="id"/><body>\n'
        f'<tu tuid="a:1:1"><prop type="{prop}">{value}</prop>\n'
        '<tuv xml:lang="id"><seg>Halo.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        "utf-8",
    )
    with pytest.raises(FormatError, match=rf"bad.tmx:3: .*{complaint}"):
        read_corpus(path)


def test_a_tsv_row_with_only_an_id_is_an_error(tmp_path):
    path = tmp_path / "short.tsv"
    path.write_text("id\tstatus\tsource\ta:1:1\n".replace("\ta:1:1", "\na:1:1"), "utf-8")
    with pytest.raises(FormatError, match=r"short.tsv:2: missing field 'source'"):
        read_corpus(path)


def test_convert_of_a_hostile_file_is_one_line_and_exit_1(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**GOOD, "mt": 123}) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["convert", str(path), str(tmp_path / "out.po")])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "bad.jsonl:1:" in result.output and "Traceback" not in result.output


def test_moses_refuses_one_language_for_both_sides(tmp_path):
    corpus = Corpus([Segment("a", 1, 1, "Halo.", "Hello.", "mt")], "xx", "xx")
    with pytest.raises(FormatError, match="two different language codes"):
        write_corpus(corpus, tmp_path / "c.moses")


@pytest.mark.parametrize("name", ["po", "moses", "tsv"])
@pytest.mark.parametrize("doc", ["bad\nname.txt", "tab\there.txt"])
def test_an_id_with_a_line_break_or_tab_is_refused_by_line_formats(tmp_path, name, doc):
    store = get_store(name)
    corpus = Corpus([Segment(doc, 1, 1, "Halo.", "Hello.", "mt")])
    with pytest.raises(OutputError, match="holds a tab or line break"):
        store.write(corpus, store.default_path(tmp_path, corpus))
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["jsonl", "tmx", "xliff"])
def test_an_id_with_a_line_break_survives_structured_formats(tmp_path, name):
    store = get_store(name)
    corpus = Corpus([Segment("bad\nname.txt", 1, 1, "Halo.", "Hello.", "mt")])
    path = store.default_path(tmp_path, corpus)
    store.write(corpus, path)
    assert [s.id for s in store.read(path)] == ["bad\nname.txt:1:1"]


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_a_third_party_id_is_kept_as_the_id(tmp_path, name):
    store = get_store(name)
    corpus = Corpus([Segment("qa", 1, 1, "Halo.", "Hello.", "imported", key="qa-1"),
                     Segment("qa", 2, 1, "Apa kabar?", "How are you?", "imported", key="CMU_1:2")])
    path = store.default_path(tmp_path, corpus)
    store.write(corpus, path)
    back = store.read(path)
    assert [s.id for s in back] == ["qa-1", "CMU_1:2"]
    assert [s.status for s in back] == ["imported", "imported"]


@pytest.mark.parametrize("name", FORMAT_NAMES)
@pytest.mark.parametrize("status", ["aligned", "imported", "reviewed", "mt"])
def test_every_status_survives_every_format(tmp_path, name, status):
    store = get_store(name)
    corpus = Corpus([Segment("d.txt", 1, 1, "Halo.", "Hello.", status)])
    path = store.default_path(tmp_path, corpus)
    store.write(corpus, path)
    assert [s.status for s in store.read(path)] == [status]


def test_glossary_check_reads_a_jsonl_with_foreign_ids(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps({"id": "qa-1", "source": "Korea Utara menolak.", "target": "DPRK refused."}) + "\n", "utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("source\ttarget\nKorea Utara\tNorth Korea\n", "utf-8")
    result = CliRunner().invoke(main, ["glossary", "check", str(path), "-g", str(glossary)])
    assert result.exit_code == 1, result.output
    assert 'qa-1: "Korea Utara" requires "North Korea"' in result.output


def test_a_reversed_tmx_is_read_in_the_direction_asked_for(tmp_path):
    path = tmp_path / "en-id.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
        '<tu tuid="CMU_1:1"><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="id"><seg>Halo.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        "utf-8",
    )
    as_written = read_corpus(path)
    assert (as_written.source_lang, as_written.segments[0].source) == ("en", "Hello.")
    corpus = read_corpus(path, source_lang="id", target_lang="en")
    assert (corpus.source_lang, corpus.target_lang) == ("id", "en")
    assert [(s.id, s.source, s.target, s.status) for s in corpus] == [("CMU_1:1", "Halo.", "Hello.", "imported")]
    with pytest.raises(FormatError, match="has no fr variant"):
        read_corpus(path, source_lang="fr", target_lang="en")


@pytest.mark.skipif(not TICO.exists(), reason="../shared/data/tico19-all.en-id.tmx is not here")
def test_tico19_reads_as_indonesian_english_with_its_ids(tmp_path):
    out = tmp_path / "tico.jsonl"
    result = CliRunner().invoke(main, ["convert", str(TICO), str(out), "--source-lang", "id", "--target-lang", "en"])
    assert result.exit_code == 0, result.output
    corpus = read_corpus(out)
    assert corpus.source_lang == "id" and len(corpus) > 3000
    first = corpus.segments[0]
    assert (first.id, first.target, first.status) == ("CMU_1:1", "about how long have these symptoms been going on?", "imported")
    assert len({s.id for s in corpus}) == len(corpus)


def test_bitext_errors_are_one_class():
    assert issubclass(FormatError, BitextError) and issubclass(OutputError, BitextError)


@pytest.mark.parametrize("name", ["tmx", "xliff"])
def test_a_segment_over_10_mb_reads_back(tmp_path, name):
    store = get_store(name)
    long_text = "Kalimat panjang sekali. " * 450_000  # 10.8 MB, over libxml2's default text limit
    corpus = Corpus([Segment("d.txt", 1, 1, long_text, "Long.", "mt")])
    path = store.default_path(tmp_path, corpus)
    store.write(corpus, path)
    assert store.read(path).segments[0].source == long_text


def test_a_lone_surrogate_in_json_is_an_error_not_a_crash_at_write(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a:1:1", "source": "x\\ud800y", "target": "t", "status": "mt"}\n', "utf-8")
    with pytest.raises(FormatError, match=r"s.jsonl:1: .*lone surrogate \(U\+D800\)"):
        read_corpus(path)
    with pytest.raises(OutputError, match="not valid Unicode"):
        write_corpus(Corpus([Segment("a", 1, 1, "x\ud800y", "t", "mt")]), tmp_path / "s.po")
