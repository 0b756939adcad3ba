"""bitext evaluate: sacrebleu's numbers, clear errors, term accuracy and post-edit effort."""

import json
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.formats import write_corpus
from bitext.ingest.reader import read_documents
from bitext.model import Corpus
from bitext.segmentation.documents import segment_documents

from .conftest import GLOSSARY, SEEDS

WORDS = (
    "the of and to in a is that for on with as was by he said it from at his an have be are has but were not this "
    "they who which their had been one new after also would more two will its first year government people than "
    "president minister police country state week talks security military nuclear sanctions officials missile "
    "north south korea russia leader visit meeting agreement support war region trade economic weapons"
).split()


def synthetic(tmp_path, lines=1000, seed=7):
    """A 1,000-line English reference and a perturbed hypothesis (drops, swaps, insertions)."""
    rng = random.Random(seed)
    references, hypotheses = [], []
    for _ in range(lines):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 28))]
        references.append(" ".join(words).capitalize() + ".")
        changed = []
        for word in words:
            roll = rng.random()
            if roll < 0.08:
                continue
            changed.append(rng.choice(WORDS) if roll < 0.18 else word)
            if rng.random() < 0.04:
                changed.append(rng.choice(WORDS))
        if len(changed) > 3 and rng.random() < 0.3:
            i = rng.randrange(len(changed) - 1)
            changed[i], changed[i + 1] = changed[i + 1], changed[i]
        hypotheses.append(" ".join(changed or ["x"]).capitalize() + ".")
    (tmp_path / "ref.txt").write_text("\n".join(references) + "\n", "utf-8")
    (tmp_path / "hyp.txt").write_text("\n".join(hypotheses) + "\n", "utf-8")
    return tmp_path / "hyp.txt", tmp_path / "ref.txt"


def evaluate(*args):
    result = CliRunner().invoke(main, ["evaluate", *map(str, args), "--format", "json"])
    return result, (json.loads(result.stdout) if result.exit_code == 0 else None)


def sacrebleu_cli(ref, hyp, *extra):
    output = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-w", "4", *extra],
                            capture_output=True, text=True, check=True).stdout
    scores = json.loads(output)
    return {item["name"]: item for item in (scores if isinstance(scores, list) else [scores])}


def test_scores_equal_the_sacrebleu_command(tmp_path):
    hyp, ref = synthetic(tmp_path)
    result, report = evaluate("--hyp", hyp, "--ref", ref)
    assert result.exit_code == 0, result.stderr
    expected = sacrebleu_cli(ref, hyp, "-m", "bleu", "chrf", "ter")
    plus = sacrebleu_cli(ref, hyp, "-m", "chrf", "--chrf-word-order", "2")
    assert report["bleu"]["score"] == pytest.approx(expected["BLEU"]["score"], abs=0.01)
    assert report["chrf"]["score"] == pytest.approx(expected["chrF2"]["score"], abs=0.01)
    assert report["chrf++"]["score"] == pytest.approx(plus["chrF2++"]["score"], abs=0.01)
    assert report["ter"]["score"] == pytest.approx(expected["TER"]["score"], abs=0.01)
    assert report["bleu"]["signature"] == expected["BLEU"]["signature"]
    assert 20 < report["bleu"]["score"] < 80  # the perturbation is neither trivial nor total


def test_multiple_references(tmp_path):
    hyp, ref = synthetic(tmp_path, lines=50)
    ref2 = tmp_path / "ref2.txt"
    ref2.write_text(hyp.read_text("utf-8"), "utf-8")  # a second reference equal to the hypothesis
    _, one = evaluate("--hyp", hyp, "--ref", ref)
    _, two = evaluate("--hyp", hyp, "--ref", ref, "--ref", ref2)
    assert two["bleu"]["score"] == pytest.approx(100.0) and one["bleu"]["score"] < 100
    assert two["bleu"]["signature"].startswith("nrefs:2|")


