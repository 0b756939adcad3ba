"""The Translator contract, run against every backend: what bitext's pipeline relies on
from a translator, whichever library decodes (issue 19)."""

from __future__ import annotations

import pytest

from bitext.translation import TranslationSettings, Translator, load_translator

SOURCES = ["Korea Utara menolak tawaran itu.", "Halo.", "Putin tiba di Pyongyang pada Rabu malam bersama rombongan."]


@pytest.fixture(scope="module", params=["transformers", "ctranslate2"])
def translator(request, tiny_model, tmp_path_factory) -> Translator:
    if request.param == "ctranslate2":
        pytest.importorskip("ctranslate2", reason="CTranslate2 is not installed")
        from ctranslate2.converters import TransformersConverter

        from bitext.translation.ct2 import TOKENIZER_FILES

        folder = tmp_path_factory.mktemp("contract") / "tiny-ct2"
        files = [name for name in TOKENIZER_FILES if (tiny_model / name).exists()]
        TransformersConverter(str(tiny_model), copy_files=files).convert(str(folder), quantization="int8")
        return load_translator(TranslationSettings(model=str(folder), backend="ctranslate2", beam_size=2))
    return load_translator(TranslationSettings(model=str(tiny_model), backend="transformers", beam_size=2))


def test_one_output_per_source_in_order(translator):
    outputs = translator.translate(SOURCES)
    assert len(outputs) == len(SOURCES) and all(isinstance(text, str) for text in outputs)
    assert translator.translate(SOURCES[::-1]) == outputs[::-1]  # order is restored after length sorting


def test_nothing_in_nothing_out(translator):
    assert translator.translate([]) == []


def test_a_sentence_translates_the_same_whatever_its_batch(translator):
    together = translator.translate(SOURCES)
    assert together == [translator.translate([source])[0] for source in SOURCES]


def test_progress_counts_every_sentence_once(translator):
    seen: list[int] = []
    translator.translate(SOURCES, progress=seen.append)
    assert sum(seen) == len(SOURCES)


def test_token_counts_include_the_end_token(translator):
    counts = translator.count_tokens(["Halo.", "Halo halo halo halo."])
    assert len(counts) == 2 and 1 < counts[0] < counts[1]
    assert translator.count_tokens([""]) == [1]  # only the end-of-sentence token


def test_a_required_term_the_model_can_spell_is_in_the_output(translator):
    output = translator.translate(["Korea Utara menolak tawaran itu."], [["North Korea"]])[0]
    assert "North Korea" in output


def test_the_description_names_what_decides_the_output(translator):
    description = translator.describe()
    for field in ("model", "revision", "backend", "compute_type", "beam_size", "max_length", "source_lang",
                  "target_lang"):
        assert field in description, field
    assert description["backend"] == translator.settings.backend and description["revision"]


def test_with_settings_shares_the_model_and_changes_only_what_it_is_told(translator):
    variant = translator.with_settings(no_repeat_ngram_size=3)
    assert variant.settings.no_repeat_ngram_size == 3 and translator.settings.no_repeat_ngram_size == 0
    assert variant.describe()["model"] == translator.describe()["model"]
    assert len(variant.translate(SOURCES)) == len(SOURCES)


def test_backends_implement_hooks_not_the_public_method(translator):
    assert type(translator).translate is Translator.translate


@pytest.mark.parametrize("batch_size, batch_tokens", [(1, 4096), (7, 256)])
def test_batch_settings_never_change_a_translation(translator, seed_texts, batch_size, batch_tokens):
    """The README's promise: --batch-size and --batch-tokens change speed, not output
    (glossary repairs and the degenerate-output guard included), on the seeds."""
    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents
    from bitext.terms.defaults import resolve_glossary
    from bitext.translation.service import translate_segments

    from .conftest import SEEDS

    glossary = resolve_glossary(None)
    default = translator.with_settings(beam_size=4)
    varied = translator.with_settings(beam_size=4, batch_size=batch_size, batch_tokens=batch_tokens)
    results = []
    for variant in (default, varied):
        segments, _ = segment_documents(read_documents([str(SEEDS)]))
        translate_segments(segments, variant, glossary)
        results.append([segment.target for segment in segments])
    differing = [i for i, (a, b) in enumerate(zip(*results)) if a != b]
    assert len(results[0]) > 100 and not differing, f"{len(differing)} of {len(results[0])} targets differ"
