import pytest

from bitext.errors import ModelLoadError
from bitext.terms.constraints import forced_continuation, glue_token_ids, pending_terms
from bitext.translation import TranslationSettings, load_translator
from bitext.translation.base import relative_max_length, token_budget_batches
from bitext.translation.hub import looks_like_path
from bitext.translation.long_inputs import split_long


def test_token_budget_batches_sort_by_length_and_respect_the_budget():
    lengths = [5, 50, 6, 48, 7, 3]
    batches = token_budget_batches(lengths, max_tokens=100, max_items=3)
    assert sorted(i for batch in batches for i in batch) == list(range(6))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) * max(lengths[i] for i in batch) <= 100 or len(batch) == 1
    assert batches[0] == [5, 0, 2]  # the three shortest together


def test_a_sentence_over_the_budget_still_gets_a_batch():
    assert token_budget_batches([500, 2], max_tokens=100, max_items=8) == [[1], [0]]


def test_relative_max_length_is_capped():
    assert relative_max_length(10) == 25
    assert relative_max_length(10, term_tokens=4) == 29
    assert relative_max_length(400, limit=511) == 511


def test_split_long_cuts_at_clause_boundaries_first():
    text = "Putin tiba di Pyongyang; Kim menyambutnya, dan mereka berunding selama dua jam"
    pieces = split_long(text, lambda piece: len(piece) <= 45)
    assert pieces == ["Putin tiba di Pyongyang;", "Kim menyambutnya,", "dan mereka berunding selama dua jam"]
    assert " ".join(pieces) == text


def test_split_long_handles_a_single_giant_token():
    pieces = split_long("x" * 50, lambda piece: len(piece) <= 20)
    assert "".join(pieces) == "x" * 50 and all(len(p) <= 20 for p in pieces)


def test_pending_terms_count_occurrences():
    north_korea, un = (7, 8), (9,)
    assert pending_terms([1, 7, 8, 2], [north_korea, north_korea, un]) == [(north_korea,), (un,)]
    assert pending_terms([7, 8, 9, 7, 8], [north_korea, north_korea, un]) == []


def test_forced_continuation_completes_a_started_term():
    assert forced_continuation([1, 2, 7], [(7, 8, 9)]) == 8
    assert forced_continuation([1, 7, 8], [(7, 8, 9)]) == 9
    assert forced_continuation([1, 2, 3], [(7, 8, 9)]) is None


def test_any_accepted_form_satisfies_a_term_group():
    north_korea, north_korean = (7, 8), (7, 8, 5)  # "North Korean" continues "North Korea"
    group = (north_korea, north_korean)
    assert pending_terms([1, 7, 8, 5, 2], [group]) == []  # one occurrence, not two
    assert pending_terms([1, 2], [group]) == [group]
    assert pending_terms([7, 8, 5, 3, 7, 8], [group, group]) == []


@pytest.mark.parametrize(
    "sequence, expected",
    # both forms start 7 8: after 7 8 either may go on, so neither is forced
    [([1, 7], {8}), ([1, 7, 8], {9, 5}), ([1, 2], set())],
)
def test_continuations_of_forms_sharing_a_prefix(sequence, expected):
    from bitext.terms.constraints import continuations

    group = ((7, 8, 9), (7, 8, 5, 6))
    assert continuations(sequence, [group]) == expected
    assert forced_continuation(sequence, [group]) == (next(iter(expected)) if len(expected) == 1 else None)


def test_glue_tokens_are_word_internal_pieces_but_not_plural_endings():
    pieces = ["</s>", "▁North", "nya", "s", "▁Korea", ".", "an", "<pad>"]
    assert glue_token_ids(pieces) == [2, 6]


def test_translate_keeps_order_and_never_returns_empty(tiny_translator):
    sources = ["Korea Utara menembakkan rudal.", "Halo.", "Putin tiba di Pyongyang pada Rabu malam untuk kunjungan."]
    outputs = tiny_translator.translate(sources)
    assert len(outputs) == 3 and all(outputs)
    # Batches are sorted by length inside; results come back in input order.
    assert tiny_translator.translate(sources[::-1]) == outputs[::-1]


