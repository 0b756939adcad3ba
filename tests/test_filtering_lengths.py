"""The length and ratio filters (bitext.filtering.lengths)."""

import pytest

from bitext.filtering.lengths import LengthFilter, LengthSettings, RatioFilter

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("source,target,reason", [
    ("Polisi menangkap lima orang.", "", "empty target"),
    ("", "Police arrested five people.", "empty source"),
    ("kata " * 300, "word " * 300, "source has 300 words"),
    ("Polisi menangkap lima orang.", "x" * 2500, "target has 2500 characters"),
])
def test_empty_and_overlong_sides_are_removed(source, target, reason):
    verdict = LengthFilter().judge(pair(source, target))
    assert verdict.reason is not None and reason in verdict.reason


def test_thresholds_come_from_the_settings():
    short = pair("Polisi menangkap lima orang di Jakarta.", "Police arrested five.")
    assert LengthFilter().judge(short).reason is None
    assert "target has 3 words (min 4)" in LengthFilter(LengthSettings(min_words=4)).judge(short).reason


@pytest.mark.parametrize("source,target", CLEAN)
def test_clean_pairs_pass_both(source, target):
    assert LengthFilter().judge(pair(source, target)).reason is None
    assert RatioFilter().judge(pair(source, target)).reason is None


@pytest.mark.parametrize("target,words", [
    ("Police arrested.", "min"),
    ("Police arrested five people in Jakarta on Monday, and then they arrested five more people in Bandung "
     "and ten in Surabaya on Tuesday after a long investigation.", "max"),
])
def test_a_target_far_from_the_source_length_is_removed(target, words):
    verdict = RatioFilter().judge(pair("Polisi menangkap lima orang di Jakarta pada hari Senin.", target))
    assert verdict.reason is not None and f"({words} " in verdict.reason
    assert set(verdict.scores) == {"char_ratio", "word_ratio"}


def test_short_sources_are_scored_but_not_judged():
    verdict = RatioFilter().judge(pair("Ya.", "Yes, certainly, of course."))
    assert verdict.reason is None and verdict.scores["char_ratio"] > 5
