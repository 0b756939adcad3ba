"""What every filter shares: the pair it looks at, its settings and its verdict.

A filter is a small named unit: :meth:`Filter.judge` (the template, never overridden)
asks the hook :meth:`Filter.score` for the pair's scores (numbers kept in the output
store, whatever the decision) and the hook :meth:`Filter.reject` whether those scores
remove the pair, and why. Thresholds are a dataclass per filter (``Settings``) whose
fields carry their own documentation, so the defaults are written down once and
``bitext filter --show-config`` prints them as a commented TOML file.
"""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from functools import cached_property
from typing import Any, ClassVar, Generic, TypeVar, cast

from bitext.alignment.lexicon import WORD_PATTERN, Lexicon
from bitext.model import Segment


def setting(default: Any, help: str) -> Any:
    """A threshold with its default and what it means (shown by ``--show-config``); a
    list default is copied for each instance."""
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass
class Settings:
    """Base of the filters' settings: every filter can be turned off."""

    enabled: bool = setting(True, "run this filter (false: neither scored nor applied)")

    @classmethod
    def documented(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) of every setting, in declaration order."""
        out = []
        for item in fields(cls):
            default = item.default_factory() if item.default_factory is not MISSING else item.default
            out.append((item.name, default, item.metadata.get("help", "")))
        return out


class Pair:
    """A segment as the filters see it: both sides on one line, NFC, tokens computed
    once and shared by every filter."""

    __slots__ = ("segment", "source", "target", "__dict__")

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self.source = unicodedata.normalize("NFC", " ".join(segment.source.split()))
        self.target = unicodedata.normalize("NFC", " ".join(segment.target.split()))

    @cached_property
    def source_tokens(self) -> list[str]:
        """The source's words (the aligner's tokens)."""
        return WORD_PATTERN.findall(self.source)

    @cached_property
    def target_tokens(self) -> list[str]:
        """The target's words."""
        return WORD_PATTERN.findall(self.target)


@dataclass
class FilterContext:
    """What filters share besides their settings: the lexicon (the shipped one plus the
    glossary), and with ``--model`` a translator (sentences -> English MT)."""

    lexicon: Lexicon | None = None
    translate: Callable[[list[str]], list[str]] | None = None

    def the_lexicon(self) -> Lexicon:
        """The lexicon, the shipped one unless one was given (loaded on first use)."""
        if self.lexicon is None:
            self.lexicon = Lexicon.default()
        return self.lexicon


@dataclass
class Verdict:
    """One filter's scores for a pair, and its reason when it removes the pair."""

    filter: str
    scores: dict[str, float]
    reason: str | None = None


S = TypeVar("S", bound=Settings)


class Filter(ABC, Generic[S]):
    """Base of the per-pair filters (see the module docstring)."""

    name: ClassVar[str]
    description: ClassVar[str]
    settings_class: ClassVar[type[Settings]] = Settings

    def __init__(self, settings: Settings | None = None, context: FilterContext | None = None) -> None:
        self.settings: S = cast(S, settings if settings is not None else self.settings_class())
        self.context = context or FilterContext()

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon the filters share."""
        return self.context.the_lexicon()

    def judge(self, pair: Pair) -> Verdict:
        """The pair's scores, and the reason it is removed (None: it passes)."""
        scores = {name: round(float(value), 4) for name, value in self.score(pair).items()}
        reason = self.reject(pair, scores)
        return Verdict(self.name, scores, f"{self.name}: {reason}" if reason else None)

    def prepare(self, pairs: list[Pair]) -> None:
        """Hook: work done once for a chunk of pairs before they are judged (the MT
        filter translates the chunk's sources in one batch). Default: nothing."""

    @abstractmethod
    def score(self, pair: Pair) -> dict[str, float]:
        """Hook: the pair's scores (names unique across filters)."""

    @abstractmethod
    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Hook: why these scores remove the pair, or None."""
