"""bitext align: the aligner, the command, its outputs and its errors (issue 12)."""

import json
import random

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext.alignment.beads import align_sentences, gale_church
from bitext.alignment.lexicon import Lexicon, indonesian_candidates
from bitext.cli import main
from bitext.formats import read_corpus

from .conftest import SHARED
from .filtering_pairs import CLEAN

TICO = SHARED / "data" / "tico19-all.en-id.tmx"

# A small news-like document pair (Indonesian and its English), shared with the filter tests.
PAIRS = CLEAN[:10]


def test_indonesian_stems_for_lookup():
    assert "serang" in indonesian_candidates("menyerang")
    assert "perintah" in indonesian_candidates("pemerintahannya")
    assert "negara" in indonesian_candidates("negara-negara")


def test_gale_church_prefers_proportional_lengths():
    assert gale_church(100, 100, 1.0) < gale_church(100, 160, 1.0) < gale_church(100, 300, 1.0)


def test_the_shipped_lexicon_knows_common_words():
    lexicon = Lexicon.default()
    assert len(lexicon) > 5000
    assert "symptom" in lexicon.english_for("gejala") and "government" in lexicon.english_for("pemerintah")


def test_a_merge_and_a_deletion_are_found():
    sources = [s for s, _ in PAIRS]
    targets = [t for _, t in PAIRS]
    targets[2:4] = [targets[2] + " " + targets[3]]  # two English sentences joined: a 2-1 bead
    del targets[6]  # "Schools were closed ..." missing: "Sekolah-sekolah ..." is left alone (1-0)
    beads = [(b.source, b.target) for b in align_sentences(sources, targets)]
    assert beads == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,)), ((5,), (4,)), ((6,), (5,)),
                     ((7,), ()), ((8,), (6,)), ((9,), (7,))]


def test_every_sentence_is_in_exactly_one_bead():
    rng = random.Random(3)
    sources = [s for s, _ in PAIRS] * 5
    targets = [t for _, t in PAIRS] * 5
    rng.shuffle(targets)  # nonsense pairs still give a complete, ordered alignment
    beads = align_sentences(sources, targets)
    assert [i for b in beads for i in b.source] == list(range(len(sources)))
    assert [j for b in beads for j in b.target] == list(range(len(targets)))


def write_pair(folder, name="berita.txt", blank_lines=True):
    (folder / "id").mkdir(parents=True, exist_ok=True)
    (folder / "en").mkdir(parents=True, exist_ok=True)
    separator = "\n\n" if blank_lines else "\n"
    (folder / "id" / name).write_text(separator.join(s for s, _ in PAIRS) + "\n", "utf-8")
    english = [t for _, t in PAIRS]
    english[4:6] = [english[4] + " " + english[5]]
    (folder / "en" / name).write_text(separator.join(english) + "\n", "utf-8")
    return folder / "id" / name, folder / "en" / name


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_presegmented_line_numbers_are_the_files_lines(tmp_path):
    source, target = write_pair(tmp_path)
    result = invoke("align", source, target, "--presegmented", "-o", tmp_path / "out", "--no-glossary")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "out" / "id-en.jsonl").read_text("utf-8").splitlines()]
    source_lines = source.read_text("utf-8").split("\n")
    target_lines = target.read_text("utf-8").split("\n")
    for record in records:
        assert record["status"] == "aligned"
        assert record["source"] == " ".join(source_lines[n - 1] for n in record["source_lines"])
        assert record["target"] == " ".join(target_lines[n - 1] for n in record["target_lines"])
    merged = next(r for r in records if r["alignment"] == "2-1")
    assert merged["source_lines"] == [9, 11] and merged["target_lines"] == [9]  # sed -n 9p counts blank lines
    assert "Aligned 1 document pairs" in result.stderr and "1 2-1" in result.stderr


def test_running_text_folders_align_and_pass_the_dtd_and_translate_toolkit(tmp_path, tmx_dtd):
    write_pair(tmp_path, "a.txt", blank_lines=False)
    out = tmp_path / "out"
    result = invoke("align", tmp_path / "id", tmp_path / "en", "-o", out, "-f", "jsonl", "-f", "tmx", "-f", "po")
    assert result.exit_code == 0, result.output
    corpus = read_corpus(out / "id-en.jsonl")
    # pySBD splits the English line holding two sentences: ten 1-1 pairs
    assert len(corpus) == 10 and {s.status for s in corpus} == {"aligned"}
    assert {s.alignment.kind for s in corpus} == {"1-1"}
    assert [s.alignment.target_lines for s in corpus][4:6] == [[5], [6]]
    assert tmx_dtd.validate(etree.parse(str(out / "id-en.tmx"))), tmx_dtd.error_log
    factory = pytest.importorskip("translate.storage.factory")
    units = [u for u in factory.getobject(str(out / "id-en.tmx")).units if not u.isheader()]
    assert [(u.source, u.target) for u in units] == [(s.source, s.target) for s in corpus]
    assert (out / "unaligned.jsonl").exists() and (out / "manifest.json").exists()


