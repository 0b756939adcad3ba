"""The degenerate-output guard: detection, one re-decode with repetition controls, flags
everywhere a reviewer looks (issue 14, item 13)."""

import json

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.formats import read_corpus
from bitext.qa.degenerate import (
    REPETITION_CONTROLS,
    degeneracy_flags,
    redecode_degenerate,
)
from bitext.translation.base import TranslationSettings, Translator

from .conftest import ENGLISH, SEEDS

SOURCE = "Korea Utara menolak tawaran itu pada hari Rabu."


@pytest.mark.parametrize(
    "source, target, flags",
    [
        (SOURCE, "North Korea rejected the offer on Wednesday.", []),
        (SOURCE, "I'm sorry I'm sorry I'm sorry", ["repeats"]),
        (SOURCE, "North Korea Korea Korea Korea rejected it.", ["repeats"]),
        (SOURCE, "Korea Korea X Korea Korea Y Korea Korea Z Korea Korea W", ["repeats"]),
        (SOURCE, "North Korea rejected the offer on Wednesday, " * 4, ["repeats", "too-long"]),
        (SOURCE, "No.", ["too-short"]),
        (SOURCE, SOURCE, ["copy"]),
        ("Vladimir Putin", "Vladimir Putin", []),  # a name is a legitimate copy
        ("Halo.", "Hello.", []),  # too short a source to judge length
        (SOURCE, "", ["empty"]),
        ("", "", []),
        ("Ha ha ha, katanya.", "Ha ha ha, he said.", []),  # three times is natural
        ("Sangat, sangat penting.", "Very, very important.", []),
    ],
)
def test_degeneracy_flags(source, target, flags):
    assert degeneracy_flags(source, target) == flags


class LoopingTranslator(Translator):
    """Loops unless decoding with repetition controls, as opus-mt does on noisy input."""

    model_id = revision = "looping"

    def __init__(self):
        self.settings = TranslationSettings(model="looping")
        self.calls = []

    def count_tokens(self, texts):
        return [len(text.split()) + 1 for text in texts]

    def count_target_tokens(self, texts):
        return [len(text.split()) for text in texts]

    def _translate_batch(self, sources, terms, max_new_tokens):
        self.calls.append((self.settings.no_repeat_ngram_size, list(sources)))
        if self.settings.no_repeat_ngram_size:
            return [f"Translation of {source}" for source in sources]
        return ["sorry " * 12 if "loop" in source else f"Translation of {source}" for source in sources]


def test_only_degenerate_targets_are_decoded_again_with_controls():
    translator = LoopingTranslator()
    sources = ["Kalimat biasa yang cukup panjang.", "Kalimat yang loop terus-menerus."]
    targets = translator.translate(sources)
    assert degeneracy_flags(sources[1], targets[1]) == ["repeats"]
    assert redecode_degenerate(translator, sources, [[], []], targets) == 1
    assert targets == [f"Translation of {sources[0]}", f"Translation of {sources[1]}"]
    assert translator.calls[-1] == (REPETITION_CONTROLS["no_repeat_ngram_size"], [sources[1]])
    assert translator.settings.no_repeat_ngram_size == 0  # the translator itself is unchanged


@pytest.fixture(scope="module")
def looping_model(tmp_path_factory, seed_texts):
    from bitext.testing import build_random_marian

    folder = tmp_path_factory.mktemp("looping") / "model"
    return build_random_marian(folder, texts=[*seed_texts, ENGLISH], max_positions=64, loop_piece="\u2581Korea")


@pytest.mark.slow
def test_a_looping_model_is_flagged_in_every_output(looping_model, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "translate", str(next(SEEDS.glob("002_*.txt"))), "-o", str(out), "--model", str(looping_model), "--beam-size", "1",
        "--no-cache", "-f", "jsonl", "-f", "tmx", "-f", "po", "-f", "xliff", "--no-glossary",
    ])
    assert result.exit_code == 0, result.output
    corpus = read_corpus(out / "id-en.jsonl")
    flagged = [segment for segment in corpus if segment.flags]
    assert flagged and all("repeats" in s.flags or "too-long" in s.flags for s in flagged)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["counts"]["flagged"] == len(flagged)
    assert manifest["counts"]["redecoded"] == manifest["counts"]["translated"]  # every output looped at first
    assert "degenerate translations flagged for review" in result.stderr
    for name in ("id-en.tmx", "id-en.po", "id-en.xlf"):
        assert {s.id: s.flags for s in read_corpus(out / name)} == {s.id: s.flags for s in corpus}, name
    check = CliRunner().invoke(main, ["glossary", "check", str(out / "id-en.jsonl"), "--no-glossary", "--format", "json"])
    assert {item["id"] for item in json.loads(check.stdout)["flagged"]} == {s.id for s in flagged}


@pytest.mark.parametrize("mode, redecodes, flags", [("redecode", True, True), ("flag", False, True), ("off", False, False)])
def test_the_degenerate_mode_decides_redecoding_and_flags(looping_model, mode, redecodes, flags):
    from bitext.model import Segment
    from bitext.translation import TranslationSettings, load_translator
    from bitext.translation.service import translate_segments

    translator = load_translator(TranslationSettings(model=str(looping_model), beam_size=1, degenerate=mode))
    segments = [Segment("d", 1, i, text) for i, text in enumerate(
        ["Korea Utara menembakkan rudal balistik ke laut timur.", "Putin tiba di Pyongyang pada Rabu malam."], 1)]
    counts = translate_segments(segments, translator)
    assert (counts.redecoded == len(segments)) is redecodes and (counts.redecoded == 0) is not redecodes
    assert all(segment.flags for segment in segments) is flags and any(s.flags for s in segments) is flags
    signature = translator.describe()
    assert signature.get("degenerate", "redecode") == mode
