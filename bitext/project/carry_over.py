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
from collections.abc import Iterable, Sequence

from bitext.engines.base import CarryOver
from bitext.model import Segment, comparable, same_text


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
            self.by_source[comparable(record.source)].append(index)
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
            candidates = self.by_source.get(comparable(segment.source), deque())
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
        """Records of the store no segment took (they are set aside)."""
        return [record for index, record in enumerate(self.pool) if index not in self.used]


def _take(segment: Segment, record: Segment, same_settings: bool, result: CarryOver) -> None:
    segment.draft = record.draft  # a translator's draft follows its sentence, whatever happens to the MT
    if record.status == "reviewed" or (record.status == "mt" and same_settings and record.target.strip()):
        segment.target, segment.status, segment.mt = record.target, record.status, record.mt
        result.kept.append(segment)
    elif record.status == "mt":
        result.retranslated.append(segment)
    else:
        result.new.append(segment)
