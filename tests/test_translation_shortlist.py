"""Vocabulary shortlists: the map, its evidence, its coverage, and CTranslate2 using it."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import ModelLoadError
from bitext.translation import TranslationSettings, load_translator
from bitext.translation.shortlist import (
    Shortlist,
    ShortlistError,
    ShortlistOptions,
    build_shortlist,
    coverage,
    english_forms,
    shortlisted_model,
)

ctranslate2 = pytest.importorskip("ctranslate2")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path / "cache"))


def test_candidates_are_the_fixed_pieces_and_every_ngram_entry():
    shortlist = Shortlist()
    shortlist.add([], ["▁the"])
    shortlist.add(["▁korea"], ["▁Korea"])
    shortlist.add(["▁korea", "▁utara"], ["▁North"])
    found = shortlist.candidates(["▁korea", "▁utara"])
    assert {"▁the", "▁Korea", "▁North", "</s>"} <= found
    assert "▁North" not in shortlist.candidates(["▁utara", "▁korea"])  # the bigram is ordered


def test_a_written_map_reads_back_and_its_digest_is_its_file_hash(tmp_path):
    shortlist = Shortlist()
    shortlist.add([], ["▁a", "."])
    shortlist.add(["▁rudal"], ["▁missile", "▁missiles"])
    path = shortlist.write(tmp_path / "id-en.vmap")
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "\t. ▁a" and lines[1] == "▁rudal\t▁missile ▁missiles"
    again = Shortlist.read(path)
    assert again.fixed == shortlist.fixed and again.rules == shortlist.rules
    assert shortlist.digest() == hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_a_file_that_is_not_a_map_is_refused(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("no tabs here\n", "utf-8")
    with pytest.raises(ShortlistError, match="not a vocabulary map"):
        Shortlist.read(bad)


@pytest.mark.parametrize("word, expected", [
    ("patient", {"patients", "patiented", "patienting"}),
    ("study", {"studies", "studied"}),
    ("increase", {"increases", "increased", "increasing"}),
    ("box", {"boxes"}),
])
def test_english_forms_add_the_regular_inflections(word, expected):
    forms = english_forms(word)
    assert forms[0] == word and expected <= set(forms)


def test_frequent_pieces_follow_english_word_frequencies(tiny_ct2):
    from bitext.translation.shortlist import PieceCoders

    coders = PieceCoders(tiny_ct2)
    ranked = coders.frequent_target_pieces(10**6, {"korea": 1e-3, "the": 1e-2, "missile": 1e-5})
    the, korea, missile = (coders.target.encode(word, out_type=str) for word in ("the", "korea", "missile"))
    place = {piece: index for index, piece in enumerate(ranked)}
    # A word's pieces come in the order of its frequency; no piece no word uses comes first.
    assert max(place[p] for p in the) < min(place[p] for p in set(korea) - set(the))
    assert max(place[p] for p in korea) < min(place[p] for p in set(missile) - set(korea) - set(the))
    used = {p for word in ("the", "korea", "missile") for form in (word, word.capitalize())
            for p in coders.target.encode(form, out_type=str)}
    assert set(ranked[: len(used)]) == used
    assert sorted(ranked) == sorted(coders.target_vocabulary())  # every piece ranked once


def test_the_shipped_word_list_ranks_common_words_first():
    from bitext.translation.shortlist import english_frequencies

    frequencies = english_frequencies()
    assert len(frequencies) > 90_000
    assert frequencies["the"] > frequencies["hospital"] > frequencies["hospitalized"] > 0


def test_frequent_words_bring_their_bare_forms_and_frequent_endings(tiny_ct2):
    from bitext.translation.shortlist import PieceCoders

    coders = PieceCoders(tiny_ct2)
    ranked = coders.frequent_target_pieces(10**6)
    built = build_shortlist(tiny_ct2, options=ShortlistOptions(frequent=100, word_pieces=300), lexicon=False)
    bare = {p[1:] for p in ranked[:100] if p.startswith("\u2581") and p[1:] in coders.target_vocabulary()}
    endings = {p for p in ranked[:300] if not p.startswith("\u2581")}
    assert bare and endings and set(ranked[:100]) | bare | endings <= built.fixed
    later = {p for p in ranked[300:] if not p.startswith("\u2581")} - built.fixed
    assert later  # an ending past the word_pieces rank is only kept by a rule


def test_coverage_counts_reference_pieces_in_the_sentences_shortlist(tiny_ct2):
    full = build_shortlist(tiny_ct2, options=ShortlistOptions(frequent=10**6))
    pairs = [("Korea Utara menolak tawaran itu.", "North Korea refused the offer.")]
    assert coverage(full, tiny_ct2, pairs).share == 1.0
    empty = Shortlist()
    partial = coverage(empty, tiny_ct2, pairs)
    assert partial.sentences == 1 and partial.pieces > 0 and partial.covered == 0 and partial.share == 0.0


def test_corpus_cooccurrences_key_target_pieces_to_source_pieces(tiny_ct2):
    corpus = [("Korea Utara menolak.", "North Korea refused."), ("Korea Utara menembak.", "North Korea fired."),
              ("Rusia tiba.", "Russia arrived.")] * 3
    options = ShortlistOptions(frequent=0, corpus_frequent=0, word_pieces=0)
    bare = build_shortlist(tiny_ct2, options=options, lexicon=False)
    counted = build_shortlist(tiny_ct2, corpus, options=options, lexicon=False)
    from bitext.translation.shortlist import PieceCoders

    coders = PieceCoders(tiny_ct2)
    source = coders.source_pieces("menolak")
    refused = set(coders.target_pieces("refused"))
    before, after = bare.candidates(source), counted.candidates(source)
    # The pieces only its translation has came with the counts; those of sentences without it did not.
    own = refused - set(coders.target_pieces("North Korea fired.")) - set(coders.target_pieces("Russia arrived."))
    assert own - before and own <= after
    unrelated = set(coders.target_pieces("Russia arrived.")) - refused - set(coders.target_pieces("North Korea"))
    assert not (after - before) & unrelated


def test_a_full_vocabulary_map_changes_no_output_and_enters_the_signature(tiny_ct2, tmp_path):
    from bitext.translation.shortlist import PieceCoders

    everything = Shortlist()
    everything.add([], PieceCoders(tiny_ct2).vocabulary)
    path = everything.write(tmp_path / "all.vmap")
    sources = ["Korea Utara menolak tawaran itu.", "Putin tiba di Pyongyang pada Rabu malam."]
    plain = load_translator(TranslationSettings(model=str(tiny_ct2), backend="ctranslate2", beam_size=2))
    listed = load_translator(TranslationSettings(model=str(tiny_ct2), backend="ctranslate2", beam_size=2,
                                                 shortlist=str(path)))
    assert listed.translate(sources) == plain.translate(sources)
    assert listed.describe()["shortlist"] == everything.digest()
    assert "shortlist" not in plain.describe()


def test_a_small_map_restricts_the_output_to_its_pieces(tiny_ct2, tmp_path):
    few = Shortlist()
    few.add([], ["\u2581the", "\u2581of", "."])
    translator = load_translator(TranslationSettings(model=str(tiny_ct2), backend="ctranslate2", beam_size=1,
                                                     max_length=8, shortlist=str(few.write(tmp_path / "few.vmap"))))
    assert translator.translate(["Korea Utara menolak tawaran itu."])[0]
    tokens = translator.source_tokens(["Korea Utara menolak tawaran itu."])
    pieces = translator.model.translate_batch(tokens, beam_size=1, max_decoding_length=8, use_vmap=True)[0].hypotheses[0]
    assert pieces and set(pieces) <= few.fixed | {"<unk>", "</s>"}


def test_auto_builds_the_map_once_into_the_cache(tiny_ct2, tmp_path):
    view, digest = shortlisted_model(tiny_ct2, "auto", "rev1")
    assert (view / "vmap.txt").is_file() and (view / "model.bin").resolve() == (tiny_ct2 / "model.bin").resolve()
    again = shortlisted_model(tiny_ct2, "auto", "rev1")
    assert again == (view, digest)


def test_a_missing_map_file_is_one_clear_error(tiny_ct2, tmp_path):
    with pytest.raises(ShortlistError, match="no such file"):
        shortlisted_model(tiny_ct2, str(tmp_path / "absent.vmap"), "rev1")


def test_the_transformers_backend_refuses_a_shortlist(tiny_model):
    with pytest.raises(ModelLoadError, match="--backend ctranslate2"):
        load_translator(TranslationSettings(model=str(tiny_model), shortlist="auto"))


def test_shortlist_build_writes_a_map_and_reports_held_out_coverage(tiny_ct2, tmp_path):
    from bitext.formats import write_corpus
    from bitext.model import Corpus, Segment

    corpus = tmp_path / "pairs.jsonl"
    write_corpus(Corpus([Segment(f"doc{i}", 1, 1, "Korea Utara menolak.", "North Korea refused.") for i in range(10)]),
                 corpus)
    out = tmp_path / "id-en.vmap"
    result = CliRunner().invoke(main, ["shortlist", "build", "--model", str(tiny_ct2), "-c", str(corpus),
                                       "--hold-out", "0.2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "Held-out coverage" in result.output
    assert Shortlist.read(out).fixed


def test_shortlist_build_options_reach_the_library(tiny_ct2, tmp_path):
    maps = {}
    for name, options in {"default": [], "small": ["--frequent", "5", "--word-pieces", "0"]}.items():
        maps[name] = tmp_path / f"{name}.vmap"
        result = CliRunner().invoke(main, ["shortlist", "build", "--model", str(tiny_ct2), "-q", "-o",
                                           str(maps[name]), *options])
        assert result.exit_code == 0, result.output
    default, small = (Shortlist.read(maps[name]).fixed for name in ("default", "small"))
    assert small < default


def test_the_shipped_lexicons_are_merged_freedict_first():
    from bitext.translation.shortlist import shipped_lexicon

    words = shipped_lexicon()
    assert "epidemic" in words["wabah"] and "hospital" in words["rumah sakit"]  # from the Wordnet Bahasa
    assert words["abadi"][0] == "eternal"  # FreeDict's translations come first
    assert all(len(set(translations)) == len(translations) for translations in words.values())


class _Vocabulary:
    def __init__(self, pieces):
        self.pieces = pieces

    def target_vocabulary(self):
        return self.pieces


def test_a_rules_english_words_bring_the_words_of_their_stem_and_case():
    from bitext.translation.shortlist import _add_same_stem_words

    shortlist = Shortlist()
    shortlist.add(["▁rumah", "▁sakit"], ["▁hospital"])
    shortlist.add(["▁Cepat"], ["▁Rapid"])
    _add_same_stem_words(shortlist, _Vocabulary(["▁hospital", "▁hospitals", "▁hospitalized", "▁host", "▁rapid",
                                                 "▁rapidly", "▁rap", "ly", "▁Rapid", "▁Rapidly", "▁HOSPITALS",
                                                 "▁Hospitals"]))
    assert shortlist.rules["▁rumah ▁sakit"] == {"▁hospital", "▁hospitals", "▁hospitalized"}
    assert shortlist.rules["▁Cepat"] == {"▁Rapid", "▁Rapidly"}


def test_copies_skip_the_lexicons_lower_case_words_only(tiny_ct2):
    from bitext.translation.shortlist import PieceCoders, _add_copies

    coders = PieceCoders(tiny_ct2)
    pieces = [coders.source.id_to_piece(i) for i in range(coders.source.get_piece_size())]
    word = next(p for p in pieces if p.startswith("\u2581") and p[1:].isalpha() and p[1:].islower() and len(p) > 3)
    other = next(p for p in pieces if p != word and p.startswith("\u2581") and p[1:].isalpha() and len(p) > 3)
    known, unknown = Shortlist(), Shortlist()
    _add_copies(known, coders, {word[1:], word[1:].capitalize(), other[1:].upper()})
    _add_copies(unknown, coders)
    assert word in unknown.rules and word not in known.rules
    assert known.rules[other] == unknown.rules[other]  # not a known lower-case word: still copied
    assert len(known.rules) == len(unknown.rules) - 1


def test_english_words_of_several_pieces_are_keyed_by_their_loanword_spelling(tiny_ct2):
    from bitext.translation.shortlist import PieceCoders, _add_loanwords

    coders = PieceCoders(tiny_ct2)
    shortlist = Shortlist()
    _add_loanwords(shortlist, coders, ["diagnostic", "infection"])
    for english, indonesian in [("diagnostic", "diagnostik"), ("infection", "infeksi")]:
        assert set(coders.target_pieces(english)) <= shortlist.candidates(coders.source_pieces(indonesian))


@pytest.mark.parametrize("quiet", [False, True])
def test_translate_says_once_that_it_builds_the_auto_shortlist(tiny_ct2, tmp_path, quiet):
    text = tmp_path / "berita.txt"
    text.write_text("Korea Utara menolak tawaran itu.\n", "utf-8")
    outputs = []
    for run in ("first", "again"):
        arguments = ["translate", str(text), "-o", str(tmp_path / run), "--model", str(tiny_ct2), "--backend",
                     "ctranslate2", "--shortlist", "auto", "--no-glossary", "--no-cache", "--max-length", "8"]
        result = CliRunner().invoke(main, arguments + (["-q"] if quiet else []))
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    notices = [output.count("Building the vocabulary shortlist") for output in outputs]
    assert notices == ([0, 0] if quiet else [1, 0])


def test_ctranslate2_draws_a_sentences_candidates_as_the_map_computes_them(tiny_ct2, tmp_path):
    """The coverage measure's premise: CTranslate2 takes a sentence's candidates exactly
    as ``Shortlist.candidates`` does (fixed pieces, every n-gram's entry), and a batch's
    are the union of its sentences': so a shortlisted output depends on its neighbours,
    unlike an unlisted one (see the README)."""
    from bitext.translation.shortlist import PieceCoders

    coders = PieceCoders(tiny_ct2)
    vocabulary = sorted(coders.target_vocabulary())
    sources = ["Korea Utara menolak tawaran itu.", "Rusia tiba di Pyongyang."]
    first, second = (coders.source_pieces(text) for text in sources)
    shortlist = Shortlist()
    shortlist.add([], ["."])
    shortlist.add(first[:1], vocabulary[100:160])
    shortlist.add(first[:2], vocabulary[400:460])  # a bigram's entry
    shortlist.add(second[:1], vocabulary[700:760])
    translator = load_translator(TranslationSettings(model=str(tiny_ct2), backend="ctranslate2", beam_size=1,
                                                     max_length=12, shortlist=str(shortlist.write(tmp_path / "m.vmap"))))

    def decode(texts: list[str]) -> list[set[str]]:
        results = translator.model.translate_batch(translator.source_tokens(texts), beam_size=1,
                                                   max_decoding_length=12, use_vmap=True)
        return [set(result.hypotheses[0]) for result in results]

    alone = [decode([text])[0] for text in sources]
    for pieces, output in zip((first, second), alone):
        assert output <= shortlist.candidates(pieces)
    assert alone[0] & set(vocabulary[400:460]) and alone[1] & set(vocabulary[700:760])
    together = decode(sources)
    union = shortlist.candidates(first) | shortlist.candidates(second)
    assert all(output <= union for output in together)
    # Next to the first sentence, the second uses a piece only the first's entries bring.
    assert together[1] - shortlist.candidates(second)
