"""Sentence alignment of Indonesian and English documents that already exist.

The aligner is a dynamic programme over beads (1-1, 1-2, 2-1, 1-0, 0-1, 2-2, 1-3, 3-1)
that minimises the sum of bead costs, each combining

* length: Gale and Church's (1993) cost of the character lengths, with the ratio of the
  two documents' lengths as the expected ratio, and their bead priors;
* lexical evidence, model-free: a bilingual lexicon (``bitext/data/lexicon-id-en.tsv``,
  built from FreeDict, plus any glossary), Indonesian affixes and clitics stripped for
  lookup, and identical tokens (names, acronyms, numbers) as their own translation. The
  similarity of a bead is the harmonic mean of how much of each side the other side
  explains (``similarity``);
* optionally, a third signal a caller passes: e.g. how close the MT of each Indonesian
  sentence is to the English (``extra``), as Bleualign does.

The programme runs in a band around the diagonal (near-linear time and memory in the
length of the documents); when the best path touches the band's edge, the band doubles
and the programme runs again, as far as the whole matrix.

Sets are Python integers used as bit sets: a bead's similarity is a few ``&``, ``|``
and ``int.bit_count`` calls, whatever the vocabulary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bitext.alignment.lexicon import ENGLISH_UNMATCHED, WORD_PATTERN, Lexicon, english_key

# Bead types (source sentences, target sentences) and their prior costs (-log of Gale and
# Church's probabilities; the 2-2 and 1-3 ones are rarer still).
BEADS = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099 / 2),
    (0, 1): -math.log(0.0099 / 2),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
    (2, 2): -math.log(0.011),
    (3, 1): -math.log(0.005),
    (1, 3): -math.log(0.005),
}

GC_VARIANCE = 6.8  # Gale and Church's variance of target characters per source character

LEXICAL_WEIGHT = 10.0  # cost of a bead whose sides explain nothing of each other

SKIP_COST = 1.0  # extra cost of leaving a sentence unaligned (on top of its prior)

LOW_CONFIDENCE = 0.25  # pairs scoring under this are reported as low-confidence

INITIAL_BAND = 24


@dataclass(frozen=True)
class Bead:
    """Consecutive source sentences aligned to consecutive target sentences (0-based
    indices; one side empty for an unaligned sentence)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float  # 0..1: how well the sides explain each other (lexicon and length)

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


class _Sides:
    """Per-sentence features as bit sets over one vocabulary per language."""

    def __init__(self, sources: Sequence[str], targets: Sequence[str], lexicon: Lexicon) -> None:
        english_ids: dict[str, int] = {}
        indonesian_ids: dict[str, int] = {}

        def bits(words: Iterable[str], ids: dict[str, int]) -> int:
            value = 0
            for word in words:
                value |= 1 << ids.setdefault(word, len(ids))
            return value

        self.source_len = [len(s) for s in sources]
        self.target_len = [len(t) for t in targets]
        self.source_words, self.source_expects = [], []
        for sentence in sources:
            tokens = [token.lower() for token in WORD_PATTERN.findall(sentence)]
            self.source_words.append(bits((_id_key(t, lexicon) for t in tokens), indonesian_ids))
            expected = set()
            for token in tokens:
                expected |= lexicon.english_for(token)
                expected.add(english_key(token))  # names, numbers, acronyms, loanwords
            self.source_expects.append(bits(expected, english_ids))
        self.target_words, self.target_expects = [], []
        for sentence in targets:
            keys = [english_key(token) for token in WORD_PATTERN.findall(sentence)]
            keys = [key for key in keys if key not in ENGLISH_UNMATCHED]
            self.target_words.append(bits(keys, english_ids))
            expected = set()
            for key in keys:
                expected |= {_id_key(word, lexicon) for word in lexicon.to_indonesian.get(key, ())}
                expected.add(key)
            self.target_expects.append(bits(expected, indonesian_ids))
        self.ratio = (sum(self.target_len) or 1) / (sum(self.source_len) or 1)


def _id_key(token: str, lexicon: Lexicon) -> str:
    """See :meth:`Lexicon.indonesian_key`."""
    return lexicon.indonesian_key(token)


def similarity(source_words: int, source_expects: int, target_words: int, target_expects: int) -> float:
    """Harmonic mean of the share of target words the source explains and the share of
    source words the target explains (bit sets)."""
    target_total, source_total = target_words.bit_count(), source_words.bit_count()
    if not target_total or not source_total:
        return 0.0
    p = (source_expects & target_words).bit_count() / target_total
    r = (target_expects & source_words).bit_count() / source_total
    return 2 * p * r / (p + r) if p + r else 0.0


