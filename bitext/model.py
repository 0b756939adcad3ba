"""The one data model every stage and every format shares.

A :class:`Segment` is one sentence of one paragraph of one document, with a stable id
``doc:paragraph:sentence`` (paragraph and sentence numbers start at 1; paragraph numbers
count the non-empty lines of the original document, so ids do not move when the cleaner
keeps or drops other lines).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

# Segment statuses: "new" has no translation yet, "mt" is raw machine translation,
# "reviewed" is a translation a human changed or approved (the MT is kept in ``mt``),
# "imported" is a translation read from another tool's file (human or unknown origin,
# never called MT), "aligned" pairs two existing documents' sentences (``bitext align``).
STATUSES = ("new", "mt", "reviewed", "imported", "aligned")
# What ``--status`` keeps of a corpus when writing it.
STATUS_FILTERS = {"all": set(STATUSES), **{status: {status} for status in STATUSES if status != "new"}}


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
        """The match as JSON data (``accepted`` only when the entry has several target forms)."""
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
        """A match from its JSON form; ``ValueError`` naming the field on a bad value."""
        if not isinstance(data, dict):
            raise ValueError(f"a glossary match must be an object, not {_kind(data)}")
        met = data.get("met")
        if met is not None and not isinstance(met, bool):
            raise ValueError(f"glossary 'met' must be true, false or null, not {met!r}")
        accepted = data.get("accepted") or []
        if not isinstance(accepted, list):
            raise ValueError(f"glossary 'accepted' must be a list of strings, not {_kind(accepted)}")
        return cls(
            start=field_int(data, "start"),
            end=field_int(data, "end"),
            source=field_str(data, "source"),
            term=field_str(data, "term", default=data.get("source")),
            required=field_str(data, "required"),
            met=met,
            accepted=tuple(field_str({"accepted": form}, "accepted") for form in accepted),
        )


@dataclass
class Alignment:
    """How ``bitext align`` paired a record: bead type, score, and the 1-based sentence
    (or, with --presegmented, line) numbers of each side in its input document."""

    kind: str  # "1-1", "2-1", "1-0", ...
    score: float
    source_lines: list[int]
    target_lines: list[int]
    target_doc: str = ""  # the English document, when its name differs from ``doc``

    def to_dict(self) -> dict[str, Any]:
        """The alignment fields a JSONL record carries."""
        record: dict[str, Any] = {"alignment": self.kind, "score": self.score,
                                  "source_lines": self.source_lines, "target_lines": self.target_lines}
        if self.target_doc:
            record["target_doc"] = self.target_doc
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alignment | None:
        """The alignment of a JSON record, or None when it has none; ``ValueError`` names a bad field."""
        if "alignment" not in data:
            return None
        lines = {}
        for name in ("source_lines", "target_lines"):
            value = data.get(name) or []
            if not isinstance(value, list):
                raise ValueError(f"field {name!r} must be a list of line numbers")
            lines[name] = [field_int({name: number}, name) for number in value]
        score = data.get("score", 0.0)
        if not isinstance(score, (int, float)) or isinstance(score, bool) or not math.isfinite(score):
            raise ValueError(f"field 'score' must be a number, not {score!r:.40}")
        return cls(field_str(data, "alignment"), float(score), lines["source_lines"], lines["target_lines"],
                   field_str(data, "target_doc", default=""))


CODE_KINDS = ("ph", "open", "close")  # a standalone code, the opening and the closing of a pair


@dataclass
class InlineCode:
    """An inline code of another tool's file (a tag, a placeholder, a formatting run),
    held in the segment's texts as its ``token`` (``<x1/>`` for a standalone code,
    ``<g2>`` and ``</g2>`` for the two ends of a pair) and written back in each format's
    own way: the same element where the format is the one it came from, the nearest
    element elsewhere, its original markup as text in PO and the line formats.

    ``element`` and ``attrs`` are the element as written (``bpt``, ``{"i": "1", "x":
    "1"}``), ``content`` its inner XML (the native code, ``&lt;b&gt;``), ``family`` the
    format family it was read from (``xliff1``, ``xliff2``, ``tmx``)."""

    token: str
    kind: str
    element: str
    id: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    content: str = ""
    family: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The code as JSON (empty fields left out)."""
        record: dict[str, Any] = {"token": self.token, "kind": self.kind, "element": self.element}
        for name in ("id", "attrs", "content", "family"):
            if getattr(self, name):
                record[name] = getattr(self, name)
        return record

    @classmethod
    def from_dict(cls, data: Any) -> InlineCode:
        """A code from its JSON form; ``ValueError`` naming the field on a bad value."""
        if not isinstance(data, dict):
            raise ValueError(f"an inline code must be an object, not {_kind(data)}")
        kind = field_str(data, "kind")
        if kind not in CODE_KINDS:
            raise ValueError(f"inline code 'kind' must be one of {', '.join(CODE_KINDS)}, not {kind!r:.40}")
        return cls(field_str(data, "token"), kind, field_str(data, "element"), field_str(data, "id", default=""),
                   _str_dict(data, "attrs"), field_str(data, "content", default=""),
                   field_str(data, "family", default=""))


