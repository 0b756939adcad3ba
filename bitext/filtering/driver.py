"""The streaming driver: pairs in, each pair judged, kept and removed pairs out in order.

:func:`filter_segments` consumes any iterator of segments in two passes over a spool
file, so memory does not grow with the corpus:

1. pairs are scored a chunk at a time by the per-pair filters (:class:`PairScorer`,
   on this process or on Ray: an engine), their duplicate fingerprints filed in the
   on-disk index (:class:`bitext.filtering.duplicates.DuplicateIndex`), and each
   written with its scores and reasons to a spool in the work folder;
2. once every pair is in, the spool is read back: a copy that is not the best of its
   group gets its duplicate reason, and every pair comes out once, in input order, kept
   or removed (:class:`Judged`).

With ``score_only`` (``--keep-all --score-only``) every pair is kept with its scores;
the tally still counts what each filter would have removed.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.filtering.base import FilterContext
from bitext.filtering.config import FilterConfig
from bitext.filtering.duplicates import DuplicateDetector, DuplicateIndex
from bitext.filtering.engines import InProcess, ScoringEngine
from bitext.filtering.scoring import PairScorer, rank
from bitext.model import Segment

CHUNK_PAIRS = 500
SPOOL_NAME = ".filter-spool.jsonl"
INDEX_NAME = ".filter-duplicates.sqlite3"


@dataclass
class Judged:
    """A pair's outcome: ``segment.scores`` filled; ``reasons`` empty when it is kept."""

    segment: Segment
    reasons: list[str]

    @property
    def kept(self) -> bool:
        """Whether no filter removed the pair."""
        return not self.reasons


@dataclass
class FilterTally:
    """What a run counted: pairs read, kept and removed, and per filter the pairs it
    removed (a pair with several reasons counts for each) and those it alone removed."""

    pairs: int = 0
    kept: int = 0
    removed: int = 0
    flagged: int = 0  # pairs some filter would remove (= removed, unless scores only)
    removed_by: Counter = field(default_factory=Counter)
    only_by: Counter = field(default_factory=Counter)
    duplicate_groups: int = 0
    pairs_in_duplicate_groups: int = 0
    empty_sources: int = 0
    empty_targets: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {"score": 0.0, "write": 0.0})

    def count(self, judged: Judged, score_only: bool = False) -> None:
        """Count one pair's outcome (with ``score_only`` it is kept whatever its reasons)."""
        self.flagged += not judged.kept
        self.kept += judged.kept or score_only
        self.removed += not (judged.kept or score_only)
        names = {reason.split(":", 1)[0] for reason in judged.reasons}
        self.removed_by.update(names)
        if len(names) == 1:
            self.only_by.update(names)

    def to_dict(self) -> dict[str, Any]:
        """The counts as the manifest records them."""
        return {"pairs": self.pairs, "kept": self.kept, "removed": self.removed, "flagged": self.flagged,
                "removed_by_filter": dict(sorted(self.removed_by.items())),
                "removed_only_by_filter": dict(sorted(self.only_by.items())),
                "duplicate_groups": self.duplicate_groups, "pairs_in_duplicate_groups": self.pairs_in_duplicate_groups}


@dataclass
class FilterOptions:
    """One filter job's options, defaults once: the thresholds, what the filters share
    (lexicon, translator), where pairs are scored, whether anything is removed, and what
    the outputs are (formats besides the JSONL store, languages, the inputs named)."""

    config: FilterConfig = field(default_factory=FilterConfig)
    context: FilterContext | None = None
    engine: ScoringEngine | None = None
    score_only: bool = False
    chunk_pairs: int = CHUNK_PAIRS
    formats: tuple[str, ...] = ()
    languages: tuple[str, str] = ("id", "en")
    inputs: tuple[str, ...] = ()


def chunked(segments: Iterable[Segment], size: int) -> Iterator[list[Segment]]:
    """Lists of up to ``size`` segments, read lazily."""
    iterator = iter(segments)
    while chunk := list(islice(iterator, size)):
        yield chunk


def filter_segments(
    segments: Iterable[Segment],
    workdir: Path,
    options: FilterOptions | None = None,
    *,
    tally: FilterTally | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Judged]:
    """Judge every pair of ``segments`` (see the module docstring); ``workdir`` holds the
    spool and the duplicate index while the run lasts."""
    options = options or FilterOptions()
    tally = tally if tally is not None else FilterTally()
    scorer = PairScorer(options.config, options.context)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    index = DuplicateIndex(workdir / INDEX_NAME, scorer.duplicates) if scorer.duplicates is not None else None
    spool_path = workdir / SPOOL_NAME
    try:
        _score_into_spool(segments, spool_path, scorer, options.engine or InProcess(), index, tally, progress,
                          options.chunk_pairs)
        if index is not None:
            tally.duplicate_groups, tally.pairs_in_duplicate_groups = index.groups()
        yield from _read_spool(spool_path, index, options.score_only, tally)
    finally:
        if index is not None:
            index.close()
        spool_path.unlink(missing_ok=True)


def _score_into_spool(segments: Iterable[Segment], spool_path: Path, scorer: PairScorer, engine: ScoringEngine,
                      index: DuplicateIndex | None, tally: FilterTally, progress, chunk_pairs: int) -> None:
    started = time.perf_counter()
    with open(spool_path, "w", encoding="utf-8") as spool:
        for chunk, results in engine.map(chunked(segments, chunk_pairs), scorer):
            for segment, scored in zip(chunk, results):
                tally.pairs += 1
                tally.empty_sources += not segment.source.strip()
                tally.empty_targets += not segment.target.strip()
                group, exact = 0, 0
                if index is not None and scored.fingerprint is not None:
                    group = index.add(tally.pairs, segment.id, scored.fingerprint, rank(scored)).group
                    exact = scored.fingerprint.exact
                spool.write(json.dumps({"g": group, "x": exact, "r": scored.reasons, "s": scored.scores,
                                        "seg": segment.to_dict()}, ensure_ascii=False) + "\n")
            if progress:
                progress(tally.pairs)
    tally.seconds["score"] += time.perf_counter() - started
    _refuse_empty_sides(tally)


def _refuse_empty_sides(tally: FilterTally) -> None:
    if not tally.pairs:
        raise InputError("the input holds no pairs")
    for side, empty in (("source", tally.empty_sources), ("target", tally.empty_targets)):
        if empty == tally.pairs:
            raise InputError(f"the {side} side is empty: none of the {tally.pairs} pairs has a {side} text "
                             "(give a bilingual file, or the other language's file too)")


def _read_spool(spool_path: Path, index: DuplicateIndex | None, score_only: bool, tally: FilterTally
                ) -> Iterator[Judged]:
    detector = DuplicateDetector()
    with open(spool_path, encoding="utf-8") as spool:
        for number, line in enumerate(spool, 1):
            item = json.loads(line)
            segment = Segment.from_dict(item["seg"])
            scores, reasons = item["s"], list(item["r"])
            if index is not None and item["g"]:
                best = index.group(item["g"])
                scores["copies"] = float(best.size)
                if best.size > 1 and best.best != number:
                    reasons.append(detector.reason(item["x"], best))
            segment.scores = scores
            tally.count(Judged(segment, reasons), score_only)
            yield Judged(segment, [] if score_only else reasons)
