"""Bring translators' reviewed units back into the corpus, keeping the machine translation.

A reviewed unit is one the translator confirmed: a PO entry no longer fuzzy, an XLIFF unit
approved or in a translated/final state, a TMX unit marked reviewed or changed, a segment
confirmed in an OmegaT project. Applying it sets the record's ``target`` to the reviewed
text and ``status`` to ``reviewed`` and keeps the machine translation in ``mt``, so
post-editing effort can be measured later.

A unit edited but still marked for review (fuzzy PO, XLIFF ``needs-review-*``) is not a
reviewed translation: it is applied only with ``include_fuzzy``; otherwise it is kept as
the record's ``draft`` and written back, still marked, into every exchange file, so the
translator's typed text is never lost. Applying the same file twice changes nothing.

Nothing is left behind in the folder either: confirmed edits in the project's other
exchange files (an approved unit in ``id-en.xlf`` while ``id-en.po`` is applied) are
applied in the same step, drafts there are kept, and a review of a sentence that has
left the store (its source changed) goes to ``set-aside.jsonl`` with its record, ready to
come back with the sentence. A unit whose id is nowhere in the project, or an id given
twice with different targets, is an error, and then nothing is written. The store, its
exchange files, ``set-aside.jsonl`` and the manifest are rewritten together.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from bitext.errors import ReviewError
from bitext.files import now_iso
from bitext.formats import STORES, read_corpus, store_for_path
from bitext.model import Corpus, Segment, comparable, same_text
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME
from bitext.project.project import SET_ASIDE_NAME, STORE_FORMAT, PendingEdits, Project, absorb_drafts, listing


@dataclass
class ReviewReport:
    """What ``review apply`` did, by unit id."""

    applied: list[str] = field(default_factory=list)  # became reviewed (edited or approved)
    changed: list[str] = field(default_factory=list)  # of those, with a new target
    unchanged: list[str] = field(default_factory=list)  # still machine translation, untouched
    already: list[str] = field(default_factory=list)  # reviewed before with this very text
    still_marked: list[str] = field(default_factory=list)  # edited, still marked for review: kept as drafts
    set_aside: list[str] = field(default_factory=list)  # reviews of sentences no longer in the store
    siblings: dict[str, int] = field(default_factory=dict)  # other exchange files: confirmed edits applied
    written: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """Counts (and the applied ids) for the manifest's review history and JSON output."""
        return {
            "applied": len(self.applied),
            "changed": len(self.changed),
            "approved_unchanged": len(self.applied) - len(self.changed),
            "unchanged": len(self.unchanged),
            "already_reviewed": len(self.already),
            "edited_still_marked": len(self.still_marked),
            "set_aside": len(self.set_aside),
            "applied_ids": self.applied,
        }


def _check_duplicates(reviewed: Corpus) -> None:
    targets: dict[str, set[str]] = defaultdict(set)
    for unit in reviewed:
        targets[unit.id].add(comparable(unit.target))
    duplicated = [unit_id for unit_id, texts in targets.items() if len(texts) > 1]
    if duplicated:
        raise ReviewError(f"{len(duplicated)} id(s) appear twice with different targets: {listing(duplicated, 10)}")


class _Records:
    """The records a unit may review: the store's, then the set-aside ones (by id and source)."""

    def __init__(self, corpus: Corpus, set_aside: list[Segment]) -> None:
        self.store = corpus.by_id()
        self.set_aside = set_aside
        self.aside_by_id: dict[str, list[Segment]] = defaultdict(list)
        for record in set_aside:
            self.aside_by_id[record.id].append(record)

    def find(self, unit: Segment) -> Segment | None:
        """The record ``unit`` reviews: same id and source in the store, else set aside."""
        record = self.store.get(unit.id)
        if record is not None and same_text(unit.source, record.source):
            return record
        return next((r for r in self.aside_by_id.get(unit.id, ()) if same_text(unit.source, r.source)), None)

    def known(self, unit: Segment) -> bool:
        """Whether a record with the unit's id is in the store or set aside (whatever its source)."""
        return unit.id in self.store or unit.id in self.aside_by_id


