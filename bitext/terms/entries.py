"""Glossary entries and term specs (a term's accepted target forms)."""

from __future__ import annotations

from dataclasses import dataclass

FORM_SEPARATOR = "|"


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its source variants and its accepted target forms (first = approved)."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    case_sensitive: bool = False
    note: str = ""
    pos: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.targets, str):  # one form given as a plain string
            object.__setattr__(self, "targets", tuple(term_forms(self.targets)))

    @property
    def term(self) -> str:
        """The entry's first source variant."""
        return self.sources[0]

    @property
    def target(self) -> str:
        """The approved target term: the form enforcement forces."""
        return self.targets[0]

    def canonical(self) -> list[object]:
        """The entry as a JSON-ready list (sources, target or targets, case sensitivity, note,
        part of speech), which the glossary digest hashes."""
        target = self.target if len(self.targets) == 1 else list(self.targets)
        return [list(self.sources), target, self.case_sensitive, self.note, self.pos]


def term_forms(spec: str) -> list[str]:
    """The accepted target forms of a term spec (``"North Korea|North Korean"``); the
    first is the one to force."""
    return [form for form in spec.split(FORM_SEPARATOR) if form] or [spec]


def forced_form(spec: str) -> str:
    """The form of a term spec to force: its first accepted form."""
    return term_forms(spec)[0]


def fold_term(text: str, case_sensitive: bool) -> str:
    """A term as duplicates are found: whitespace runs single, case folded unless the
    entry is case-sensitive."""
    if "  " in text or not text.isprintable() or text != text.strip():
        text = " ".join(text.split())
    return text if case_sensitive else text.casefold()
