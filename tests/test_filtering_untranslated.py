"""Untranslated pairs (bitext.filtering.untranslated)."""

import pytest

from bitext.filtering.untranslated import UntranslatedFilter, copy_similarity

from .filtering_pairs import CLEAN, pair

SOURCE = "Pemerintah mengumumkan anggaran baru untuk rumah sakit."


@pytest.mark.parametrize("target", [SOURCE, SOURCE.upper(), SOURCE.replace("baru", "lama")])
def test_a_copied_or_lightly_edited_source_is_removed(target):
    verdict = UntranslatedFilter().judge(pair(SOURCE, target))
    assert verdict.reason is not None and verdict.scores["copy"] > 0.8


@pytest.mark.parametrize("text", ["COVID-19", "Kim Jong Un", "Jakarta, 2024", "Joko Widodo"])
def test_names_and_numbers_may_be_the_same_in_both_languages(text):
    assert UntranslatedFilter().judge(pair(text, text)).reason is None


@pytest.mark.parametrize("source,target", CLEAN)
def test_translations_are_far_from_copies(source, target):
    assert copy_similarity(source, target) < 0.5
    assert UntranslatedFilter().judge(pair(source, target)).reason is None