def apply_review(corpus: Corpus, reviewed: Corpus, include_fuzzy: bool = False, marks_review: bool = True,
                 set_aside: list[Segment] | None = None) -> ReviewReport:
    """Apply ``reviewed`` units to ``corpus`` (and ``set_aside``) in place; raise
    ReviewError on units no record knows.

    ``marks_review``: the reviewed file's format records a review state, so an edit left
    marked for review is not a review; where it records none (TMX), an edit is one.
    """
    include_fuzzy = include_fuzzy or not marks_review
    _check_duplicates(reviewed)
    records = _Records(corpus, set_aside if set_aside is not None else [])
    unknown = [unit.id for unit in reviewed if not records.known(unit)]
    if unknown:
        raise ReviewError(f"{len(unknown)} reviewed unit(s) have ids not in the corpus: {listing(unknown, 10)}")
    if set_aside is None:  # no project to keep them in: a review of another sentence is an error
        moved = [unit.id for unit in reviewed if records.find(unit) is None]
        if moved:
            raise ReviewError(f"{len(moved)} reviewed unit(s) translate a different source text: {listing(moved, 10)}")
    report = ReviewReport()
    for unit in dict((unit.id, unit) for unit in reviewed).values():
        record = records.find(unit)
        if record is None:  # the sentence changed since the file was written
            _keep_review_aside(unit, records, report)
            continue
        _apply_unit(unit, record, include_fuzzy, report)
    return report


def _apply_unit(unit: Segment, record: Segment, include_fuzzy: bool, report: ReviewReport) -> None:
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
        record.draft = unit.target  # kept, and written back still marked
    else:
        report.unchanged.append(unit.id)


def _keep_review_aside(unit: Segment, records: _Records, report: ReviewReport) -> None:
    """A review of an old version of a sentence: kept in set-aside with its source."""
    if unit.status != "reviewed" or not unit.target.strip():
        report.unchanged.append(unit.id)
        return
    record = records.store.get(unit.id)
    mt = record.mt if record is not None else None
    kept = replace(unit, status="reviewed", mt=mt, draft=None, flags=[], terms=[])
    records.set_aside.append(kept)
    records.aside_by_id[kept.id].append(kept)
    report.set_aside.append(unit.id)


def _apply(unit: Segment, record: Segment, edited: bool, report: ReviewReport) -> None:
    if record.mt is None and record.status == "mt":
        record.mt = record.target  # keep the machine translation for post-edit measures
    if edited:
        report.changed.append(unit.id)
        record.target = unit.target
        from bitext.terms.glossary import check_terms

        check_terms(record.terms, record.target)  # the glossary matches now judge the reviewed text
    record.status = "reviewed"
    record.draft = None
    record.flags = []  # the degenerate-output flags judged the machine output, not the review
    report.applied.append(unit.id)


def read_reviewed(reviewed_path: Path, corpus: Corpus, reviewed_format: str | None = None) -> tuple[Corpus, bool]:
    """The reviewed units of a file or of an OmegaT project folder, and whether their
    format records a review state."""
    from bitext.project import omegat

    if omegat.is_project(reviewed_path):
        return omegat.reviewed_units(reviewed_path, corpus), True
    if reviewed_path.is_dir():
        raise ReviewError(f"{reviewed_path} is a folder but not an OmegaT project (no {omegat.PROJECT_FILE})")
    return (read_corpus(reviewed_path, reviewed_format, corpus.source_lang, corpus.target_lang),
            store_for_path(reviewed_path, reviewed_format).marks_review)


def _store_of(project: Project, store_path: Path) -> Path:
    """The project's store: ``store_path`` itself, or the JSONL store when ``store_path``
    names the folder (or one of its exchange files, which is refused with the right name)."""
    found = project.find_store()
    if store_path.is_dir():
        if found is None:
            raise ReviewError(f"{store_path} holds no store to apply reviews to")
        return found
    if found is not None and found.suffix == ".jsonl" and store_path.resolve() != found.resolve():
        raise ReviewError(
            f"{store_path} is an exchange file of the project in {project.folder}, whose store is {found}: "
            f"apply the reviews to the store (bitext review apply REVIEWED {found})"
        )
    if not store_path.is_file():
        raise ReviewError(f"no such store: {store_path}")
    return store_path


