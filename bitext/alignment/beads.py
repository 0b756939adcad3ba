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

The programme runs in a band around the diagonal (linear time and memory in the length
of the documents); when the best path touches the band's edge, the programme runs again
in a band around that path, a few times at most, within a budget of cells: never
the whole matrix, so unrelated documents (whose path wanders anywhere) cost no more than
related ones. A path still on the band's edge after the last pass is reported as not
confident (:class:`SentenceAlignment`), and ``bitext align`` flags its pairs.

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
        """The bead's shape as ``S-T`` sentence counts (``1-1``, ``2-1``, ``1-0``)."""
        return f"{len(self.source)}-{len(self.target)}"


class _Sides:
    """Per-sentence features as bit sets over one vocabulary per language (each distinct
    word looked up once: documents repeat their words)."""

    def __init__(self, sources: Sequence[str], targets: Sequence[str], lexicon: Lexicon) -> None:
        self.english_ids: dict[str, int] = {}
        self.indonesian_ids: dict[str, int] = {}
        self.lexicon = lexicon
        source_memo: dict[str, tuple[int, int]] = {}
        target_memo: dict[str, tuple[int, int]] = {}
        self.source_len = [len(s) for s in sources]
        self.target_len = [len(t) for t in targets]
        self.source_words, self.source_expects = self._sentences(sources, source_memo, self._source_token)
        self.target_words, self.target_expects = self._sentences(targets, target_memo, self._target_token)
        self.ratio = (sum(self.target_len) or 1) / (sum(self.source_len) or 1)

    @staticmethod
    def _sentences(sentences: Sequence[str], memo: dict[str, tuple[int, int]], token_bits
                   ) -> tuple[list[int], list[int]]:
        words_of, expects_of = [], []
        for sentence in sentences:
            words = expects = 0
            for token in WORD_PATTERN.findall(sentence):
                found = memo.get(token)
                if found is None:
                    found = memo[token] = token_bits(token)
                words |= found[0]
                expects |= found[1]
            words_of.append(words)
            expects_of.append(expects)
        return words_of, expects_of

    @staticmethod
    def _bits(words: Iterable[str], ids: dict[str, int]) -> int:
        value = 0
        for word in words:
            value |= 1 << ids.setdefault(word, len(ids))
        return value

    def _source_token(self, token: str) -> tuple[int, int]:
        """(its bit among Indonesian words, the bits of the English words it may stand for)."""
        token = token.lower()
        expected = self.lexicon.english_for(token) | {english_key(token)}  # names, numbers, acronyms, loanwords
        return self._bits([_id_key(token, self.lexicon)], self.indonesian_ids), self._bits(expected, self.english_ids)

    def _target_token(self, token: str) -> tuple[int, int]:
        """(its bit among English words, the bits of the Indonesian words it may come from);
        articles and auxiliaries count for nothing."""
        key = english_key(token)
        if key in ENGLISH_UNMATCHED:
            return 0, 0
        expected = {_id_key(word, self.lexicon) for word in self.lexicon.to_indonesian.get(key, ())} | {key}
        return self._bits([key], self.english_ids), self._bits(expected, self.indonesian_ids)


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


_SQRT_HALF = math.sqrt(0.5)
_TAIL_FLOOR = -math.log(1e-12)

# Cells a pass may search (rows times band width), and passes a search may make within
# MAX_PASSES times that: the band of a long document narrows, and it gets fewer passes,
# so that time stays linear whatever the input's length.
CELL_BUDGET = 150_000
MIN_BAND = 8
MAX_BAND = 96
MAX_PASSES = 3
# A path whose pairs score this low on average is no alignment of related documents: the
# search tries a wider band, and says it is not confident if that finds nothing better.
WEAK_PATH = 0.25