def gale_church(source_chars: int, target_chars: int, ratio: float) -> float:
    """Gale and Church's length cost: -log of the probability of a difference at least
    this large between the target length and the source length times ``ratio``."""
    if source_chars == 0 and target_chars == 0:
        return 0.0
    mean = (source_chars + target_chars / ratio) / 2
    delta = (target_chars - source_chars * ratio) / math.sqrt(max(mean, 1) * GC_VARIANCE)
    probability = math.erfc(abs(delta) / math.sqrt(2))  # two-sided normal tail
    return -math.log(max(probability, 1e-12))


def align_sentences(
    sources: Sequence[str],
    targets: Sequence[str],
    lexicon: Lexicon | None = None,
    extra: Callable[[tuple[int, ...], tuple[int, ...]], float] | None = None,
    lexical: bool = True,
) -> list[Bead]:
    """Align two lists of sentences; every sentence is in exactly one bead, in order.

    ``lexicon`` defaults to the shipped one; ``lexical=False`` gives the length-only
    Gale-Church aligner (the baseline); ``extra(source_indices, target_indices)`` may add a
    similarity in 0..1 (e.g. MT against the English), averaged with the lexical one.
    """
    if not sources or not targets:
        return [Bead((i,), (), 0.0) for i in range(len(sources))] + [Bead((), (j,), 0.0) for j in range(len(targets))]
    sides = _Sides(sources, targets, lexicon or Lexicon.default())
    band = max(INITIAL_BAND, 2 * abs(len(sources) - len(targets)) + 8)
    while True:
        beads, touched = _best_path(sides, len(sources), len(targets), band, lexical, extra)
        if not touched or band >= max(len(sources), len(targets)):
            return beads
        band *= 2


def _bead_similarity(sides: _Sides, i: int, j: int, di: int, dj: int, lexical: bool, extra) -> float:
    if not lexical and extra is None:
        return 0.0
    values = []
    if lexical:
        source_words = source_expects = target_words = target_expects = 0
        for k in range(i, i + di):
            source_words |= sides.source_words[k]
            source_expects |= sides.source_expects[k]
        for k in range(j, j + dj):
            target_words |= sides.target_words[k]
            target_expects |= sides.target_expects[k]
        values.append(similarity(source_words, source_expects, target_words, target_expects))
    if extra is not None:
        values.append(extra(tuple(range(i, i + di)), tuple(range(j, j + dj))))
    return sum(values) / len(values)


def _bead_cost(sides: _Sides, i: int, j: int, di: int, dj: int, lexical: bool, extra) -> tuple[float, float]:
    """(cost, score) of the bead of sources i..i+di and targets j..j+dj."""
    prior = BEADS[(di, dj)]
    if di == 0 or dj == 0:
        return prior + SKIP_COST, 0.0
    source_chars = sum(sides.source_len[i : i + di]) + (di - 1)
    target_chars = sum(sides.target_len[j : j + dj]) + (dj - 1)
    length = gale_church(source_chars, target_chars, sides.ratio)
    sim = _bead_similarity(sides, i, j, di, dj, lexical, extra)
    weight = LEXICAL_WEIGHT if (lexical or extra is not None) else 0.0
    score = sim if weight else math.exp(-length / 2)
    # The lexical cost counts per sentence, or merging beads would halve it for free.
    return prior + length + weight * (1 - sim) * (di + dj) / 2, score


def _best_path(sides: _Sides, n: int, m: int, band: int, lexical: bool, extra) -> tuple[list[Bead], bool]:
    """The cheapest bead path through the band of ``band`` cells either side of the
    diagonal, and whether it touches the band's edge (then a wider band may do better)."""

    def centre(i: int) -> int:
        return round(i * m / n)

    cost: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [dict() for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        low, high = max(0, centre(i) - band), min(m, centre(i) + band)
        row, row_back = cost[i], back[i]
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best, best_step = math.inf, None
            for di, dj in BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                previous = cost[pi].get(pj)
                if previous is None:
                    continue
                step, score = _bead_cost(sides, pi, pj, di, dj, lexical, extra)
                if previous + step < best:
                    best, best_step = previous + step, (di, dj, score)
            if best_step is not None:
                row[j] = best
                row_back[j] = best_step
    if m not in cost[n]:
        return [], True
    beads, touched = [], False
    i, j = n, m
    while i or j:
        di, dj, score = back[i][j]
        if abs(j - centre(i)) >= band - 1 and (i, j) != (n, m):
            touched = True
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(score, 4)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, touched
