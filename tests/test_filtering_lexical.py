"""The lexical translation score (bitext.filtering.lexical)."""

import pytest

from bitext.filtering.lexical import LexicalFilter, sentence_lengths

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("source,target", CLEAN)
def test_translations_explain_each_other(source, target):
    verdict = LexicalFilter().judge(pair(source, target))
    assert verdict.reason is None and verdict.scores["lexical"] > 0.3


@pytest.mark.parametrize("source,target", [(CLEAN[0][0], CLEAN[6][1]), (CLEAN[5][0], CLEAN[0][1]), (CLEAN[10][0], CLEAN[3][1])])
def test_a_misaligned_pair_explains_little(source, target):
    verdict = LexicalFilter().judge(pair(source, target))
    assert verdict.reason is not None and "explain little" in verdict.reason and verdict.scores["lexical"] < 0.1


def test_half_of_the_translation_missing():
    source = "Pemerintah mengumumkan anggaran baru untuk rumah sakit dan sekolah di seluruh provinsi pada hari Senin."
    verdict = LexicalFilter().judge(pair(source, "The government announced a new"))
    assert verdict.reason is not None and "missing" in verdict.reason and verdict.scores["imbalance"] < -0.8


def test_two_sentences_for_one():
    verdict = LexicalFilter().judge(pair(CLEAN[5][0], CLEAN[5][1] + " " + CLEAN[9][1]))
    assert verdict.reason is not None and verdict.scores["sentences"] < 0.25


def test_loanwords_meet_their_english_source():
    source_flags, target_flags, _ = LexicalFilter().coverage(pair("Replikasi virus diamati.", "Virus replication observed."))
    assert source_flags[0] and target_flags[1]  # "replikasi" and "replication"


def test_the_glossary_adds_evidence():
    from bitext.alignment.lexicon import Lexicon
    from bitext.filtering.base import FilterContext
    from bitext.terms.glossary import Glossary

    from .conftest import GLOSSARY

    source, target = "Korsel mengecam uji coba rudal itu.", "South Korea condemned the missile test."
    plain = LexicalFilter().judge(pair(source, target)).scores["source_coverage"]
    context = FilterContext(Lexicon.default().with_glossary(Glossary.load(GLOSSARY)))
    assert LexicalFilter(context=context).judge(pair(source, target)).scores["source_coverage"] > plain


def test_sentences_are_counted_within_a_side():
    assert sentence_lengths("Harga naik. Pemerintah diam.") == [2, 2]
    assert sentence_lengths("Dr. Budi datang.") == [3]
