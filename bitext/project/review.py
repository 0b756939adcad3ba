"""Bring translators' reviewed units back into the corpus, keeping the machine translation.

A reviewed unit is one the translator confirmed: a PO entry no longer fuzzy, an XLIFF unit
approved or in a translated/final state, a TMX unit marked reviewed or changed, a segment
confirmed in an OmegaT project. Applying it sets the record's ``target`` to the reviewed
text and ``status`` to ``reviewed`` and keeps the machine translation in ``mt``, so
post-editing effort can be measured later.

A unit edited but still marked for review (fuzzy PO, XLIFF ``needs-review-*``) is not a
reviewed translation: it is reported as "edited, still marked for review" and applied only
with ``include_fuzzy``. Applying the same file twice changes nothing. A reviewed unit whose
id is not in the corpus, whose source text differs, or whose id appears twice with
different targets is an error: nothing is written until every unit matches. The store,
its sibling outputs and the manifest are rewritten together (see :mod:`bitext.publish`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bitext.errors import ReviewError
from bitext.files import now_iso
from bitext.formats import STORES, read_corpus, store_for_path
from bitext.model import Corpus, Segment, one_line, same_text
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME, read_manifest, write_manifest
from bitext.terms.glossary import check_terms


@dataclass
class ReviewReport:
    applied: list[str] = field(default_factory=list)  # became reviewed (edited or approved)
    changed: list[str] = field(default_factory=list)  # of those, with a new target
    unchanged: list[str] = field(default_factory=list)  # still machine translation, untouched
    already: list[str] = field(default_factory=list)  # reviewed before with this very text
    still_marked: list[str] = field(default_factory=list)  # edited, still marked for review: not applied
    written: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "applied": len(self.applied),
            "changed": len(self.changed),
            "approved_unchanged": len(self.applied) - len(self.changed),
            "unchanged": len(self.unchanged),
            "already_reviewed": len(self.already),
            "edited_still_marked": len(self.still_marked),
            "applied_ids": self.applied,
        }


def _listing(ids: list[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _check_units(corpus: Corpus, reviewed: Corpus) -> None:
    records = corpus.by_id()
    targets: dict[str, set[str]] = defaultdict(set)
    for unit in reviewed:
        targets[unit.id].add(one_line(unit.target))
    duplicated = [unit_id for unit_id, texts in targets.items() if len(texts) > 1]
    if duplicated:
        raise ReviewError(f"{len(duplicated)} id(s) appear twice with different targets: {_listing(duplicated)}")
    unknown = [unit.id for unit in reviewed if unit.id not in records]
    if unknown:
        raise ReviewError(f"{len(unknown)} reviewed unit(s) have ids not in the corpus: {_listing(unknown)}")
    moved = [unit.id for unit in reviewed if not same_text(unit.source, records[unit.id].source)]
    if moved:
        raise ReviewError(f"{len(moved)} reviewed unit(s) translate a different source text: {_listing(moved)}")


def apply_review(corpus: Corpus, reviewed: Corpus, include_fuzzy: bool = False,
                 marks_review: bool = True) -> ReviewReport:
    """Apply ``reviewed`` units to ``corpus`` in place; raise ReviewError on bad units.

    ``marks_review``: the reviewed file's format records a review state, so an edit left
    marked for review is not a review; where it records none (TMX), an edit is one.
    """
    include_fuzzy = include_fuzzy or not marks_review
    _check_units(corpus, reviewed)
    records = corpus.by_id()
    report = ReviewReport()
    for unit in dict((unit.id, unit) for unit in reviewed).values():
        record = records[unit.id]
        edited = bool(unit.target.strip()) and not same_text(unit.target, record.target)
        if not unit.target.strip():
            report.unchanged.append(unit.id)
        # imported and aligned units carry no "needs review" mark (they are not MT), so
        # an edit to one is the translator's review.
        elif unit.status == "reviewed" or (edited and (include_fuzzy or unit.status in ("imported", "aligned"))):
            if record.status == "reviewed" and not edited:
                report.already.append(unit.id)
            else:
                _apply(unit, record, edited, report)
        elif edited:
            report.still_marked.append(unit.id)
        else:
            report.unchanged.append(unit.id)
    return report


def _apply(unit: Segment, record: Segment, edited: bool, report: ReviewReport) -> None:
    if record.mt is None and record.status == "mt":
        record.mt = record.target  # keep the machine translation for post-edit measures
    if edited:
        report.changed.append(unit.id)
        record.target = unit.target
        check_terms(record.terms, record.target)  # the glossary matches now judge the reviewed text
    record.status = "reviewed"
    record.flags = []  # the degenerate-output flags judged the machine output, not the review
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


def read_reviewed(reviewed_path: Path, corpus: Corpus, reviewed_format: str | None = None) -> tuple[Corpus, bool]:
    """The reviewed units of a file or of an OmegaT project folder, and whether their
    format records a review state."""
    from bitext.project import omegat

    if omegat.is_project(reviewed_path):
        return omegat.reviewed_units(reviewed_path, corpus), True
    if reviewed_path.is_dir():
        raise ReviewError(f"{reviewed_path} is a folder but not an OmegaT project (no {omegat.PROJECT_FILE})")
    return read_corpus(reviewed_path, reviewed_format), store_for_path(reviewed_path, reviewed_format).marks_review


def review_apply(reviewed_path: str | Path, store_path: str | Path, reviewed_format: str | None = None,
                 include_fuzzy: bool = False, wait: bool = False) -> ReviewReport:
    """Apply a reviewed PO/XLIFF/TMX/... file or OmegaT project to a JSONL store, and
    rewrite the store, its siblings and the manifest together."""
    store_path, reviewed_path = Path(store_path), Path(reviewed_path)
    folder = store_path.parent
    with OutputFolder(folder, wait=wait) as output:
        corpus = read_corpus(store_path)
        reviewed, marks_review = read_reviewed(reviewed_path, corpus, reviewed_format)
        report = apply_review(corpus, reviewed, include_fuzzy, marks_review)
        if not report.applied:
            return report  # nothing changes: no rewrite, no history entry
        corpus.date = now_iso()
        manifest = read_manifest(folder)
        # The exchange formats keep the --status they were written with; the store keeps all.
        exchange_status = manifest.get("status_filter", "all")
        STORES[store_for_path(store_path).name].write(corpus, output.stage(store_path.name))
        for path, name in sibling_outputs(store_path):
            STORES[name].write(corpus.with_status(exchange_status), output.stage(path.name))
        if manifest:
            manifest.setdefault("reviews", []).append(
                {
                    "file": reviewed_path.name,
                    "date": corpus.date,
                    **{key: value for key, value in report.to_dict().items() if key != "applied_ids"},
                }
            )
            manifest["corpus_date"] = corpus.date
            write_manifest(output.stage(MANIFEST_NAME), manifest)
        report.written = output.commit()
    return report