@pytest.mark.parametrize(
    "hyp_lines, ref_lines, message",
    [
        ("a\nb\n", "a\n", "hyp.txt has 2 lines but .*ref.txt has 1; they must be line-aligned"),
        ("", "a\n", "hyp.txt: empty file, nothing to score"),
        ("a\n\nc\n", "a\nb\nc\n", r"hyp.txt: 1 empty line\(s\), line 2; .*--allow-empty"),
        ("a\nb\nc\n", "a\n \nc\n", r"ref.txt: 1 empty line\(s\), line 2"),
    ],
)
def test_clear_errors(tmp_path, hyp_lines, ref_lines, message):
    (tmp_path / "hyp.txt").write_text(hyp_lines, "utf-8")
    (tmp_path / "ref.txt").write_text(ref_lines, "utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--hyp", str(tmp_path / "hyp.txt"), "--ref", str(tmp_path / "ref.txt")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert pytest.importorskip("re").search(message, result.stderr), result.stderr


def test_allow_empty_scores_as_sacrebleu_does(tmp_path):
    (tmp_path / "hyp.txt").write_text("a cat\n\nthe dog\n", "utf-8")
    (tmp_path / "ref.txt").write_text("a cat\nsome words\nthe dog\n", "utf-8")
    _, report = evaluate("--hyp", tmp_path / "hyp.txt", "--ref", tmp_path / "ref.txt", "--allow-empty")
    assert report["chrf"]["score"] == pytest.approx(sacrebleu_cli(tmp_path / "ref.txt", tmp_path / "hyp.txt",
                                                                  "-m", "chrf")["chrF2"]["score"], abs=0.01)


def seeds_corpus():
    segments, _ = segment_documents(read_documents([str(SEEDS / "002_3ffcf151adeb4a7b.txt")]))
    return Corpus(segments)


# Hand translations of six segments of seed 002; two miss a glossary term on purpose.
TRANSLATIONS = {
    "8:1": "This is Putin's first visit to North Korea in 24 years.",
    "8:2": "He received a lavish welcome in Pyongyang.",
    "9:1": "The visit looks set to transform decades-old Russia-DPRK ties, at a time when both face isolation.",
    "10:1": "Meanwhile, South Korea and the US are watching closely and have voiced concern.",
    "12:1": "Russia has used its warm ties with North Korea to provoke the United States.",
    "12:2": "North Korea, under heavy sanctions, has gained political support and promises of aid from Russia.",
}


def translated_subset():
    corpus = seeds_corpus()
    keep = []
    for segment in corpus:
        key = f"{segment.paragraph}:{segment.sentence}"
        if key in TRANSLATIONS:
            segment.target, segment.status = TRANSLATIONS[key], "mt"
            keep.append(segment)
    return Corpus(keep)


def test_term_accuracy_on_the_seeds_corpus(tmp_path):
    # Hand count: Korea Utara in 8:1, 9:1, 12:1, 12:2 (9:1 rendered "DPRK": missed);
    # Korea Selatan in 10:1 (met); Amerika Serikat in 10:1 ("the US": an accepted form of the
    # default glossary, met) and 12:1 (met).
    write_corpus(translated_subset(), tmp_path / "mt.jsonl")
    (tmp_path / "ref.txt").write_text("\n".join(TRANSLATIONS.values()) + "\n", "utf-8")
    result, report = evaluate("--hyp", tmp_path / "mt.jsonl", "--ref", tmp_path / "ref.txt", "-g", GLOSSARY)
    assert result.exit_code == 0, result.stderr
    accuracy = report["term_accuracy"]
    assert (accuracy["matched"], accuracy["met"]) == (7, 6)
    assert accuracy["accuracy"] == pytest.approx(6 / 7)
    assert {term: (e["met"], e["matched"]) for term, e in accuracy["entries"].items()} == {
        "Korea Utara": (3, 4), "Korea Selatan": (1, 1), "Amerika Serikat": (2, 2),
    }
    assert report["bleu"]["score"] == pytest.approx(100.0)


# Post-edits of four of them: two untouched, one word inserted, one word replaced.
POST_EDITS = {
    "8:1": ("This is Putin's first visit to North Korea in 24 years.", TRANSLATIONS["8:1"]),
    "8:2": ("He received a welcome in Pyongyang.", "He received a lavish welcome in Pyongyang."),
    "12:1": (TRANSLATIONS["12:1"], TRANSLATIONS["12:1"]),
    "12:2": ("North Korea, under heavy sanctions, has won political support.",
             "North Korea, under heavy sanctions, has gained political support."),
}


def test_post_edit_effort_on_the_seeds_corpus(tmp_path):
    corpus = translated_subset()
    for segment in corpus:
        key = f"{segment.paragraph}:{segment.sentence}"
        if key in POST_EDITS:
            segment.mt, segment.target = POST_EDITS[key]
            segment.status = "reviewed"
    write_corpus(corpus, tmp_path / "reviewed.jsonl")
    # No --ref: the reviewed targets are the references of their machine translations.
    result, report = evaluate("--hyp", tmp_path / "reviewed.jsonl")
    assert result.exit_code == 0, result.stderr
    effort = report["post_edit"]
    # Hand count: 2 edits (an insertion, a substitution) over 11 + 7 + 14 + 9 = 41 reference words.
    assert effort["hter"] == pytest.approx(100 * 2 / 41, abs=0.01)
    assert (effort["reviewed"], effort["unchanged"], effort["unchanged_share"]) == (4, 2, 0.5)
    assert report["segments"] == 4 and report["ter"]["score"] == pytest.approx(effort["hter"])


def test_corpus_hypothesis_and_reference_align_by_id(tmp_path):
    corpus = translated_subset()
    write_corpus(corpus, tmp_path / "hyp.jsonl")
    reversed_corpus = Corpus(list(reversed(corpus.segments)))
    write_corpus(reversed_corpus, tmp_path / "ref.tmx")  # same texts, other order
    _, report = evaluate("--hyp", tmp_path / "hyp.jsonl", "--ref", tmp_path / "ref.tmx", "--per-doc", "--worst", "2",
                         "--sentence")
    assert report["bleu"]["score"] == pytest.approx(100.0)
    assert list(report["documents"]) == ["002_3ffcf151adeb4a7b.txt"]
    assert [row["id"] for row in report["sentences"]] == [s.id for s in corpus]
    assert len(report["worst"]) == 2


def test_paired_bootstrap_between_two_systems(tmp_path):
    hyp, ref = synthetic(tmp_path, lines=200)
    better = tmp_path / "better.txt"
    better.write_text(ref.read_text("utf-8"), "utf-8")
    _, report = evaluate("--hyp", hyp, "--hyp", better, "--ref", ref, "-m", "bleu,chrf", "--bootstrap-samples", "200")
    table = report["paired_bootstrap"]
    assert table["systems"] == [str(hyp), str(better)]
    baseline, system = table["BLEU"]
    assert baseline["p_value"] is None and system["p_value"] < 0.05
    assert system["score"] == pytest.approx(100.0)
    assert "bs:200" in table["signatures"]["BLEU"]


def test_unknown_metric_is_a_clear_error(tmp_path):
    hyp, ref = synthetic(tmp_path, lines=5)
    result = CliRunner().invoke(main, ["evaluate", "--hyp", str(hyp), "--ref", str(ref), "-m", "meteor"])
    assert result.exit_code == 1 and "unknown metric 'meteor'" in result.stderr


def test_no_metric_with_worst_is_one_line(tmp_path):
    from click.testing import CliRunner

    from bitext.cli import main

    (tmp_path / "h.txt").write_text("a b c\nd e f\n", "utf-8")
    (tmp_path / "r.txt").write_text("a b c\nd e g\n", "utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--hyp", str(tmp_path / "h.txt"), "--ref", str(tmp_path / "r.txt"),
                                       "-m", "", "--worst", "1"])
    assert result.exit_code == 1 and "no metric given" in result.output and "Traceback" not in result.output
