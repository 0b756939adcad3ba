"""The figures of a run, added chunk by chunk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bitext import __version__
from bitext.cleaning.blocks import Removal
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.terms.glossary import Glossary, accuracy_from_counts
from bitext.translation.service import TranslationCounts

COUNT_NAMES = (
    "documents", "paragraphs", "segments", "dropped", "repaired_paragraphs", "html_discarded_lines", "redecoded",
    "inputs", "translated", "cached", "split_segments", "empty_targets", "kept", "kept_reviewed", "retranslated",
    "new", "set_aside", "flagged",
)


@dataclass
class RunStats:
    """The figures of a translate run (the summary line and the manifest's ``counts``)."""

    documents: int = 0
    paragraphs: int = 0
    segments: int = 0
    dropped: int = 0  # lines the cleaner removed (dropped.jsonl)
    repaired_paragraphs: int = 0  # mojibake put right
    html_discarded_lines: int = 0  # page lines the HTML extractor left out
    redecoded: int = 0  # decoded again by the degenerate-output guard
    inputs: int = 0  # distinct model inputs
    translated: int = 0  # decoded by the model
    cached: int = 0  # found in the cache
    split_segments: int = 0  # longer than the model reads, translated in pieces
    empty_targets: int = 0
    kept: int = 0  # records of the store carried over unchanged
    kept_reviewed: int = 0  # of those, reviewed
    retranslated: int = 0  # same source, MT of other settings made anew
    new: int = 0  # new or changed sentences
    set_aside: int = 0  # records no longer in the input (set-aside.jsonl)
    flagged: int = 0  # segments with degenerate-output flags
    flags: dict[str, int] = field(default_factory=dict)
    dropped_by_rule: dict[str, int] = field(default_factory=dict)  # the cleaner's rule behind each removal
    unproducible_terms: list[str] = field(default_factory=list)
    glossary_files: list[str] = field(default_factory=list)
    term_accuracy: float | None = None
    terms_matched: int = 0
    terms_met: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        """The manifest's ``counts``: every figure but timings and names."""
        counts: dict[str, Any] = {name: getattr(self, name) for name in COUNT_NAMES}
        counts.update(flags=self.flags, dropped_by_rule=self.dropped_by_rule, term_accuracy=self.term_accuracy,
                      terms_matched=self.terms_matched,
                      terms_met=self.terms_met)
        return counts


class RunTally:
    """The figures of a run, added chunk by chunk (a streamed run never holds them all)."""

    LISTED_DOCUMENTS = 1_000  # the manifest names at most this many documents (it counts them all)

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()
        self.term_total: Counter[str] = Counter()
        self.term_met: Counter[str] = Counter()
        self.unproducible: set[str] = set()
        self.seconds: Counter[str] = Counter()  # float seconds, added up chunk by chunk
        self.documents: list[str] = []
        self.dropped_by_rule: Counter[str] = Counter()  # the cleaner's rule that dropped or stripped each part

    def add(self, documents: Sequence[Document], segments: Sequence[Segment], removals: Sequence[Removal],
            counts: TranslationCounts, plan_counts: dict[str, int], repaired: int) -> None:
        """Add one chunk's figures: its documents, segments, removals and translation counts."""
        self.counts.update({
            "documents": len(documents),
            "paragraphs": sum(len(document.paragraphs) for document in documents),
            "segments": len(segments),
            "dropped": len(removals),
            "repaired_paragraphs": repaired,  # mojibake put right
            "html_discarded_lines": sum(document.discarded for document in documents),  # left out by the extractor
            **{name: value for name, value in asdict(counts).items() if name != "unproducible_terms"},
            **plan_counts,
            "flagged": sum(1 for segment in segments if segment.flags),
        })
        self.unproducible.update(counts.unproducible_terms)
        self.dropped_by_rule.update(removal.rule or removal.kind for removal in removals)
        self.flags.update(flag for segment in segments for flag in segment.flags)
        for segment in segments:
            for match in segment.terms:
                self.term_total[match.term] += 1
                self.term_met[match.term] += bool(match.met)
        room = self.LISTED_DOCUMENTS - len(self.documents)
        self.documents.extend(document.doc for document in documents[:max(0, room)])

    def accuracy(self) -> dict[str, Any]:
        """Term accuracy so far, overall and per glossary entry."""
        return accuracy_from_counts(self.term_total, self.term_met)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON) for a tally made elsewhere (a worker's shard)."""
        return {"counts": dict(self.counts), "flags": dict(self.flags), "term_total": dict(self.term_total),
                "term_met": dict(self.term_met), "unproducible": sorted(self.unproducible),
                "seconds": dict(self.seconds), "documents": list(self.documents),
                "dropped_by_rule": dict(self.dropped_by_rule)}

    def merge(self, data: dict[str, Any]) -> None:
        """Add a tally given as :meth:`to_dict`."""
        self.counts.update(data["counts"])
        self.flags.update(data["flags"])
        self.term_total.update(data["term_total"])
        self.term_met.update(data["term_met"])
        self.unproducible.update(data["unproducible"])
        self.seconds.update(data["seconds"])
        self.dropped_by_rule.update(data.get("dropped_by_rule", {}))
        room = self.LISTED_DOCUMENTS - len(self.documents)
        self.documents.extend(data["documents"][: max(0, room)])

    def stats(self, glossary: Glossary | None) -> RunStats:
        """The run's figures once every chunk is added."""
        accuracy = self.accuracy()
        return RunStats(
            **{name: self.counts.get(name, 0) for name in COUNT_NAMES},
            flags=dict(self.flags),
            dropped_by_rule=dict(sorted(self.dropped_by_rule.items())),
            unproducible_terms=sorted(self.unproducible),
            glossary_files=list(glossary.files) if glossary else [],
            term_accuracy=accuracy["accuracy"],
            terms_matched=accuracy["matched"],
            terms_met=accuracy["met"],
            seconds={name: round(value, 3) for name, value in self.seconds.items()},
        )

    def manifest(self, description: dict[str, Any], signature: str, glossary: Glossary | None,
                 stats: RunStats) -> dict[str, Any]:
        """The manifest's model, glossary, counts and documents (the run adds outputs and dates)."""
        return {
            "bitext_version": __version__,
            "signature": signature,
            "model": description,
            "glossary": {
                "files": glossary.files if glossary else [],
                "entries": len(glossary) if glossary else 0,
                "hash": glossary.digest() if glossary else None,
                "term_accuracy": self.accuracy(),
            },
            "counts": stats.counts(),
            "documents": list(self.documents),
        }
