"""Rerunning ``bitext translate`` into a folder that already holds a store.

A store is a translator's project, not a throwaway output. :class:`CarryOverPlanner` matches the
segments of the new run with the records of the previous store (and of ``set-aside.jsonl``):

* a record whose source is unchanged keeps its status and target: a ``reviewed`` record
  keeps its reviewed text and its ``mt``; an ``mt`` record made with the same signature
  (model, revision, decoding settings, glossary) keeps its MT; an ``mt`` record made
  otherwise is translated anew, since the user changed what makes MT;
* a new or changed sentence is translated;
* a previous record whose sentence is no longer in the input is set aside (written to
  ``set-aside.jsonl``), never silently deleted; if its sentence comes back in a later
  run, its review comes back with it.

Records are matched by id and source first, then by source alone (a sentence that moved
because a paragraph was added above it keeps its review).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from bitext.errors import FormatError, OutputError
from bitext.segments import Corpus, Segment, one_line, same_text

STORE_FORMATS = ("jsonl", "xliff", "po", "tmx", "tsv")  # formats that keep status, best first
SET_ASIDE_NAME = "set-aside.jsonl"


@dataclass
class CarryOver:
    """What a rerun does with each segment; the lists hold the new run's segments."""

    kept: list[Segment] = field(default_factory=list)  # status and target from the store
    retranslated: list[Segment] = field(default_factory=list)  # same source, MT of other settings
    new: list[Segment] = field(default_factory=list)  # new or changed sentences
    set_aside: list[Segment] = field(default_factory=list)  # previous records gone from the input

    @property
    def to_translate(self) -> list[Segment]:
        return self.retranslated + self.new

    def counts(self) -> dict[str, int]:
        return {
            "kept": len(self.kept),
            "kept_reviewed": sum(1 for segment in self.kept if segment.status == "reviewed"),
            "retranslated": len(self.retranslated),
            "new": len(self.new),
            "set_aside": len(self.set_aside),
        }


class CarryOverPlanner:
    """Matches the segments of a run, chunk by chunk, against the records of the store it
    updates: by id and source first, then by source alone (a sentence that moved, or came
    back from set-aside). Each record is used once; :meth:`left_over` gives the ones no
    segment took (they are set aside)."""

    def __init__(self, previous: Iterable[Segment], previous_signature: str, signature: str) -> None:
        self.pool = list(previous)
        self.same_settings = previous_signature == signature
        self.by_id: dict[str, list[int]] = defaultdict(list)  # an id may be in the store and set aside
        self.by_source: dict[str, deque[int]] = defaultdict(deque)
        for index, record in enumerate(self.pool):
            self.by_id[record.id].append(index)
            self.by_source[one_line(record.source)].append(index)
        self.used: set[int] = set()

    def plan(self, segments: Sequence[Segment]) -> CarryOver:
        """Fill ``segments`` from matching records; the plan says what to translate."""
        result = CarryOver()
        unmatched: list[Segment] = []
        for segment in segments:  # first pass: same id, same source
            index = next(
                (i for i in self.by_id.get(segment.id, ())
                 if i not in self.used and same_text(self.pool[i].source, segment.source)),
                None,
            )
            if index is not None:
                self.used.add(index)
                _take(segment, self.pool[index], self.same_settings, result)
            else:
                unmatched.append(segment)
        for segment in unmatched:  # second pass: the same sentence elsewhere (moved, or set aside before)
            candidates = self.by_source.get(one_line(segment.source), deque())
            while candidates and candidates[0] in self.used:
                candidates.popleft()
            if candidates:
                index = candidates.popleft()
                self.used.add(index)
                _take(segment, self.pool[index], self.same_settings, result)
            else:
                result.new.append(segment)
        return result

    def left_over(self) -> list[Segment]:
        return [record for index, record in enumerate(self.pool) if index not in self.used]


def _take(segment: Segment, record: Segment, same_settings: bool, result: CarryOver) -> None:
    if record.status == "reviewed" or (record.status == "mt" and same_settings and record.target.strip()):
        segment.target, segment.status, segment.mt = record.target, record.status, record.mt
        result.kept.append(segment)
    elif record.status == "mt":
        result.retranslated.append(segment)
    else:
        result.new.append(segment)


def _edited(unit: Segment, record: Segment | None) -> bool:
    """A unit a translator touched that the store lacks: reviewed and unknown to the
    store, or holding a target the store does not have (approved or still marked)."""
    if not unit.target.strip():
        return False
    if record is None:
        return unit.status == "reviewed"
    newly_reviewed = unit.status == "reviewed" and record.status != "reviewed"
    return newly_reviewed or not same_text(unit.target, record.target)


def find_store(folder: Path, source_lang: str = "id", target_lang: str = "en") -> Path | None:
    """The store a previous run left in ``folder``: the JSONL, else another format that
    keeps status (XLIFF, PO, TMX, TSV)."""
    from bitext.formats import get_store

    for name in STORE_FORMATS:
        store = get_store(name)
        for extension in store.extensions:
            path = folder / f"{source_lang}-{target_lang}{extension}"
            if path.is_file():
                return path
    return None


def read_previous(folder: Path, source_lang: str = "id", target_lang: str = "en") -> tuple[Corpus | None, list[Segment]]:
    """The previous store in ``folder`` (or None) and the records set aside before."""
    from bitext.formats import read_corpus

    path = find_store(folder, source_lang, target_lang)
    corpus = None
    if path is not None:
        try:
            corpus = read_corpus(path)
        except FormatError as error:
            raise OutputError(
                f"{error}; the output folder holds a store bitext cannot read: fix it, "
                "or pass --overwrite to start a new store"
            ) from None
    set_aside: list[Segment] = []
    aside_path = folder / SET_ASIDE_NAME
    if aside_path.is_file():
        set_aside = read_corpus(aside_path, "jsonl").segments
    return corpus, set_aside


def unapplied_reviews(folder: Path, store: Corpus, exclude: Path | None = None) -> list[tuple[Path, list[str]]]:
    """Exchange files in ``folder`` (PO, XLIFF, TMX) holding reviewed translations that the
    store does not have: a translator's edits not yet brought back with ``review apply``,
    which rewriting the file would destroy."""
    from bitext.formats import get_store, read_corpus

    records = store.by_id()
    found = []
    for name in ("po", "xliff", "tmx"):
        for extension in get_store(name).extensions:
            path = folder / f"{store.source_lang}-{store.target_lang}{extension}"
            if not path.is_file() or path == exclude:
                continue
            try:
                corpus = read_corpus(path, name)
            except FormatError:
                continue  # not ours to judge; it will be rewritten as before
            ids = [unit.id for unit in corpus if _edited(unit, records.get(unit.id))]
            if ids:
                found.append((path, ids))
    return found