def review_apply(reviewed_path: str | Path, store_path: str | Path, reviewed_format: str | None = None,
                 include_fuzzy: bool = False, wait: bool = False) -> ReviewReport:
    """Apply a reviewed PO/XLIFF/TMX/... file or OmegaT project to a store (a JSONL file or
    the project folder holding it), and rewrite the store, its exchange files,
    ``set-aside.jsonl`` and the manifest together."""
    store_path, reviewed_path = Path(store_path), Path(reviewed_path)
    folder = store_path if store_path.is_dir() else store_path.parent
    with OutputFolder(folder, wait=wait) as output:
        project = Project(output)
        store_path = _store_of(project, store_path)
        corpus = read_corpus(store_path)
        project.source_lang, project.target_lang = corpus.source_lang, corpus.target_lang
        set_aside = project.read_set_aside()
        aside_before = len(set_aside)
        reviewed, marks_review = read_reviewed(reviewed_path, corpus, reviewed_format)
        # The other exchange files are judged against the store as bitext wrote it, before this review.
        siblings = [item for item in project.pending_edits(corpus) if item.path.resolve() != reviewed_path.resolve()]
        report = apply_review(corpus, reviewed, include_fuzzy, marks_review, set_aside)
        drafts = _bring_in_siblings(siblings, corpus, set_aside, include_fuzzy, report)
        if not (report.applied or report.still_marked or report.set_aside or drafts):
            return report  # nothing changes: no rewrite, no history entry
        corpus.date = now_iso()
        _stage(project, store_path, corpus, set_aside, aside_before, reviewed_path, report)
        report.written = output.commit()
    return report


def _bring_in_siblings(edits: list[PendingEdits], corpus: Corpus, set_aside: list[Segment], include_fuzzy: bool,
                       report: ReviewReport) -> int:
    """Confirmed edits in the project's other exchange files are applied too, drafts kept,
    so rewriting those files loses nothing. A unit both files edited, differently, is an error."""
    for item in edits:
        clash = [unit.id for unit in item.confirmed
                 if unit.id in report.changed and not same_text(unit.target, corpus.by_id()[unit.id].target)]
        if clash:
            raise ReviewError(f"{item.path} edits {len(clash)} unit(s) differently from the reviewed file: "
                              f"{listing(clash, 10)}; settle them in one file, then apply it")
    for item in edits:
        if item.confirmed:
            sibling = apply_review(corpus, Corpus(item.confirmed, corpus.source_lang, corpus.target_lang),
                                   include_fuzzy, STORES[item.format].marks_review, set_aside)
            report.siblings[item.path.name] = len(sibling.applied)
            report.applied += [i for i in sibling.applied if i not in report.applied]
            report.changed += [i for i in sibling.changed if i not in report.changed]
            report.set_aside += sibling.set_aside
    return absorb_drafts(corpus, edits)


def _stage(project: Project, store_path: Path, corpus: Corpus, set_aside: list[Segment], aside_before: int,
           reviewed_path: Path, report: ReviewReport) -> None:
    # The exchange formats keep the --status they were written with; the store keeps all.
    exchange_status = project.manifest.get("status_filter", "all")
    store_format = store_for_path(store_path).name
    STORES[store_format].write(corpus, project.output.stage(store_path.name))
    for path, name in project.exchange_files():
        if path.resolve() == store_path.resolve():
            continue
        STORES[name].write(corpus.with_status(exchange_status), project.output.stage(path.name))
    if len(set_aside) != aside_before or any(r.draft for r in set_aside):
        aside = Corpus(set_aside, corpus.source_lang, corpus.target_lang)
        STORES[STORE_FORMAT].write(aside, project.output.stage(SET_ASIDE_NAME))
    manifest = dict(project.manifest)
    if manifest:  # a store bitext did not write gets no manifest it never had
        entry = {"file": reviewed_path.name, "date": corpus.date,
                 **{key: value for key, value in report.to_dict().items() if key != "applied_ids"}}
        if report.siblings:
            entry["also_applied"] = dict(report.siblings)
        manifest.setdefault("reviews", []).append(entry)
        manifest["corpus_date"] = corpus.date
        outputs = manifest.get("outputs") or []
        manifest["outputs"] = list(dict.fromkeys([*outputs, *project.output.staged_files(), MANIFEST_NAME]))
        project.stage_manifest(manifest)
