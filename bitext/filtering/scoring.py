"""Scoring a chunk of pairs with the per-pair filters of a configuration.

:class:`PairScorer` is what an engine runs (on this process, in worker processes, or in
Ray actors): it builds the enabled filters once, and turns a chunk of segments into
their scores, reasons and duplicate fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass

from bitext.filtering.base import Filter, FilterContext, Pair
from bitext.filtering.config import FilterConfig
from bitext.filtering.duplicates import DuplicateSettings, Fingerprint, fingerprints
from bitext.filtering.registry import FILTER_NAMES, filter_class
from bitext.model import Segment


@dataclass
class Scored:
    """One pair after the per-pair filters: its scores, reasons and fingerprint."""

    scores: dict[str, float]
    reasons: list[str]
    fingerprint: Fingerprint | None


class PairScorer:
    """The per-pair filters of a configuration, built once (in a worker, once per worker)."""

    def __init__(self, config: FilterConfig, context: FilterContext | None = None) -> None:
        self.config = config
        self.context = context or FilterContext()
        self.filters: list[Filter] = []
        for name in FILTER_NAMES:
            cls = filter_class(name)
            if config.enabled(name) and not getattr(cls, "corpus_wide", False):
                if name == "mt" and self.context.translate is None:
                    continue
                self.filters.append(cls(config.settings[name], self.context))
        settings = config.settings["duplicates"]
        self.duplicates = settings if isinstance(settings, DuplicateSettings) and settings.enabled else None

    def warm_up(self) -> None:
        """Load what the filters load on first use (the language model, the lexicon's
        caches, datasketch), so worker processes forked after this share it."""
        self.score([Segment("warm-up", 1, 1, "Pemerintah mengumumkan anggaran baru.", "The government announced a budget.")])

    def score(self, segments: list[Segment]) -> list[Scored]:
        """Scores, reasons and fingerprints of a chunk of segments, in order."""
        pairs = [Pair(segment) for segment in segments]
        for item in self.filters:
            item.prepare(pairs)
        prints = fingerprints(pairs, self.duplicates) if self.duplicates is not None else [None] * len(pairs)
        out = []
        for pair, print_ in zip(pairs, prints):
            scores: dict[str, float] = {}
            reasons = []
            for item in self.filters:
                verdict = item.judge(pair)
                scores.update(verdict.scores)
                if verdict.reason:
                    reasons.append(verdict.reason)
            out.append(Scored(scores, reasons, print_))
        return out


def rank(scored: Scored) -> float:
    """How good a copy is, for keeping the best of a duplicate group: a copy no other
    filter removes first, then the higher lexical (and MT) score."""
    quality = scored.scores.get("lexical", 0.0) + scored.scores.get("mt_overlap", 0.0)
    return (0.0 if scored.reasons else 10.0) + quality
