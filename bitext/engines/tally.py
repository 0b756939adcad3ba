"""The figures of a run, added chunk by chunk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from bitext import __version__
from bitext.cleaning.blocks import Removal
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.terms.glossary import Glossary, accuracy_from_counts

_NOT_COUNTS = ("seconds", "glossary_files", "unproducible_terms")


class RunTally:
    """The figures of a run, added chunk by chunk (a streamed run never holds them all)."""

    LISTED_DOCUMENTS = 1_000  # the manifest names at most this many documents (it counts them all)

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.flags: Counter = Counter()
        self.term_total: Counter = Counter()
        self.term_met: Counter = Counter()
        self.unproducible: set[str] = set()
        self.seconds: Counter = Counter()
        self.documents: list[str] = []
        self.dropped_by_rule: Counter = Counter()  # the cleaner's rule that dropped or stripped each part

    def add(self, documents: Sequence[Document], segments: Sequence[Segment], removals: Sequence[Removal],
            counts: dict[str, Any], plan_counts: dict[str, int], repaired: int) -> None:
        self.counts.update({
            "documents": len(documents),
            "paragraphs": sum(len(document.paragraphs) for document in documents),
            "segments": len(segments),
            "dropped": len(removals),
            "repaired_paragraphs": repaired,  # mojibake put right
            "html_discarded_lines": sum(document.discarded for document in documents),  # left out by the extractor
            **{name: value for name, value in counts.items() if name != "unproducible_terms"},
            **plan_counts,
            "flagged": sum(1 for segment in segments if segment.flags),
        })
        self.unproducible.update(counts.get("unproducible_terms", ()))
        self.dropped_by_rule.update(getattr(removal, "rule", "") or removal.kind for removal in removals)
        self.flags.update(flag for segment in segments for flag in segment.flags)
        for segment in segments:
            for match in segment.terms:
                self.term_total[match.term] += 1
                self.term_met[match.term] += bool(match.met)
        room = self.LISTED_DOCUMENTS - len(self.documents)
        self.documents.extend(document.doc for document in documents[:max(0, room)])

    def accuracy(self) -> dict[str, Any]:
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

    def stats(self, glossary: Glossary | None) -> dict[str, Any]:
        accuracy = self.accuracy()
        stats: dict[str, Any] = {name: self.counts.get(name, 0) for name in _COUNT_ORDER}
        stats.update({
            "unproducible_terms": sorted(self.unproducible),
            "flags": dict(self.flags),
            "dropped_by_rule": dict(sorted(self.dropped_by_rule.items())),
            "glossary_files": glossary.files if glossary else [],
            "term_accuracy": accuracy["accuracy"],
            "terms_matched": accuracy["matched"],
            "terms_met": accuracy["met"],
            "seconds": {name: round(value, 3) for name, value in self.seconds.items()},
        })
        return stats

    def manifest(self, description: dict[str, Any], signature: str, glossary: Glossary | None,
                 stats: dict[str, Any]) -> dict[str, Any]:
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
            "counts": {name: value for name, value in stats.items() if name not in _NOT_COUNTS},
            "documents": list(self.documents),
        }


_COUNT_ORDER = (
    "documents", "paragraphs", "segments", "dropped", "repaired_paragraphs", "html_discarded_lines", "redecoded",
    "inputs", "translated", "cached", "split_segments", "empty_targets", "kept", "kept_reviewed", "retranslated",
    "new", "set_aside", "flagged",
)