@dataclass(frozen=True)
class SentenceAlignment:
    """The beads of an alignment, and whether the search can vouch for them: ``confident``
    is False when the best path still ran along the edge of the band after the last pass
    (the beads are then the best within a bounded search: unrelated documents, or ones
    that drift further than the band follows)."""

    beads: list[Bead]
    band: int
    passes: int
    confident: bool


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
    (:func:`align` also says whether the search is confident.)
    """
    return align(sources, targets, lexicon, extra, lexical).beads


def align(
    sources: Sequence[str],
    targets: Sequence[str],
    lexicon: Lexicon | None = None,
    extra: Callable[[tuple[int, ...], tuple[int, ...]], float] | None = None,
    lexical: bool = True,
) -> SentenceAlignment:
    """:func:`align_sentences`, with the search's band, passes and confidence.

    The first pass searches a band around the diagonal, wide enough for the difference
    of the two lengths (at most ``MAX_BAND`` cells either side, and ``CELL_BUDGET`` cells
    in all); while the best path runs along the band's edge, the next pass searches the
    same width around that path, so the search follows a path that drifts from the
    diagonal; a path inside the band whose pairs barely match (``WEAK_PATH``) gets a band
    twice as wide. At most ``MAX_PASSES`` passes: time and memory stay linear in the
    documents' length; the whole matrix is never searched.
    """
    if not sources or not targets:
        beads = [Bead((i,), (), 0.0) for i in range(len(sources))] + [Bead((), (j,), 0.0) for j in range(len(targets))]
        return SentenceAlignment(beads, 0, 0, True)
    n, m = len(sources), len(targets)
    spans = _Spans(_Sides(sources, targets, lexicon or Lexicon.default()), lexical, extra)
    cap = max(MIN_BAND, min(MAX_BAND, CELL_BUDGET // (n + 1) // 2))
    band = min(max(n, m), cap, max(INITIAL_BAND, 2 * abs(n - m) + 8))
    most_passes = max(1, min(MAX_PASSES, MAX_PASSES * CELL_BUDGET // ((n + 1) * (2 * band + 1))))
    diagonal = [round(i * m / n) for i in range(n + 1)]
    centre = list(zip(diagonal, diagonal))
    for passes in range(1, most_passes + 1):
        beads, touched = _best_path(spans, n, m, band, centre)
        weak = lexical and _mean_score(beads) < WEAK_PATH
        if (not touched and not weak) or band >= max(n, m):
            return SentenceAlignment(beads, band, passes, True)
        if touched:
            centre = _path_centre(beads, n)  # follow the path where it leaves the band
        elif band < cap:
            band = min(cap, 2 * band)  # a weak path inside the band: the true one may lie outside it
        else:
            break
    return SentenceAlignment(beads, band, passes, False)


def _mean_score(beads: list[Bead]) -> float:
    scores = [bead.score for bead in beads if bead.source and bead.target]
    return sum(scores) / len(scores) if scores else 0.0


def _path_centre(beads: list[Bead], n: int) -> list[tuple[int, int]]:
    """For each row (source position) 0..n, the first and last target positions of a
    path in it (a row holds several where the path skips target sentences)."""
    first, last = [0] * (n + 1), [0] * (n + 1)
    i = j = 0
    for bead in beads:
        di, dj = len(bead.source), len(bead.target)
        for step in range(1, di + 1):
            first[i + step] = last[i + step] = j + round(dj * step / di)
        i, j = i + di, j + dj
        last[i] = j
    return list(zip(first, last))


class _Spans:
    """Every bead's inputs precomputed: for spans of 1 to 3 sentences starting at each
    index, their characters and the unions of their word bit sets, so a bead's cost is a
    few look-ups, ``&`` and ``bit_count`` calls."""

    def __init__(self, sides: _Sides, lexical: bool, extra) -> None:
        self.sides, self.lexical, self.extra = sides, lexical, extra
        self.source = [self._side(sides.source_len, sides.source_words, sides.source_expects, size) for size in (1, 2, 3)]
        self.target = [self._side(sides.target_len, sides.target_words, sides.target_expects, size) for size in (1, 2, 3)]

    @staticmethod
    def _side(lengths: list[int], words: list[int], expects: list[int], size: int) -> list[tuple[int, int, int, int]]:
        """(characters, word bits, their count, expected bits) of each span of ``size``."""
        spans = []
        for start in range(len(lengths) - size + 1):
            chars = sum(lengths[start : start + size]) + size - 1
            span_words = span_expects = 0
            for k in range(start, start + size):
                span_words |= words[k]
                span_expects |= expects[k]
            spans.append((chars, span_words, span_words.bit_count(), span_expects))
        return spans

    def cost(self, i: int, j: int, di: int, dj: int) -> tuple[float, float]:
        """(cost, score) of the bead of sources i..i+di and targets j..j+dj."""
        prior = BEADS[(di, dj)]
        if di == 0 or dj == 0:
            return prior + SKIP_COST, 0.0
        source_chars, source_words, source_total, source_expects = self.source[di - 1][i]
        target_chars, target_words, target_total, target_expects = self.target[dj - 1][j]
        ratio = self.sides.ratio
        mean = (source_chars + target_chars / ratio) / 2
        delta = abs(target_chars - source_chars * ratio) / math.sqrt((mean if mean > 1 else 1) * GC_VARIANCE)
        length = -math.log(max(math.erfc(delta * _SQRT_HALF), 1e-12))  # gale_church(), inlined: the hot path
        if not self.lexical and self.extra is None:
            return prior + length, math.exp(-length / 2)
        values = []
        if self.lexical:
            if source_total and target_total:
                p = (source_expects & target_words).bit_count() / target_total
                r = (target_expects & source_words).bit_count() / source_total
                values.append(2 * p * r / (p + r) if p + r else 0.0)
            else:
                values.append(0.0)
        if self.extra is not None:
            values.append(self.extra(tuple(range(i, i + di)), tuple(range(j, j + dj))))
        sim = sum(values) / len(values)
        # The lexical cost counts per sentence, or merging beads would halve it for free.
        return prior + length + LEXICAL_WEIGHT * (1 - sim) * (di + dj) / 2, sim


def _best_path(spans: _Spans, n: int, m: int, band: int, centre: list[tuple[int, int]]) -> tuple[list[Bead], bool]:
    """The cheapest bead path through the band of ``band`` cells either side of
    ``centre`` (the first and last target position of each source position: the
    diagonal, or an earlier path), and whether it touches the band's edge (then a band
    elsewhere may do better)."""
    cost: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [dict() for _ in range(n + 1)]
    cost[0][0] = 0.0
    fill = _fill_lexical_row if spans.lexical and spans.extra is None else _fill_row
    for i in range(n + 1):
        low, high = max(0, centre[i][0] - band), min(m, centre[i][1] + band)
        fill(spans, cost, back[i], i, low, m if i == n else high)  # the path ends at (n, m)
    beads, touched = [], False
    i, j = n, m
    while i or j:
        di, dj, score = back[i][j]
        if (j <= centre[i][0] - band + 1 or j >= centre[i][1] + band - 1) and (i, j) != (n, m):
            touched = True
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(score, 4)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, touched


def _fill_row(spans: _Spans, cost: list[dict[int, float]], row_back: dict, i: int, low: int, high: int) -> None:
    """Fill row ``i`` of the programme from cells ``low`` to ``high`` (any bead cost)."""
    row = cost[i]
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
            step, score = spans.cost(pi, pj, di, dj)
            if previous + step < best:
                best, best_step = previous + step, (di, dj, score)
        if best_step is not None:
            row[j] = best
            row_back[j] = best_step


_ALIGNED_BEADS = [(di, dj, BEADS[(di, dj)]) for di, dj in BEADS if di and dj]
_SKIP_BEADS = [(di, dj, BEADS[(di, dj)] + SKIP_COST) for di, dj in BEADS if not (di and dj)]


def _fill_lexical_row(spans: _Spans, cost: list[dict[int, float]], row_back: dict, i: int, low: int, high: int
                      ) -> None:
    """:func:`_fill_row` for the usual length-and-lexicon cost, inlined: this loop is
    where alignment spends its time."""
    row = cost[i]
    ratio = spans.sides.ratio
    sources, targets = spans.source, spans.target
    erfc, log, sqrt = math.erfc, math.log, math.sqrt
    for j in range(low, high + 1):
        best, best_step = math.inf, None
        for di, dj, prior in _SKIP_BEADS:
            pi, pj = i - di, j - dj
            if pi >= 0 and pj >= 0:
                previous = cost[pi].get(pj)
                if previous is not None and previous + prior < best:
                    best, best_step = previous + prior, (di, dj, 0.0)
        for di, dj, prior in _ALIGNED_BEADS:
            pi, pj = i - di, j - dj
            if pi < 0 or pj < 0:
                continue
            previous = cost[pi].get(pj)
            if previous is None:
                continue
            source_chars, source_words, source_total, source_expects = sources[di - 1][pi]
            target_chars, target_words, target_total, target_expects = targets[dj - 1][pj]
            mean = (source_chars + target_chars / ratio) / 2
            delta = abs(target_chars - source_chars * ratio) / sqrt((mean if mean > 1 else 1) * GC_VARIANCE)
            tail = erfc(delta * _SQRT_HALF)
            sim = 0.0
            if source_total and target_total:
                p = (source_expects & target_words).bit_count() / target_total
                r = (target_expects & source_words).bit_count() / source_total
                if p + r:
                    sim = 2 * p * r / (p + r)
            total = previous + prior + (-log(tail) if tail > 1e-12 else _TAIL_FLOOR) + \
                LEXICAL_WEIGHT * (1 - sim) * (di + dj) / 2
            if total < best:
                best, best_step = total, (di, dj, sim)
        if best_step is not None:
            row[j] = best
            row_back[j] = best_step
