"""bitext glossary check: planted violations are found exactly, with ids; inconsistencies too."""

import json

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.formats import write_corpus
from bitext.model import Corpus, Segment
from bitext.qa.corpus_check import (
    check_corpus,
    name_chunks,
    segment_inconsistencies,
    term_inconsistencies,
)
from bitext.terms.glossary import Glossary

from .conftest import GLOSSARY

# (source, translation, planted violations as (source term, required target))
PAIRS = [
    ("Korea Utara menembakkan rudal balistik.", "North Korea fired a ballistic missile.", []),
    ("Korut menolak operasi militer khusus.", "Pyongyang rejected the special operation.",
     [("Korut", "North Korea"), ("operasi militer khusus", "special military operation")]),
    ("DPRK dan AS bertemu di PBB.", "The DPRK and the US met at the UN.", []),
    ("Dewan Keamanan PBB menjatuhkan sanksi.", "The Security Council imposed sanctions.",
     [("Dewan Keamanan PBB", "UN Security Council")]),
    ("Pejabat AS datang as usual.", "A US official came as usual.", []),
    ("Korea Selatan dan Korsel sama.", "South Korea and Seoul are the same.", [("Korsel", "South Korea")]),
    ("Tentara melintasi zona demiliterisasi di Semenanjung Korea.",
     "Soldiers crossed the demilitarized zone on the Korean Peninsula.", []),
    ("KCNA melaporkan kemitraan strategis komprehensif.", "The Korean Central News Agency reported a comprehensive "
     "strategic partnership.", [("KCNA", "KCNA")]),
]


def planted_corpus() -> Corpus:
    return Corpus([Segment("test.txt", i, 1, s, t, "mt") for i, (s, t, _) in enumerate(PAIRS, 1)])


def expected_violations():
    return [(f"test.txt:{i}:1", term, required) for i, (_, _, planted) in enumerate(PAIRS, 1) for term, required in planted]


def test_check_finds_exactly_the_planted_violations():
    report = check_corpus(planted_corpus(), Glossary.load(GLOSSARY))
    assert [(v.id, v.source_term, v.required) for v in report.violations] == expected_violations()
    assert report.accuracy["matched"] == 15 and report.accuracy["met"] == 15 - len(expected_violations())


@pytest.mark.parametrize("suffix", [".jsonl", ".tmx", ".po"])
def test_cli_reports_violations_with_ids_and_exits_1(tmp_path, suffix):
    path = tmp_path / f"planted{suffix}"
    write_corpus(planted_corpus(), path)
    result = CliRunner().invoke(main, ["glossary", "check", str(path), "--glossary", str(GLOSSARY), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(v["id"], v["source_term"], v["required"]) for v in report["violations"]] == expected_violations()
    assert set(report["violations"][0]) == {"id", "source_term", "term", "required", "target"}


def test_text_output_and_exit_0_when_clean(tmp_path):
    clean = Corpus([Segment("ok.txt", 1, 1, "Korut menolak.", "North Korea refused.", "mt")])
    write_corpus(clean, tmp_path / "clean.jsonl")
    result = CliRunner().invoke(main, ["glossary", "check", str(tmp_path / "clean.jsonl"), "-g", str(GLOSSARY)])
    assert result.exit_code == 0
    assert "0 glossary violations in 1 translated segments; terms met 1/1 (100.0%)." in result.stdout

    write_corpus(planted_corpus(), tmp_path / "planted.jsonl")
    result = CliRunner().invoke(main, ["glossary", "check", str(tmp_path / "planted.jsonl"), "-g", str(GLOSSARY)])
    assert result.exit_code == 1
    assert 'test.txt:2:1: "Korut" requires "North Korea"; target: Pyongyang rejected the special operation.' in result.stdout


INCONSISTENT = [
    ("Korea Utara menembakkan rudal.", "North Korea fired a missile."),
    ("Korea Utara menolak tawaran itu.", "North Korea refused the offer."),
    ("Korea Utara membantah.", "The DPRK denied."),
    ("Putin tiba di Pyongyang.", "Putin arrived in Pyongyang."),
    ("Putin dan Korea Utara bertemu.", "Putin and North Korea met."),
    ("Korea Utara membantah.", "North Korea denied it."),
]


def test_inconsistent_renderings_without_a_glossary(tmp_path):
    corpus = Corpus([Segment("d", i, 1, s, t, "mt") for i, (s, t) in enumerate(INCONSISTENT, 1)])
    terms = term_inconsistencies(corpus.segments)
    assert [(i.source, i.renderings) for i in terms] == [
        ("Korea Utara", {"DPRK": ["d:3:1"], "North Korea": ["d:1:1", "d:2:1", "d:5:1", "d:6:1"]})
    ]
    segments = segment_inconsistencies(corpus.segments)
    assert [(i.source, sorted(i.renderings)) for i in segments] == [
        ("Korea Utara membantah.", ["North Korea denied it.", "The DPRK denied."])
    ]
    write_corpus(corpus, tmp_path / "c.jsonl")
    result = CliRunner().invoke(main, ["glossary", "check", str(tmp_path / "c.jsonl"), "--no-glossary"])
    assert result.exit_code == 0  # inconsistencies are reported, not violations
    assert 'term "Korea Utara": "DPRK" (1: d:3:1); "North Korea" (4: d:1:1, d:2:1, d:5:1, ...)' in result.stdout


def test_name_chunks_keep_linked_names_and_split_coordinated_ones():
    chunks = name_chunks("The Democratic People's Republic of Korea and the US met in Pyongyang.", {"of"}, True)
    assert chunks == {"Democratic People's Republic of Korea", "US", "Pyongyang"}


@pytest.mark.parametrize(
    "target, violations",
    [("The North Korean leader arrived", 0), ("Pyongyang's leader arrived", 1)],
)
def test_glossary_check_accepts_adjective_forms_and_still_flags_misses(tmp_path, target, violations):
    write_corpus(Corpus([Segment("d", 1, 1, "Pemimpin Korea Utara tiba", target, "mt")]), tmp_path / "c.jsonl")
    result = CliRunner().invoke(main, ["glossary", "check", str(tmp_path / "c.jsonl"), "-g", str(GLOSSARY)])
    assert result.exit_code == (1 if violations else 0)
    assert f"{violations} glossary violations" in result.output
