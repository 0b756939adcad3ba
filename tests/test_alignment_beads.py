"""The aligner's bounded search (bitext.alignment.beads): linear on any input (issue 24)."""

import random

from bitext.alignment import beads
from bitext.alignment.beads import MAX_PASSES, align

WORDS = "rumah jalan kota desa pasar sekolah anak ibu air api tanah kerja uang harga makan minum".split()
ENGLISH = ["house", "road", "city", "market", "water", "fire", "work", "money"]


def mismatched(n, seed=2):
    """Unrelated documents whose sentence lengths disagree (short against long, then the
    other way): the best path runs far from the diagonal."""
    rng = random.Random(seed)
    sources = [" ".join(rng.choice(WORDS) for _ in range(3 if i < n // 2 else 40)) + "." for i in range(n)]
    targets = [" ".join(rng.choice(ENGLISH) for _ in range(40 if i < n // 2 else 3)) + "." for i in range(n)]
    return sources, targets


def counting(monkeypatch):
    """Count the cells the programme fills."""
    cells = []
    original = beads._fill_lexical_row

    def fill(spans, cost, back, i, low, high):
        cells.append(high - low + 1)
        return original(spans, cost, back, i, low, high)

    monkeypatch.setattr(beads, "_fill_lexical_row", fill)
    return cells


def test_mismatched_documents_get_a_bounded_search_and_low_confidence(monkeypatch):
    cells = counting(monkeypatch)
    sources, targets = mismatched(600)
    found = align(sources, targets)
    assert not found.confident and found.passes <= MAX_PASSES
    assert [i for b in found.beads for i in b.source] == list(range(600))
    assert [j for b in found.beads for j in b.target] == list(range(600))
    # never the whole matrix (360,000 cells): a few bands of the budget
    assert sum(cells) <= MAX_PASSES * beads.CELL_BUDGET and sum(cells) < 600 * 600 / 4


def test_the_work_grows_linearly_with_the_documents(monkeypatch):
    cells = counting(monkeypatch)
    align(*mismatched(300))
    small = sum(cells)
    cells.clear()
    align(*mismatched(3000))
    assert sum(cells) < 12 * small  # ten times the sentences, about ten times the cells (the band narrows)


VOCABULARY = [("rumah", "house"), ("jalan", "road"), ("kota", "city"), ("pasar", "market"), ("air", "water"),
              ("api", "fire"), ("uang", "money"), ("harga", "price"), ("sekolah", "school"), ("anak", "child"),
              ("hujan", "rain"), ("sungai", "river"), ("gunung", "mountain"), ("laut", "sea"), ("kapal", "ship"),
              ("pesawat", "plane"), ("buku", "book"), ("dokter", "doctor"), ("petani", "farmer"), ("beras", "rice"),
              ("polisi", "police"), ("tentara", "soldier"), ("menteri", "minister"), ("hutan", "forest")]


def test_a_drift_wider_than_the_band_is_followed():
    rng = random.Random(5)
    pairs = []
    for k in range(120):  # sentences of random words: each translates its own counterpart only
        words, numbers = rng.sample(VOCABULARY, 3), f"{1000 + k} {2000 + k} {3000 + k}"
        pairs.append((" ".join(w for w, _ in words) + f" {numbers}.", " ".join(e for _, e in words) + f" {numbers}."))
    sources = [s for s, _ in pairs[:90]]  # the first 30 English sentences are missing, the last 30 Indonesian ones
    targets = [t for _, t in pairs[30:]]
    found = align(sources, targets)
    assert found.confident and found.passes >= 2
    aligned = [(b.source, b.target) for b in found.beads if b.source and b.target]
    assert aligned == [((i,), (i - 30,)) for i in range(30, 90)]


def test_short_perturbed_documents_hold_strict_f1():
    import sys
    from pathlib import Path

    import pytest

    from .conftest import SHARED

    tmx = SHARED / "data" / "tico19-all.en-id.tmx"
    if not tmx.exists():
        pytest.skip(f"no TICO-19 at {tmx}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import alignment as benchmark

    short = benchmark.short_documents(benchmark.documents(tmx), 1)
    some = {name: short[name] for name in sorted(short)[:120]}
    result, _, _ = benchmark.run(some, lambda s, t: align(s, t).beads, (0.1, 0.03), 1)
    assert result["strict_f1"] >= 0.95
