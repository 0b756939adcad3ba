"""Punctuation and web shapes: page furniture that reached a corpus as a "sentence".

Reuses the cleaner on the Indonesian side: its verdict on the line as a page of its own
(:class:`bitext.cleaning.cleaner.Cleaner`: widgets, teasers such as "Baca juga:",
related-article headers, bylines, photo credits, datelines, and the navigation shapes of
:mod:`bitext.cleaning.line_features`: menus, breadcrumbs, separators, counters,
placeholders), and labels of its widget vocabulary ("Tags: ..."); a few general web
phrases on the English side ("all rights reserved", "click here", "sign up"); and shapes
of either side: a URL, e-mail address or handle in a line of a few words, a dateline
alone, a row of page numbers, a copyright line, runs of punctuation. URLs inside a
sentence are fine ("... (https://...)").

Scores: ``boilerplate`` (1.0 when a shape or phrase of page furniture is found, else 0.0)
and ``punctuation`` (the larger share, over the two sides, of visible characters that
are punctuation or symbols).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bitext.filtering.base import Filter, Pair, Settings, setting

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?<!\w)@\w{2,}")
_RUN_OF_PUNCTUATION = re.compile(r"([!?.*#=_~|<>-])\1{3,}")
_SPACE = re.compile(r"\s")
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_SYMBOL = re.compile(r"[^\w\s]|_")
_DATELINE_ONLY = re.compile(r"^[\w.]+(?:,\s*[\w.]+){0,2}\s*[-–—]+\s*$")  # "TEMPO.CO, Jakarta -"
_PAGE_NUMBERS = re.compile(r"(?<![\w.,:])\d{1,3}(?:\s+\d{1,3}){2}(?![\w.,:])")  # "1 2 3 4"
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\bhak cipta\b|all rights reserved", re.I)

# General web furniture in English (menus, calls to action, legal lines): phrases that
# no news sentence is made of alone.
_ENGLISH_FURNITURE = (
    "click here", "read more", "read also", "see also", "sign up", "sign in", "log in", "subscribe",
    "newsletter", "follow us", "share this", "share on", "privacy policy", "terms of use", "terms of service",
    "cookie", "advertisement", "download the app", "back to top", "load more", "show more", "related articles",
    "related news", "most popular", "leave a comment", "comments", "watch the video", "skip to",
)


@dataclass
class ShapeSettings(Settings):
    """Thresholds of the ``shapes`` filter."""

    max_punctuation: float = setting(0.3, "most share of a side's visible characters that are punctuation or symbols")
    max_url_share: float = setting(0.5, "most share of a side's characters inside URLs, e-mail addresses or handles")
    url_words: int = setting(10, "a side of fewer words holding a URL, e-mail address or handle is page furniture")
    furniture_words: int = setting(12, "a side of at most this many words that holds a web phrase is page furniture")


@lru_cache(maxsize=1)
def _cleaner():
    from bitext.cleaning.cleaner import Cleaner

    return Cleaner()


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().rstrip(":.").split())


def punctuation_share(text: str) -> float:
    """The share of visible characters that are punctuation or symbols."""
    visible = len(text) - len(_SPACE.findall(text))
    return len(_SYMBOL.findall(text)) / visible if visible else 0.0


def indonesian_furniture(text: str) -> str | None:
    """Why an Indonesian line is page furniture, or None: the cleaner's verdict on the
    line as a page of its own (widgets, teasers, bylines, credits, datelines, menus),
    and a label of its widget vocabulary ("Tags: ...", "Topik: ...")."""
    from bitext.ingest.reader import Document

    if text.count(" ") >= 5 and _TERMINAL.search(text) and ":" not in text[:30]:
        return None  # a long line that ends like a sentence, with no label, has none of these shapes
    cleaner = _cleaner()
    block = cleaner.clean(Document("pair", [text]))[0]
    if not block.kept:
        return f"{block.kind} ({block.reason})"
    label = _key(text.split(":", 1)[0]) if ":" in text[:30] else ""
    if label and label in cleaner.vocabulary.widget | cleaner.vocabulary.byline_label | cleaner.vocabulary.notice_label:
        return f"label line ({label}:)"
    return None


def shape_reason(text: str, settings: ShapeSettings) -> str | None:
    """Why a side of either language has the shape of page furniture, or None."""
    urls = [match.group() for match in _URL.finditer(text)]
    if urls and (sum(map(len, urls)) / len(text) > settings.max_url_share or text.count(" ") < settings.url_words):
        return "a URL, e-mail address or handle in a line of a few words"
    if _DATELINE_ONLY.match(text):
        return "a dateline alone"
    if _PAGE_NUMBERS.search(text) and not _TERMINAL.search(text):
        return "a row of page or list numbers"
    if _COPYRIGHT.search(text):
        return "copyright line"
    if _RUN_OF_PUNCTUATION.search(text):
        return "run of punctuation"
    return None


_FURNITURE_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase in _ENGLISH_FURNITURE) + r")\b")


def english_furniture(text: str, settings: ShapeSettings) -> str | None:
    """Why a short English line is web furniture (one of the general phrases), or None."""
    lowered = " ".join(text.lower().split())
    if lowered.count(" ") + 1 > settings.furniture_words:
        return None
    found = _FURNITURE_PHRASE.search(lowered)
    return f"web phrase ({found.group()!r})" if found else None


class ShapeFilter(Filter[ShapeSettings]):
    """No page furniture: widgets, teasers, menus, URLs, copyright lines, punctuation runs."""

    name = "shapes"
    description = "page furniture: widgets, teasers, menus, URLs, copyright lines, punctuation runs"
    settings_class = ShapeSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        settings = self.settings
        reason = (shape_reason(pair.source, settings) or shape_reason(pair.target, settings)
                  or indonesian_furniture(pair.source) or english_furniture(pair.target, settings))
        pair.__dict__["shape_reason"] = reason
        return {"boilerplate": 1.0 if reason else 0.0,
                "punctuation": max(punctuation_share(pair.source), punctuation_share(pair.target))}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        if scores["boilerplate"]:
            return str(pair.__dict__.get("shape_reason"))
        if scores["punctuation"] > self.settings.max_punctuation:
            return f"{100 * scores['punctuation']:.0f}% punctuation or symbols (max {100 * self.settings.max_punctuation:.0f}%)"
        return None
