"""Script and character classes (bitext.filtering.script)."""

import pytest

from bitext.filtering.script import ScriptFilter, character_classes

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("text,latin,letters", [
    ("Harga naik", 1.0, 1.0),
    ("Café à Montréal", 1.0, 1.0),
    ("政府宣布新预算", 0.0, 1.0),
    ("12,5 | 13,0 | 14,2", 0.0, 0.0),
])
def test_character_classes(text, latin, letters):
    assert character_classes(text) == pytest.approx((latin, letters))


@pytest.mark.parametrize("target,complaint", [
    ("Правительство объявило новый бюджет для больниц.", "Latin letters"),
    ("政府宣布了医院的新预算。", "Latin letters"),
    ("$$$ 12.500 -- 13.750 %% 14.200 ###", "letters (min"),
])
def test_other_scripts_and_symbol_rows_are_removed(target, complaint):
    verdict = ScriptFilter().judge(pair("Pemerintah mengumumkan anggaran baru.", target))
    assert verdict.reason is not None and complaint in verdict.reason


@pytest.mark.parametrize("source,target", CLEAN)
def test_clean_pairs_pass(source, target):
    assert ScriptFilter().judge(pair(source, target)).reason is None
