"""The CTranslate2 backend on the tiny model, converted at test time."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import ModelLoadError
from bitext.ingest.reader import read_documents
from bitext.segmentation.documents import segment_documents
from bitext.terms.glossary import Glossary, term_accuracy
from bitext.translation import TranslationSettings, load_translator
from bitext.translation.ct2 import _candidate_cuts, word_boundaries
from bitext.translation.service import translate_segments

from .conftest import GLOSSARY, SEEDS

ctranslate2 = pytest.importorskip("ctranslate2")


def ct2(model, **settings):
    return load_translator(TranslationSettings(model=str(model), backend="ctranslate2", **settings))


def test_translates_in_order_with_the_same_interface(tiny_ct2):
    translator = ct2(tiny_ct2, beam_size=2)
    sources = ["Korea Utara menolak.", "Halo.", "Putin tiba di Pyongyang pada Rabu malam."]
    outputs = translator.translate(sources)
    assert len(outputs) == 3 and all(outputs)
    assert translator.translate(sources[::-1]) == outputs[::-1]
    assert translator.describe()["backend"] == "ctranslate2" and translator.compute_type == "int8"


def test_glossary_terms_are_forced_by_prefix_redecoding(tiny_ct2):
    translator = ct2(tiny_ct2, beam_size=1)
    glossary = Glossary.load(GLOSSARY)
    segments, _ = segment_documents(read_documents([str(SEEDS)]))
    translate_segments(segments, translator, glossary)
    accuracy = term_accuracy(match for segment in segments for match in segment.terms)
    assert accuracy["matched"] > 100
    assert accuracy["accuracy"] >= 0.99
    assert not any("North Koreanya" in s.target for s in segments)


def test_a_transformers_model_is_converted_once_and_cached(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path))
    first = ct2(tiny_model)
    converted = list((tmp_path / "ct2").iterdir())
    assert len(converted) == 1 and (converted[0] / "model.bin").exists()
    stamp = (converted[0] / "model.bin").stat().st_mtime_ns
    second = ct2(tiny_model)
    assert (converted[0] / "model.bin").stat().st_mtime_ns == stamp
    assert first.revision == second.revision and first.revision.startswith("sha256:")


def test_ct2_folder_without_tokenizer_is_a_clear_error(tiny_ct2, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(tiny_ct2, broken)
    (broken / "source.spm").unlink()
    with pytest.raises(ModelLoadError, match="has no source.spm; convert with ct2-transformers-converter"):
        ct2(broken)


def damaged_copy(tiny_ct2, folder):
    import shutil

    shutil.copytree(tiny_ct2, folder)
    (folder / "model.bin").write_bytes(b"not a CTranslate2 model")
    return folder


def test_a_damaged_model_is_a_load_error_at_first_use(tiny_ct2, tmp_path):
    # The weights load in the background while the caller reads its text: the tokenizer
    # is checked at once, the weights when first needed.
    translator = ct2(damaged_copy(tiny_ct2, tmp_path / "damaged"))
    for _ in range(2):  # the error stays an error, however often asked
        with pytest.raises(ModelLoadError, match="cannot load model .*damaged"):
            translator.translate(["Halo."])


def test_cli_says_a_damaged_model_in_one_line_and_publishes_nothing(tiny_ct2, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(SEEDS), "-o", str(out), "--model",
                                       str(damaged_copy(tiny_ct2, tmp_path / "damaged")), "--backend", "ctranslate2",
                                       "--no-cache"])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code != 0 and "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: cannot load model")
    assert not out.exists() or not any(out.iterdir())


def test_cli_with_the_ctranslate2_backend(tiny_ct2, tmp_path):
    result = CliRunner().invoke(main, ["translate", str(SEEDS), "-o", str(tmp_path), "--model", str(tiny_ct2),
                                       "--backend", "ctranslate2", "--beam-size", "1", "--max-length", "20", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["model"]["backend"] == "ctranslate2" and manifest["model"]["max_length"] == 20
    records = (tmp_path / "id-en.jsonl").read_text("utf-8").splitlines()
    assert len(records) == manifest["counts"]["segments"] and all(json.loads(r)["target"] for r in records)


def test_the_ctranslate2_path_never_imports_torch(tiny_ct2):
    code = (
        "import sys; from bitext.translation import TranslationSettings, load_translator; "
        f"t = load_translator(TranslationSettings(model={str(tiny_ct2)!r}, backend='ctranslate2')); "
        "t.translate(['Halo.'], [['DPRK']]); print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]


@pytest.mark.parametrize(
    "cuts, start, last, position, expected",
    [(range(11), 0, 10, 0.5, [3, 4, 5, 6, 7]), (range(8, 11), 8, 10, 0.5, [8, 9, 10]), ([10], 10, 10, 0.5, [10]),
     ([0, 2, 4, 9], 0, 10, 0.0, [0, 2, 4, 9]), ([0, 2, 4, 9], 0, 10, 1.0, [0, 2, 4, 9]), ([0, 3, 6, 9], 0, 10, 0.9, [3, 6, 9])],
)
def test_candidate_cuts_centre_on_the_expected_position(cuts, start, last, position, expected):
    assert _candidate_cuts(list(cuts), start, last, position, 5 if len(expected) > 3 else 3) == expected


@pytest.mark.parametrize(
    "pieces, start, last, expected",
    [
        (["▁North", "▁Kor", "ea", "▁fired", ",", "▁again"], 0, 6, [0, 1, 3, 4, 5, 6]),  # never inside "Kor|ea"
        (["▁North", "▁Kor", "ea", "▁fired"], 2, 4, [2, 3, 4]),  # just after a forced term counts
        (["▁a", "bc", "de"], 0, 2, [0]),
    ],
)
def test_terms_are_placed_only_between_words(pieces, start, last, expected):
    assert word_boundaries(pieces, start, last) == expected


@pytest.mark.parametrize(
    "count, batch_size, workers, expected",
    [(296, 128, 2, 74), (512, 128, 2, 128), (808, 128, 2, 101), (10, 128, 2, 5), (1, 128, 2, 1), (300, 64, 1, 60)],
)
def test_balanced_batch_size_keeps_every_worker_busy(count, batch_size, workers, expected):
    from bitext.translation.ct2 import balanced_batch_size

    size = balanced_batch_size(count, batch_size, workers)
    assert size == expected and size <= batch_size


def test_decoding_matches_transformers_for_pieces_only_the_source_knows(tmp_path, seed_texts):
    """opus-mt shares one vocabulary, but target.spm knows only English pieces: a copied
    Indonesian word must come out as the transformers tokenizer decodes it (issue 14.4)."""
    import sentencepiece
    from transformers import MarianTokenizer

    from bitext.testing import train_sentencepiece
    from bitext.translation.ct2 import pieces_to_text

    from .conftest import ENGLISH

    source_spm = train_sentencepiece(seed_texts, 1000)
    target_spm = train_sentencepiece([ENGLISH] * 20, 200)
    (tmp_path / "source.spm").write_bytes(source_spm)
    (tmp_path / "target.spm").write_bytes(target_spm)
    source = sentencepiece.SentencePieceProcessor(model_proto=source_spm)
    target = sentencepiece.SentencePieceProcessor(model_proto=target_spm)
    vocab = {target.id_to_piece(i): i for i in range(target.get_piece_size())}
    source_only = []
    for i in range(source.get_piece_size()):
        piece = source.id_to_piece(i)
        if piece not in vocab:
            vocab[piece] = len(vocab)
            if piece.startswith("\u2581") and len(piece) > 3:
                source_only.append(piece)
    vocab["<pad>"] = len(vocab)
    (tmp_path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"separate_vocabs": False}), "utf-8")
    tokenizer = MarianTokenizer.from_pretrained(str(tmp_path))
    english = target.encode("North Korea", out_type=str)
    pieces = english + source_only[:3] + ["<unk>"] + english + source_only[3:4] + ["</s>"]
    expected = tokenizer.decode(tokenizer.convert_tokens_to_ids(pieces), skip_special_tokens=True)
    assert "\u2581" not in expected and expected.startswith("North Korea ")
    assert pieces_to_text(target, pieces) == expected
    assert "\u2581" in target.decode_pieces(pieces)  # what the backend wrote before


def test_ct2_translates_a_sentence_the_same_whatever_its_batch(tiny_ct2):
    translator = ct2(tiny_ct2, beam_size=1)
    sources = ["Korea Utara menolak tawaran itu.", "Halo.", "Putin tiba di Pyongyang pada Rabu malam untuk kunjungan."]
    assert translator.translate(sources) == [translator.translate([s])[0] for s in sources]


class _CountingEncoder:
    """A SentencePiece processor that counts the texts it encodes."""

    def __init__(self, processor):
        self.processor, self.texts = processor, 0

    def encode(self, texts, **options):
        self.texts += len(texts)
        return self.processor.encode(texts, **options)


def test_a_chunk_is_encoded_once_between_counting_and_decoding(tiny_ct2):
    translator = ct2(tiny_ct2, beam_size=1, batch_size=2)
    sources = ["Korea Utara menolak tawaran itu.", "Halo.", "Putin tiba di Pyongyang.", "Rusia tiba.", "Ya."]
    translator.source_spm = encoder = _CountingEncoder(translator.source_spm)
    outputs = translator.translate(sources)
    assert len(outputs) == len(sources) and all(outputs)
    assert encoder.texts == len(sources)  # counted once; the batches reuse those pieces
    translator.translate(["Jepang menolak.", "Halo."])
    assert encoder.texts == len(sources) + 2  # a call with a new text encodes its texts afresh


TERMS = ["KCNA", "DPRK", "UN Security Council", "South Korea"]


@pytest.mark.parametrize("rounds, most_redecodes", [(1, 2), (2, 4), (0, 2 * len(TERMS))])
def test_repair_rounds_bound_the_redecodes_and_every_term_is_met(tiny_ct2, monkeypatch, rounds, most_redecodes):
    translator = ct2(tiny_ct2, beam_size=1, term_rounds=rounds)
    redecodes = []
    decode = translator._decode
    monkeypatch.setattr(translator, "_decode", lambda sources, size, prefixes=None: (
        redecodes.append(prefixes) if prefixes else None) or decode(sources, size, prefixes))
    source = "KCNA melaporkan bahwa DPRK menolak pernyataan Dewan Keamanan PBB dan Korea Selatan."
    [output] = translator.translate([source], [TERMS])
    # A round is one re-decode (and a word boundary after a glued term, one more).
    assert all(term in output for term in TERMS) and len(redecodes) <= most_redecodes
    if rounds == 0:
        assert len(redecodes) >= len(TERMS)  # one term a round


class _Scored:
    def __init__(self, log_probs):
        self.log_probs = log_probs


class _PieceScorer:
    """Stands in for the model's ``score_batch``: every piece scores -0.5 but the
    ``unlikely`` ones, which score -6 (as a model finds a second rendering of a term)."""

    def __init__(self, unlikely):
        self.unlikely = set(unlikely)

    def score_batch(self, sources, targets, **options):
        return [_Scored([-6.0 if piece in self.unlikely else -0.5 for piece in target] + [-0.5]) for target in targets]


@pytest.mark.parametrize("own_rendering_unlikely", [True, False])
def test_spliced_terms_resume_the_old_text_after_the_models_own_rendering(tiny_ct2, monkeypatch,
                                                                          own_rendering_unlikely):
    from bitext.translation.ct2 import _Cut

    translator = ct2(tiny_ct2, beam_size=1)
    pieces = translator.target_spm.encode
    rendering = pieces("North Korea", out_type=str)
    hypothesis = rendering + pieces(" rejected the statement today", out_type=str)
    monkeypatch.setattr(translator, "model", _PieceScorer(rendering if own_rendering_unlikely else []))
    first, second = translator.term_pieces("DPRK"), translator.term_pieces("UN")
    today = len(hypothesis) - len(pieces(" today", out_type=str))
    cuts = [_Cut(0, 0, 0, first, "DPRK"), _Cut(0, 1, today, second, "UN")]
    [placement] = translator._best_placements([["x"]], [hypothesis], cuts)
    text = translator.target_spm.decode_pieces(placement.prefix)
    if own_rendering_unlikely:  # "DPRK North Korea rejected ..." would say it twice
        assert text == "DPRK rejected the statement UN"
    else:  # nothing is dropped unless the model finds it clearly out of place
        assert text == "DPRK North Korea rejected the statement UN"
    assert placement.last_term == "UN"


@pytest.mark.parametrize("term, ending, glued", [("DPRK", "nya", True), ("North Korea|North Korean", "n", False)])
def test_only_an_ending_that_loses_the_term_is_decoded_again(tiny_ct2, term, ending, glued):
    translator = ct2(tiny_ct2, beam_size=1)
    prefix = translator.term_pieces(term)
    endings = [piece for piece in translator.glue_pieces() if translator.target_spm.decode_pieces([piece]) == ending]
    if not endings:
        pytest.skip(f"the tiny vocabulary has no word-internal piece {ending!r}")
    output = prefix + endings[:1] + translator.target_spm.encode(" rejected", out_type=str)
    # "DPRKnya" loses the term; "North Korean" is one of its accepted forms.
    assert translator._glues(prefix, output, term) is glued