@pytest.mark.parametrize("beam_size", [1, 3])
def test_required_terms_appear_in_the_output(tiny_model, beam_size):
    translator = load_translator(TranslationSettings(model=str(tiny_model), beam_size=beam_size))
    sources = ["Korea Utara dan Korut menolak operasi militer khusus.", "DPRK bertemu PBB."]
    terms = [["North Korea", "North Korea", "special military operation"], ["DPRK", "UN"]]
    outputs = translator.translate(sources, terms)
    assert outputs[0].count("North Korea") >= 2 and "special military operation" in outputs[0]
    assert "DPRK" in outputs[1] and "UN" in outputs[1].split()


def test_max_length_caps_generated_tokens(tiny_model):
    translator = load_translator(TranslationSettings(model=str(tiny_model), beam_size=1, max_length=5))
    (output,) = translator.translate(["Presiden Rusia Vladimir Putin menerima sambutan megah di Pyongyang."])
    assert 1 <= len(translator.tokenizer(text_target=output, add_special_tokens=False)["input_ids"]) <= 5


def test_describe_names_model_revision_and_decoding(tiny_translator, tiny_model):
    description = tiny_translator.describe()
    assert description["model"] == str(tiny_model)
    assert description["revision"].startswith("sha256:")
    assert (description["backend"], description["beam_size"], description["max_length"]) == ("transformers", 2, "auto")


def test_unproducible_terms_are_reported(tiny_translator):
    assert tiny_translator.unproducible(["North Korea", "Ωmega"]) == ["Ωmega"]


@pytest.mark.parametrize(
    "model, message",
    [
        ("./no/such/model", "no model folder at ./no/such/model"),
        ("/etc/hostname", "is a file; pass the model's folder"),
    ],
)
def test_bad_model_paths_are_clear_errors(model, message):
    with pytest.raises(ModelLoadError, match=message):
        load_translator(TranslationSettings(model=model))


def test_folder_that_is_not_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match=r"cannot load model .*check that .* is a model folder"):
        load_translator(TranslationSettings(model=str(tmp_path)))


def test_unreachable_hub_fails_fast_with_advice(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr("bitext.translation.hub.hub_reachable", lambda timeout=3.0: False)
    with pytest.raises(ModelLoadError, match=r"hub is unreachable.*hf download .*--model ./opus-mt-id-en"):
        load_translator(TranslationSettings(model="Helsinki-NLP/opus-mt-id-en"))


def test_offline_mode_without_a_cached_copy(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="HF_HUB_OFFLINE is set and Helsinki-NLP/opus-mt-id-en is not in the"):
        load_translator(TranslationSettings(model="Helsinki-NLP/opus-mt-id-en"))


def test_cuda_request_without_a_gpu(tiny_model, monkeypatch):
    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    with pytest.raises(ModelLoadError, match="no CUDA GPU"):
        load_translator(TranslationSettings(model=str(tiny_model), device="cuda"))


@pytest.mark.parametrize(
    "model, is_path",
    [("Helsinki-NLP/opus-mt-id-en", False), ("opus-mt-id-en", False), ("./m", True), ("/abs/m", True), ("a/b/c", True)],
)
def test_hub_ids_and_paths_are_told_apart(model, is_path):
    assert looks_like_path(model) is is_path


def test_bfloat16_compute_type(tiny_model):
    translator = load_translator(TranslationSettings(model=str(tiny_model), beam_size=1, compute_type="bfloat16"))
    assert translator.describe()["compute_type"] == "bfloat16"
    assert all(translator.translate(["Korea Utara menolak."], [["North Korea"]]))


def test_unknown_compute_type_is_a_clear_error(tiny_model):
    with pytest.raises(ModelLoadError, match="--compute-type int4 is not available with the transformers backend"):
        load_translator(TranslationSettings(model=str(tiny_model), compute_type="int4"))


def test_keep_freed_memory_works_exactly_on_glibc():
    import platform

    from bitext.translation.hf import keep_freed_memory

    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")