@dataclass
class Note:
    """A note or comment another tool's file carries, with where it came from: ``origin``
    is the PO comment kind (``translator``, ``developer``) or the XLIFF/TMX ``from`` or
    ``category``; ``attrs`` the note element's other attributes, as written."""

    text: str
    origin: str = ""
    attrs: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The note as JSON (empty fields left out)."""
        record: dict[str, Any] = {"text": self.text}
        if self.origin:
            record["origin"] = self.origin
        if self.attrs:
            record["attrs"] = self.attrs
        return record

    @classmethod
    def from_dict(cls, data: Any) -> Note:
        """A note from its JSON form (a plain string is a note without origin)."""
        if isinstance(data, str):
            return cls(data)
        if not isinstance(data, dict):
            raise ValueError(f"a note must be an object or a string, not {_kind(data)}")
        return cls(field_str(data, "text"), field_str(data, "origin", default=""), _str_dict(data, "attrs"))


# What other tools' files carry besides bitext's own fields, in the order JSONL writes
# them; each is left out of a record while it holds its default, so a record of bitext's
# own run is written exactly as before these fields existed.
FOREIGN_FIELDS = ("source_plural", "target_plurals", "context", "codes", "notes", "locations", "format_flags",
                  "previous", "needs_review", "extra")


@dataclass
class Segment:
    """One sentence of one paragraph of one document, its translation and what every stage
    learned about it; the record every format reads and writes."""

    doc: str
    paragraph: int
    sentence: int
    source: str
    target: str = ""
    status: str = "new"
    kind: str = "body"  # the cleaner's class of the paragraph: body, heading, caption
    mt: str | None = None  # machine translation, kept once a human has reviewed the target
    terms: list[TermMatch] = field(default_factory=list)
    # The record's own id when a file from another tool gave one that is not bitext's
    # ``doc:paragraph:sentence`` ("qa-1", TICO-19's "CMU_1:1"); "" = the derived id.
    key: str = ""
    # Quality flags set by bitext's checks ("repeats", "too-long", "copy", ...): what a
    # reviewer should look at first.
    flags: list[str] = field(default_factory=list)
    alignment: Alignment | None = None  # set by bitext align
    # A translator's text typed into an exchange file but still marked for review (fuzzy PO,
    # XLIFF needs-review): not a review yet, never dropped; written back with its mark.
    draft: str | None = None
    # Scores a corpus filter gave the pair (``bitext filter``: "lexical", "target_lang", ...).
    scores: dict[str, float] = field(default_factory=dict)
    # -- what other tools' files carry (all empty for bitext's own segments) --
    source_plural: str = ""  # gettext msgid_plural; "" = not a plural entry
    target_plurals: list[str] = field(default_factory=list)  # msgstr[1], msgstr[2], ... (target is msgstr[0])
    context: str | None = None  # gettext msgctxt (None = none, which differs from ""), TMX x-context
    codes: list[InlineCode] = field(default_factory=list)  # the inline codes whose tokens the texts hold
    notes: list[Note] = field(default_factory=list)  # translator and developer comments, XLIFF/TMX notes
    locations: list[str] = field(default_factory=list)  # PO "#:" references ("app/views.py:10")
    format_flags: list[str] = field(default_factory=list)  # PO flags other than fuzzy ("python-format")
    previous: dict[str, str] = field(default_factory=dict)  # PO "#|": source, context, source_plural
    # A translator's "needs work" mark (PO fuzzy, XLIFF needs-review) on a translation
    # that is not bitext's MT: the status stays "imported", marked for review.
    needs_review: bool = False
    # What a format's reader did not understand, kept for its writer, by format name.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """``doc:paragraph:sentence``, or the id another tool's file gave (``key``)."""
        return self.key or make_id(self.doc, self.paragraph, self.sentence)

    def to_dict(self, signature: str | None = None) -> dict[str, Any]:
        """The segment as JSON: bitext's fields, then each foreign field that is set."""
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
        if self.draft is not None:
            record["draft"] = self.draft
        record["glossary"] = [match.to_dict() for match in self.terms]
        if self.flags:
            record["flags"] = list(self.flags)
        if self.alignment is not None:
            record.update(self.alignment.to_dict())
        if self.scores:
            record["scores"] = dict(self.scores)
        record.update(self.foreign_dict())
        if signature:
            record["signature"] = signature
        return record

    def foreign_dict(self) -> dict[str, Any]:
        """The foreign fields that are set, as JSON."""
        record: dict[str, Any] = {}
        for name in FOREIGN_FIELDS:
            value = getattr(self, name)
            if value is None or value == [] or value == {} or value is False or (value == "" and name != "context"):
                continue  # an empty msgctxt ("") is a context, unlike none
            if name in ("codes", "notes"):
                value = [item.to_dict() for item in value]
            elif isinstance(value, (list, dict)):
                value = value.copy()
            record[name] = value
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any], number: int = 1, fallback_doc: str = "doc") -> Segment:
        """A segment from its JSON form. Every field is checked (``ValueError`` names the
        field); a record without bitext's fields gets them from its id, or from
        ``fallback_doc`` and its position ``number`` when the id has another shape."""
        if not isinstance(data, dict):
            raise ValueError(f"a record must be a JSON object, not {_kind(data)}")
        given_id = field_str(data, "id", default="", numbers=True)
        if "doc" in data and "paragraph" in data and "sentence" in data:
            doc, paragraph, sentence = field_str(data, "doc", numbers=True), field_int(data, "paragraph"), field_int(data, "sentence")
            key = given_id if given_id and given_id != make_id(doc, paragraph, sentence) else ""
        elif given_id:
            doc, paragraph, sentence, key = split_id(given_id, fallback_doc, number)
        else:
            raise ValueError("a record needs an 'id' (or 'doc', 'paragraph' and 'sentence')")
        target = field_str(data, "target", default="")
        status = check_status(field_str(data, "status", default="") or ("imported" if target else "new"))
        glossary = data.get("glossary") or []
        flags = data.get("flags") or []
        if not isinstance(glossary, list) or not isinstance(flags, list):
            raise ValueError("'glossary' and 'flags' must be lists")
        mt, draft = data.get("mt"), data.get("draft")
        return cls(
            doc=doc,
            paragraph=paragraph,
            sentence=sentence,
            source=field_str(data, "source"),
            target=target,
            status=status,
            kind=field_str(data, "kind", default="") or "body",
            mt=None if mt is None else field_str(data, "mt"),
            terms=[TermMatch.from_dict(m) for m in glossary],
            key=key,
            flags=[field_str({"flags": flag}, "flags") for flag in flags],
            alignment=Alignment.from_dict(data),
            draft=None if draft is None else field_str(data, "draft"),
            **_foreign_fields(data),
            scores=field_scores(data),
        )


