"""Language identification of both sides (bitext.filtering.language, py3langid)."""

import pytest

from bitext.filtering.language import LanguageFilter, LanguageSettings, detect

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("source,target", CLEAN)
def test_clean_pairs_are_indonesian_and_english(source, target):
    verdict = LanguageFilter().judge(pair(source, target))
    assert verdict.reason is None
    least = LanguageSettings()
    assert verdict.scores["source_lang"] > least.min_source and verdict.scores["target_lang"] > least.min_target


@pytest.mark.parametrize("target,found", [
    ("Pemerintah mengumumkan anggaran baru untuk rumah sakit umum.", "id"),
    ("Le gouvernement a annoncé un nouveau budget pour les hôpitaux publics.", "fr"),
    ("Die Regierung hat ein neues Budget für die Krankenhäuser angekündigt.", "de"),
])
def test_a_target_in_another_language_is_removed(target, found):
    verdict = LanguageFilter().judge(pair("Pemerintah mengumumkan anggaran baru untuk rumah sakit.", target))
    assert verdict.reason is not None and repr(found) in verdict.reason and verdict.scores["target_lang"] < 0.1


def test_malay_counts_as_the_source_unless_told_otherwise():
    malay = "Kerajaan akan mengumumkan bajet baharu untuk sektor kesihatan pada minggu hadapan."
    target = "The government will announce a new budget for the health sector next week."
    assert LanguageFilter().judge(pair(malay, target)).reason is None
    strict = LanguageFilter(LanguageSettings(source_accept=["id"], min_source=0.5))
    assert detect(malay, ["ms"])[0] == "ms" and strict.judge(pair(malay, target)).reason is not None


def test_a_name_alone_is_not_judged():
    assert LanguageFilter().judge(pair("Kim Jong Un", "Kim Jong Un")).reason is None