def test_commands_work_on_an_aligned_store(tmp_path):
    source, target = write_pair(tmp_path)
    out = tmp_path / "out"
    assert invoke("align", source, target, "--presegmented", "-o", out, "-f", "jsonl", "-f", "po").exit_code == 0
    assert invoke("convert", out / "id-en.jsonl", tmp_path / "x.xlf").exit_code == 0
    assert {s.status for s in read_corpus(tmp_path / "x.xlf")} == {"aligned"}
    check = invoke("glossary", "check", out / "id-en.jsonl", "--no-glossary")
    assert check.exit_code == 0, check.output
    po = (out / "id-en.po").read_text("utf-8")
    edited = po.replace('msgstr "Police arrested five people in Jakarta."', 'msgstr "The police arrested five people in Jakarta."')
    (tmp_path / "reviewed.po").write_text(edited, "utf-8")
    result = invoke("review", "apply", tmp_path / "reviewed.po", out / "id-en.jsonl")
    assert result.exit_code == 0 and "1 edited" in result.stderr, result.output
    reviewed = [s for s in read_corpus(out / "id-en.jsonl") if s.status == "reviewed"]
    assert [s.target for s in reviewed] == ["The police arrested five people in Jakarta."]
    assert reviewed[0].alignment is not None  # the alignment facts survive the review
    before = (out / "id-en.jsonl").read_bytes()
    again = invoke("align", source, target, "--presegmented", "-o", out)
    assert again.exit_code == 1 and "holds a store with 1 reviewed records" in again.stderr
    assert (out / "id-en.jsonl").read_bytes() == before  # the review is not lost
    score = invoke("evaluate", "--hyp", out / "id-en.jsonl", "--ref", out / "id-en.jsonl", "-m", "chrf")
    assert score.exit_code == 0, score.output


@pytest.mark.parametrize(
    "setup, complaint",
    [
        ("empty", "holds no sentences to align"),
        ("missing", "no such file or directory"),
        ("mismatch", "only in"),
        ("binary", "not UTF-8 text"),
        ("pairs-missing", "do not exist"),
    ],
)
def test_bad_input_is_one_line(tmp_path, setup, complaint):
    source, target = write_pair(tmp_path)
    args = [source, target]
    if setup == "empty":
        target.write_text("\n\n", "utf-8")
    elif setup == "missing":
        args = [source, tmp_path / "nope.txt"]
    elif setup == "mismatch":
        (tmp_path / "id" / "extra.txt").write_text("Satu.\n", "utf-8")
        args = [tmp_path / "id", tmp_path / "en"]
    elif setup == "binary":
        target.write_bytes(b"\x00\x01\x02\xff" * 50)
    elif setup == "pairs-missing":
        (tmp_path / "pairs.tsv").write_text("id/berita.txt\ten/gone.txt\n", "utf-8")
        args = ["--pairs", tmp_path / "pairs.tsv"]
    result = invoke("align", *args, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and complaint in lines[0], result.stderr
    if setup == "mismatch":
        assert "extra.txt" in lines[0]


@pytest.mark.skipif(not TICO.exists(), reason="../shared/data/tico19-all.en-id.tmx is not here")
def test_tico19_perturbed_strict_f1(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import alignment as benchmark

    docs = benchmark.documents(TICO)
    some = {name: docs[name] for name in sorted(docs)[:10]}
    result, _, _ = benchmark.run(some, lambda s, t: align_sentences(s, t), (0.1, 0.03), 1)
    assert result["strict_f1"] >= 0.95


@pytest.mark.slow
def test_the_mt_signal_runs_through_the_translator(tmp_path, tiny_model):
    source, target = write_pair(tmp_path)
    out = tmp_path / "out"
    result = invoke("align", source, target, "--presegmented", "-o", out, "--model", tiny_model, "--no-glossary")
    assert result.exit_code == 0, result.output
    corpus = read_corpus(out / "id-en.jsonl")
    assert "align:length+lexicon+mt" in corpus.signature
    assert [s.alignment.kind for s in corpus].count("2-1") == 1 and len(corpus) == 9
    assert (out / "cache.sqlite3").exists()  # the MT went through translate's cache
    again = invoke("align", source, target, "--presegmented", "-o", out, "--model", tiny_model, "--no-glossary")
    assert again.exit_code == 0 and (out / "id-en.jsonl").read_bytes().count(b"\n") == 9
