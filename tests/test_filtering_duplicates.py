"""Exact and near duplicates in bounded memory (bitext.filtering.duplicates)."""

from bitext.filtering.base import Pair
from bitext.filtering.duplicates import DuplicateIndex, DuplicateSettings, fingerprints, normalise, similarity
from bitext.model import Segment

from .filtering_pairs import CLEAN


def prints(pairs):
    return fingerprints([Pair(Segment("d", n, 1, s, t)) for n, (s, t) in enumerate(pairs, 1)], DuplicateSettings())


def test_copies_in_other_case_spacing_or_punctuation_are_exact():
    source, target = CLEAN[0]
    variants = [(source, target), (source.upper(), target.upper()), ("  ".join(source.split()), target.rstrip("."))]
    assert len({p.exact for p in prints(variants)}) == 1
    assert normalise("Halo,  DUNIA!") == "halo dunia"


def test_a_word_changed_is_a_near_duplicate_and_other_pairs_are_not():
    source, target = CLEAN[11]
    edited = (source.replace("Ribuan", "Ratusan"), target.replace("Thousands", "Hundreds"))
    first, near, other = prints([(source, target), edited, CLEAN[5]])
    assert similarity(first.signature, near.signature) >= 0.7 > similarity(first.signature, other.signature)


def test_every_group_keeps_its_best_member(tmp_path):
    index = DuplicateIndex(tmp_path / "index.sqlite3")
    source, target = CLEAN[11]
    pairs = [CLEAN[0], (source, target), CLEAN[1], (source.upper(), target.upper()), (source, target + " ")]
    ranks = [1.0, 1.0, 1.0, 5.0, 2.0]
    members = [index.add(n, f"p{n}", p, rank) for n, (p, rank) in enumerate(zip(prints(pairs), ranks), 1)]
    assert [m.match for m in members] == ["first", "first", "first", "exact", "exact"]
    group = index.group(members[1].group)
    assert (group.size, group.best, group.best_id) == (3, 4, "p4")  # the best rank wins
    assert index.groups() == (1, 3)
    index.close()
    assert not (tmp_path / "index.sqlite3").exists()