def _foreign_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The foreign fields of a JSON record, checked (absent ones keep their defaults)."""
    fields: dict[str, Any] = {}
    if "source_plural" in data:
        fields["source_plural"] = field_str(data, "source_plural", default="")
    if "context" in data:
        fields["context"] = None if data["context"] is None else field_str(data, "context")
    for name in ("target_plurals", "locations", "format_flags"):
        if name in data:
            fields[name] = _str_list(data, name)
    readers: tuple[tuple[str, Any], ...] = (("codes", InlineCode), ("notes", Note))
    for name, cls in readers:
        if name in data:
            items = data[name] or []
            if not isinstance(items, list):
                raise ValueError(f"field {name!r} must be a list, not {_kind(items)}")
            fields[name] = [cls.from_dict(item) for item in items]
    if "previous" in data:
        fields["previous"] = _str_dict(data, "previous")
    if "needs_review" in data:
        if not isinstance(data["needs_review"], bool):
            raise ValueError(f"field 'needs_review' must be true or false, not {data['needs_review']!r:.40}")
        fields["needs_review"] = data["needs_review"]
    if "extra" in data:
        if not isinstance(data["extra"], dict):
            raise ValueError(f"field 'extra' must be an object, not {_kind(data['extra'])}")
        fields["extra"] = data["extra"]
    return fields


def _str_list(data: dict[str, Any], name: str) -> list[str]:
    items = data.get(name) or []
    if not isinstance(items, list):
        raise ValueError(f"field {name!r} must be a list of strings, not {_kind(items)}")
    return [field_str({name: item}, name) for item in items]


def _str_dict(data: dict[str, Any], name: str) -> dict[str, str]:
    items = data.get(name) or {}
    if not isinstance(items, dict):
        raise ValueError(f"field {name!r} must be an object of strings, not {_kind(items)}")
    return {field_str({name: key}, name): field_str({name: value}, name) for key, value in items.items()}


def nfc(text: str) -> str:
    """``text`` in Unicode normalisation form C (what every reader hands on: a reviewed
    file saved in NFD compares equal to the store)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Text on one line: tabs, line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Text as bitext compares it: NFC (a file saved in NFD by an editor is the same text)
    and on one line (formats and tools re-wrap and trim text)."""
    return one_line(unicodedata.normalize("NFC", text))


def same_text(a: str, b: str) -> bool:
    """Equal once Unicode normalisation and whitespace are made the same (see :func:`comparable`)."""
    return a == b or comparable(a) == comparable(b)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(type(value), type(value).__name__)


_MISSING = object()
_SURROGATE = re.compile("[\ud800-\udfff]")


def field_str(data: dict[str, Any], name: str, default: Any = _MISSING, numbers: bool = False) -> str:
    """``data[name]`` as text; a missing field takes ``default`` (or is an error); with
    ``numbers`` a whole number is taken as its digits (ids such as ``"id": 7``); anything
    else is a ``ValueError`` naming the field."""
    value = data.get(name, default) if default is not _MISSING else data.get(name, _MISSING)
    if value is _MISSING:
        raise ValueError(f"missing field {name!r}")
    if value is None and default is not _MISSING:
        value = default
    if isinstance(value, str):
        surrogate = _SURROGATE.search(value)  # JSON "\ud800" escapes decode to text no file can hold
        if surrogate:
            raise ValueError(f"field {name!r} holds a lone surrogate (U+{ord(surrogate[0]):04X}), not Unicode text")
        return value
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"field {name!r} must be text, not {_kind(value)} {value!r:.40}")


def field_scores(data: dict[str, Any]) -> dict[str, float]:
    """``data["scores"]``: names to finite numbers (a filter's scores), or {}."""
    scores = data.get("scores") or {}
    if not isinstance(scores, dict):
        raise ValueError(f"field 'scores' must be an object of numbers, not {_kind(scores)}")
    result = {}
    for name, value in scores.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise ValueError(f"score {name!r} must be a number, not {value!r:.40}")
        result[str(name)] = float(value)
    return result


def field_int(data: dict[str, Any], name: str) -> int:
    """``data[name]`` as a non-negative whole number (digits in a string are accepted)."""
    value = data.get(name, _MISSING)
    if value is _MISSING:
        raise ValueError(f"missing field {name!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 10**12:
        raise ValueError(f"field {name!r} must be a whole number, not {_kind(value)} {value!r:.40}")
    return value


def check_status(status: str) -> str:
    """``status`` if bitext knows it, else a ``ValueError`` listing the known ones."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r} (expected {', '.join(STATUSES)})")
    return status


def split_id(segment_id: str, fallback_doc: str, number: int) -> tuple[str, int, int, str]:
    """``(doc, paragraph, sentence, key)`` of any record id: bitext's shape is split and
    needs no key; another id is kept as the key, placed as paragraph ``number`` of
    ``fallback_doc``."""
    try:
        doc, paragraph, sentence = parse_id(segment_id)
        if make_id(doc, paragraph, sentence) == segment_id and doc:
            return doc, paragraph, sentence, ""
    except ValueError:
        pass
    return fallback_doc, number, 1, segment_id


def make_id(doc: str, paragraph: int, sentence: int) -> str:
    """The stable id ``doc:paragraph:sentence``."""
    return f"{doc}:{paragraph}:{sentence}"


def parse_id(segment_id: str) -> tuple[str, int, int]:
    """Split ``doc:paragraph:sentence``; the doc part may itself contain colons."""
    try:
        doc, paragraph, sentence = segment_id.rsplit(":", 2)
        return doc, int(paragraph), int(sentence)
    except ValueError:
        raise ValueError(f"not a bitext segment id (doc:paragraph:sentence): {segment_id!r}") from None


def reversed_segment(segment: Segment) -> Segment | None:
    """A segment read the other way (see :meth:`Corpus.reversed`); None when it has no
    translation to become the source."""
    if not segment.target.strip():
        return None
    return replace(segment, source=segment.target, target=segment.source, status="imported", mt=None, terms=[], flags=[],
                   source_plural="", target_plurals=[], previous={}, needs_review=False)


@dataclass
class Corpus:
    """Segments plus what every format records about them."""

    segments: list[Segment]
    source_lang: str = "id"
    target_lang: str = "en"
    signature: str = ""
    date: str = ""  # when its content last changed (ISO 8601, UTC); "" = now, when written
    # What the file it was read from records about itself, for that format's writer:
    # ``format`` and ``version`` of the origin ("xliff", "2.0"), its header, skeleton, ...
    extra: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.segments)

    def __iter__(self):
        return iter(self.segments)

    def by_id(self) -> dict[str, Segment]:
        """Segments by id (the last one wins where a file repeats an id)."""
        return {segment.id: segment for segment in self.segments}

    def documents(self) -> list[str]:
        """Document ids in the order they first appear."""
        return list(dict.fromkeys(segment.doc for segment in self.segments))

    def reversed(self) -> Corpus:
        """The corpus read the other way (targets become sources). Sentences nobody
        translated have no reverse; glossary matches, MT and flags belong to one
        direction and are dropped; what was translated is ``imported`` in reverse."""
        segments = [reverse for reverse in map(reversed_segment, self.segments) if reverse is not None]
        # A format whose files say which side is the source (XLIFF, PO) cannot reuse the
        # original's shape the other way round; TMX tells its languages apart by name.
        extra = {**self.extra, "reversed": not self.extra.get("reversed", False)} if self.extra else {}
        return replace(self, segments=segments, source_lang=self.target_lang, target_lang=self.source_lang, signature="",
                       extra=extra)

    def with_status(self, status_filter: str) -> Corpus:
        """The records whose status ``--status`` keeps (``all``, ``reviewed`` or ``mt``)."""
        try:
            keep = STATUS_FILTERS[status_filter]
        except KeyError:
            raise ValueError(f"unknown status filter {status_filter!r} (expected {', '.join(STATUS_FILTERS)})") from None
        if status_filter == "all":
            return self
        return replace(self, segments=[segment for segment in self.segments if segment.status in keep])

