"""The cleaner's units: a paragraph with its class (Block), and what was removed (Removal)."""

from __future__ import annotations

from dataclasses import dataclass, field

KEPT_KINDS = ("body", "heading", "caption")

# The rule of each kind of stripped part (a kept paragraph's dateline lead, credit, ...).
STRIP_RULES = {
    "dateline lead": "dateline-lead",
    "editor initials": "editor-initials",
    "caption marker": "caption-marker",
    "photo credit": "photo-credit",
    "teaser glued to the next sentence": "glued-teaser",
    "teaser after the last sentence": "trailing-teaser",
}


@dataclass(slots=True)
class Removal:
    """Text the cleaner removed: a whole paragraph, or a part of a kept one."""

    doc: str
    paragraph: int
    kind: str  # the class of what was removed (byline, credit, teaser, duplicate, ...)
    reason: str  # why, in words a user can check
    text: str
    rule: str = ""  # the name of the rule that removed it (bitext segment --explain lists them)

    def to_dict(self) -> dict[str, object]:
        """The record of ``dropped.jsonl``."""
        return {"doc": self.doc, "paragraph": self.paragraph, "kind": self.kind, "rule": self.rule,
                "reason": self.reason, "text": self.text}


@dataclass(slots=True)
class Block:
    """One paragraph of a document with its class and the text that is kept."""

    paragraph: int
    original: str
    kind: str = "body"
    text: str = ""
    reason: str = ""
    stripped: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, reason, text)
    keep: bool | None = None  # overrides the class (--keep-all)
    raw: str = ""  # the input line when mojibake repair changed it ("" = same as original)
    title: bool = False  # the page's title as its HTML declares it
    rule: str = ""  # the name of the rule that gave the class ("" = body by default)

    @property
    def kept(self) -> bool:
        """Kept in the corpus: by its class, unless --keep-all overrides it."""
        return self.keep if self.keep is not None else self.kind in KEPT_KINDS

    def mark(self, kind: str, rule: str, reason: str) -> None:
        """Give the paragraph a class, naming the rule and the evidence."""
        self.kind, self.rule, self.reason = kind, rule, reason


@dataclass(frozen=True)
class Decision:
    """How the cleaner decided one paragraph (``bitext segment --explain``): its class,
    whether it is kept, the rule that decided and the evidence, and what was stripped."""

    doc: str
    paragraph: int
    kind: str
    kept: bool
    rule: str  # the rule's name ("article-text": kept as part of the article's text)
    reason: str  # the evidence, in words a user can check
    text: str  # the paragraph as read
    kept_text: str  # what is kept of it ("" when dropped)
    stripped: tuple[tuple[str, str, str, str], ...] = ()  # (kind, rule, reason, text) of parts cut from it

    @classmethod
    def of(cls, doc: str, block: Block) -> Decision:
        """The decision a cleaned block records."""
        rule, reason = block.rule, block.reason
        if not rule:
            rule, reason = "article-text", "kept: part of the article's text"
        stripped = tuple((kind, STRIP_RULES.get(why, ""), why, text) for kind, why, text in block.stripped)
        return cls(doc, block.paragraph, block.kind, block.kept, rule, reason, block.raw or block.original,
                   block.text if block.kept else "", stripped)

    def to_dict(self) -> dict[str, object]:
        """A JSON record (``bitext segment --explain -f jsonl``)."""
        return {"doc": self.doc, "paragraph": self.paragraph, "kind": self.kind, "kept": self.kept,
                "rule": self.rule, "reason": self.reason, "text": self.text, "kept_text": self.kept_text,
                "stripped": [dict(zip(("kind", "rule", "reason", "text"), part)) for part in self.stripped]}
