"""Numbers and names that must agree (bitext.filtering.numbers)."""

import pytest

from bitext.filtering.numbers import NumbersFilter, number_agreement, numbers_of

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("text,numbers", [
    ("Harga naik menjadi Rp1.500 pada 2024.", {"2024"}),  # "Rp1.500" is glued to letters
    ("Sebanyak 1.500 orang, atau 6,5 persen, pada 2024.", {"1500", "65", "2024"}),
    ("Lima orang dan 3 mobil; masker N95.", set()),
])
def test_numbers_of_two_digits_standing_alone(text, numbers):
    assert numbers_of(text) == numbers


def test_separators_differ_between_the_languages():
    assert number_agreement("Sebanyak 1.500 orang, atau 6,5 persen.", "Some 1,500 people, or 6.5 percent.") == (1.0, 4)


def test_numbers_that_disagree_remove_the_pair():
    verdict = NumbersFilter().judge(pair("Pada 2019, sebanyak 1.200 orang hadir.", "In 2021, some 3,400 people came."))
    assert verdict.reason is not None and "numbers disagree" in verdict.reason


def test_names_missing_from_the_target_remove_the_pair():
    source = "Menteri Budiman Sudjatmiko bertemu Wiranto dan Susilowati di Surabaya."
    verdict = NumbersFilter().judge(pair(source, "The minister met the governor and his deputy in the city."))
    assert verdict.reason is not None and "names" in verdict.reason and verdict.scores["names"] == 0.0


@pytest.mark.parametrize("source,target", CLEAN)
def test_clean_pairs_agree(source, target):
    verdict = NumbersFilter().judge(pair(source, target))
    assert verdict.reason is None and verdict.scores["numbers"] == 1.0
