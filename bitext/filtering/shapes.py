"""Punctuation and web shapes: page furniture that reached a corpus as a "sentence".

Reuses the cleaner's measures of a line (:mod:`bitext.cleaning.line_features`: menus,
breadcrumbs, separators, counters, placeholders, tags) and its vocabulary of page
furniture (:class:`bitext.cleaning.cleaner.Vocabulary`: widgets, teasers such as "Baca
juga:", related-article headers, bylines, notices) on the Indonesian side, a few general
web phrases on the English side ("all rights reserved", "click here", "sign up"), and
shapes of either side: a side that is mostly a URL, e-mail address or handle, a
copyright line, runs of punctuation. URLs inside a sentence are fine ("... (https://...)").

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
    max_punctuation: float = setting(0.3, "most share of a side's visible characters that are punctuation or symbols")
    max_url_share: float = setting(0.5, "most share of a side's characters inside URLs, e-mail addresses or handles")
    furniture_words: int = setting(12, "a side of at most this many words that holds a web phrase is page furniture")


@lru_cache(maxsize=1)
def _cleaner_parts():
    from bitext.cleaning.cleaner import Cleaner

    cleaner = Cleaner()
    return cleaner.vocabulary, cleaner.function_words


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().rstrip(":.").split())


def punctuation_share(text: str) -> float:
    """The share of visible characters that are punctuation or symbols."""
    visible = len(text) - len(_SPACE.findall(text))
    return len(_SYMBOL.findall(text)) / visible if visible else 0.0


def indonesian_furniture(text: str) -> str | None:
    """Why an Indonesian line is page furniture by the cleaner's measures, or None."""
    from bitext.cleaning.line_features import line_features, navigation_reason

    vocabulary, function_words = _cleaner_parts()
    key = _key(text)
    if key in vocabulary.widget:
        return "page widget"
    if key in vocabulary.related_header:
        return "related-articles header"
    for prefix in vocabulary.teaser_prefix:
        head, rest = text[: len(prefix)], text[len(prefix):]
        if head.lower() == prefix.lower() and rest.lstrip().startswith(":"):
            return f"teaser ({prefix}:)"
    label = key.split(":", 1)[0] if ":" in text[:30] else ""
    if label and (label in vocabulary.byline_label or label in vocabulary.notice_label) and len(text.split()) <= 12:
        return f"label line ({label}:)"
    if text.count(" ") >= 12 and _TERMINAL.search(text):
        return None  # a long line that ends like a sentence has none of the navigation shapes
    reason = navigation_reason(line_features(text, function_words))
    if reason == "interface text in English":
        return None  # the English side's own check says this better
    return reason


def shape_reason(text: str, settings: ShapeSettings) -> str | None:
    """Why a side of either language has the shape of page furniture, or None."""
    urls = sum(len(match.group()) for match in _URL.finditer(text))
    if text and urls / len(text) > settings.max_url_share:
        return "mostly a URL, e-mail address or handle"
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
        settings = self.settings
        reason = (shape_reason(pair.source, settings) or shape_reason(pair.target, settings)
                  or indonesian_furniture(pair.source) or english_furniture(pair.target, settings))
        pair.__dict__["shape_reason"] = reason
        return {"boilerplate": 1.0 if reason else 0.0,
                "punctuation": max(punctuation_share(pair.source), punctuation_share(pair.target))}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        if scores["boilerplate"]:
            return str(pair.__dict__.get("shape_reason"))
        if scores["punctuation"] > self.settings.max_punctuation:
            return f"{100 * scores['punctuation']:.0f}% punctuation or symbols (max {100 * self.settings.max_punctuation:.0f}%)"
        return None
