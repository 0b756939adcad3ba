"""The one data model every stage and every format shares.

A :class:`Segment` is one sentence of one paragraph of one document, with a stable id
``doc:paragraph:sentence`` (paragraph and sentence numbers start at 1; paragraph numbers
count the non-empty lines of the original document, so ids do not move when the cleaner
keeps or drops other lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# Segment statuses: "new" has no translation yet, "mt" is raw machine translation,
# "reviewed" is a translation a human changed or approved (the MT is kept in ``mt``).
STATUSES = ("new", "mt", "reviewed")
# What ``--status`` keeps of a corpus when writing it.
STATUS_FILTERS = {"all": set(STATUSES), "reviewed": {"reviewed"}, "mt": {"mt"}}


@dataclass
class TermMatch:
    """A glossary source term found in a segment, and whether its target was honoured."""

    start: int  # character span of the matched text in the segment's source
    end: int
    source: str  # the matched source text as written ("Korut", "kebijakannya")
    term: str  # the glossary entry's canonical source term
    required: str  # the approved target term: the form enforcement forces
    met: bool | None = None  # None until a target has been checked
    accepted: tuple[str, ...] = ()  # every target form that counts (required first); () = required only

    @property
    def forms(self) -> tuple[str, ...]:
        """Target forms any of which meets this match."""
        return self.accepted or (self.required,)

    def to_dict(self) -> dict[str, Any]:
        record = {
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "term": self.term,
            "required": self.required,
            "met": self.met,
        }
        if len(self.forms) > 1:
            record["accepted"] = list(self.forms)
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermMatch:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            source=str(data["source"]),
            term=str(data.get("term", data["source"])),
            required=str(data["required"]),
            met=data.get("met"),
            accepted=tuple(str(form) for form in data.get("accepted") or ()),
        )


@dataclass
class Segment:
    doc: str
    paragraph: int
    sentence: int
    source: str
    target: str = ""
    status: str = "new"
    kind: str = "body"  # the cleaner's class of the paragraph: body, heading, caption
    mt: str | None = None  # machine translation, kept once a human has reviewed the target
    terms: list[TermMatch] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id(self.doc, self.paragraph, self.sentence)

    def to_dict(self, signature: str | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "doc": self.doc,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "kind": self.kind,
            "source": self.source,
            "target": self.target,
            "status": self.status,
        }
        if self.mt is not None:
            record["mt"] = self.mt
        record["glossary"] = [match.to_dict() for match in self.terms]
        if signature:
            record["signature"] = signature
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        if "doc" in data and "paragraph" in data and "sentence" in data:
            doc, paragraph, sentence = data["doc"], data["paragraph"], data["sentence"]
        else:
            doc, paragraph, sentence = parse_id(str(data["id"]))
        status = str(data.get("status") or ("mt" if data.get("target") else "new"))
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r} (expected {', '.join(STATUSES)})")
        return cls(
            doc=str(doc),
            paragraph=int(paragraph),
            sentence=int(sentence),
            source=str(data["source"]),
            target=str(data.get("target") or ""),
            status=status,
            kind=str(data.get("kind") or "body"),
            mt=data.get("mt"),
            terms=[TermMatch.from_dict(m) for m in data.get("glossary") or []],
        )


def one_line(text: str) -> str:
    """Text on one line: tabs, line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def same_text(a: str, b: str) -> bool:
    """Equal once whitespace is normalised (formats and tools re-wrap and trim text)."""
    return one_line(a) == one_line(b)


def make_id(doc: str, paragraph: int, sentence: int) -> str:
    return f"{doc}:{paragraph}:{sentence}"


def parse_id(segment_id: str) -> tuple[str, int, int]:
    """Split ``doc:paragraph:sentence``; the doc part may itself contain colons."""
    try:
        doc, paragraph, sentence = segment_id.rsplit(":", 2)
        return doc, int(paragraph), int(sentence)
    except ValueError:
        raise ValueError(f"not a bitext segment id (doc:paragraph:sentence): {segment_id!r}") from None


@dataclass
class Corpus:
    """Segments plus what every format records about them."""

    segments: list[Segment]
    source_lang: str = "id"
    target_lang: str = "en"
    signature: str = ""
    date: str = ""  # when its content last changed (ISO 8601, UTC); "" = now, when written

    def __len__(self) -> int:
        return len(self.segments)

    def __iter__(self):
        return iter(self.segments)

    def by_id(self) -> dict[str, Segment]:
        return {segment.id: segment for segment in self.segments}

    def documents(self) -> list[str]:
        return list(dict.fromkeys(segment.doc for segment in self.segments))

    def with_status(self, status_filter: str) -> Corpus:
        """The records whose status ``--status`` keeps (``all``, ``reviewed`` or ``mt``)."""
        try:
            keep = STATUS_FILTERS[status_filter]
        except KeyError:
            raise ValueError(f"unknown status filter {status_filter!r} (expected {', '.join(STATUS_FILTERS)})") from None
        if status_filter == "all":
            return self
        return replace(self, segments=[segment for segment in self.segments if segment.status in keep])

