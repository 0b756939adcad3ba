"""Bring translators' reviewed units back into the corpus, keeping the machine translation.

A reviewed unit is one the translator approved (a PO entry no longer fuzzy, an XLIFF unit
approved or translated) or changed (its target differs from the corpus). Applying it sets
the record's ``target`` to the reviewed text and ``status`` to ``reviewed`` and keeps the
machine translation in ``mt``, so post-editing effort can be measured later. A reviewed
unit whose id is not in the corpus, or whose source text differs, is an error: nothing is
written until every unit matches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bitext.errors import ReviewError
from bitext.formats import STORES, read_corpus, write_corpus
from bitext.formats.base import atomic_output
from bitext.segments import Corpus, Segment


@dataclass
class ReviewReport:
    applied: list[str] = field(default_factory=list)  # reviewed: changed or approved
    changed: list[str] = field(default_factory=list)  # of those, with a new target
    unchanged: list[str] = field(default_factory=list)  # still machine translation
    written: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "applied": len(self.applied),
            "changed": len(self.changed),
            "approved_unchanged": len(self.applied) - len(self.changed),
            "unchanged": len(self.unchanged),
            "applied_ids": self.applied,
        }


def _listing(ids: list[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def apply_review(corpus: Corpus, reviewed: Corpus) -> ReviewReport:
    """Apply ``reviewed`` units to ``corpus`` in place; raise ReviewError on unknown ids."""
    records = corpus.by_id()
    unknown = [unit.id for unit in reviewed if unit.id not in records]
    if unknown:
        raise ReviewError(f"{len(unknown)} reviewed unit(s) have ids not in the corpus: {_listing(unknown)}")
    moved = [unit.id for unit in reviewed if " ".join(unit.source.split()) != " ".join(records[unit.id].source.split())]
    if moved:
        raise ReviewError(f"{len(moved)} reviewed unit(s) translate a different source text: {_listing(moved)}")
    report = ReviewReport()
    for unit in reviewed:
        record = records[unit.id]
        if _is_review(unit, record):
            _apply(unit, record, report)
        else:
            report.unchanged.append(unit.id)
    return report


def _is_review(unit: Segment, record: Segment) -> bool:
    if not unit.target.strip():
        return False
    return unit.status == "reviewed" or unit.target != record.target


def _apply(unit: Segment, record: Segment, report: ReviewReport) -> None:
    if record.mt is None and record.status == "mt":
        record.mt = record.target  # keep the machine translation for post-edit measures
    if unit.target != record.target:
        report.changed.append(unit.id)
    record.target = unit.target
    record.status = "reviewed"
    report.applied.append(unit.id)


def sibling_outputs(store_path: Path) -> list[tuple[Path, str]]:
    """Other formats written beside a store by ``bitext translate`` (same name stem)."""
    siblings = []
    for store in STORES.values():
        if store.name == "moses":
            candidate = store_path.with_suffix(".moses")
            if store_path.with_suffix(".ids").exists():
                siblings.append((candidate, store.name))
            continue
        for extension in store.extensions:
            candidate = store_path.with_suffix(extension)
            if candidate != store_path and candidate.exists():
                siblings.append((candidate, store.name))
    return siblings


def review_apply(reviewed_path: str | Path, store_path: str | Path, reviewed_format: str | None = None) -> ReviewReport:
    """Apply a reviewed PO/XLIFF/TMX/... file to a JSONL store and rewrite its siblings."""
    store_path, reviewed_path = Path(store_path), Path(reviewed_path)
    corpus = read_corpus(store_path)
    reviewed = read_corpus(reviewed_path, reviewed_format)
    report = apply_review(corpus, reviewed)
    report.written = write_corpus(corpus, store_path)
    for path, name in sibling_outputs(store_path):
        report.written.extend(write_corpus(corpus, path, name))
    _record_in_manifest(store_path.parent / "manifest.json", reviewed_path, report)
    return report


def _record_in_manifest(manifest_path: Path, reviewed_path: Path, report: ReviewReport) -> None:
    if not manifest_path.exists():
        return
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest.setdefault("reviews", []).append(
        {
            "file": reviewed_path.name,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **{key: value for key, value in report.to_dict().items() if key != "applied_ids"},
        }
    )
    with atomic_output(manifest_path) as stream:
        json.dump(manifest, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    report.written.append(manifest_path)
