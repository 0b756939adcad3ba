"""What one line of a page looks like, measured without any site's vocabulary.

:func:`line_features` measures a line (length, the share of Indonesian function words,
a sentence's end, bullets, separators, menus glued together, placeholders, breadcrumbs,
tags, counters, English interface text); :func:`navigation_reason` says why a line is
page navigation by its shape alone. The cleaner (:mod:`bitext.clean`) combines these with
where a line sits (:mod:`bitext.main_text`) and its own vocabulary rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^[•●▪■□◦‣∙·*»›>\-–]\s*")
_LETTER = re.compile(r"[^\W\d_]")
_GLUED_MENU = re.compile(r"[a-z][A-Z][a-z]+[A-Z][a-z]")  # "UmumPolkamHukum": menu items without spaces
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^\[[^\]]*\](?:\s*\[[^\]]*\])+$")  # "[loading]", "[ + ] [ - ]"
_BREADCRUMB = re.compile(r"\S\s+(?:>|›|»|/)\s+\S.*\s(?:>|›|»|/)\s+\S|^(?:Home|Beranda)\s*(?:>|›|»)", re.I)
# A sentence's end, also before a trailing credit or editor initials: "... tahun. (ant/dhf)"
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?:\s*\([^()]{1,60}\))?$")
_COUNTER = re.compile(r"^[\d.,]+\s*[KkMmRrBb]?\s+[^\W\d_]+(?:\s+[^\W\d_]+)?$")  # "0 SHARE", "2.768 views"


# English function words: a short line made of them in an Indonesian page is interface
# text ("Your browser does not support ..."), not the article.
_ENGLISH_FUNCTION = frozenset(
    "a an and are be by can do does doesn't don't for from here in is it not of on or please the this to "
    "we will with you your".split()
)


@dataclass(frozen=True)
class LineFeatures:
    """What a line looks like, measured without any site's vocabulary."""

    words: int
    function_share: float  # share of words that are Indonesian function words (prose has many)
    terminal: bool  # ends like a sentence
    bullet: bool  # starts with a list bullet
    separators: int  # " | " separators (menus, share bars)
    letters: bool  # holds any letter at all
    glued_menu: bool  # capitalised words glued together ("UmumPolkamHukum")
    placeholder: bool  # an image or widget placeholder in brackets ("[loading]")
    breadcrumb: bool  # "Home > News > Nasional"
    hashtags: bool  # "#haji #jemaah haji"
    counter: bool  # a number and a word or two: "0 SHARE", "2.768 views"
    english_interface: bool  # a short line of English function words and no Indonesian ones

    @property
    def prose(self) -> bool:
        """Reads as running Indonesian text: long enough, with function words, or a
        sentence of some length."""
        return (self.words >= 10 and self.function_share >= 0.1) or (self.words >= 6 and self.terminal)


def line_features(text: str, function_words: frozenset[str]) -> LineFeatures:
    words = text.split()
    lowered = [word.strip(".,;:!?()\"“”'‘’").lower() for word in words]
    share = sum(1 for word in lowered if word in function_words) / len(words) if words else 0.0
    return LineFeatures(
        words=len(words),
        function_share=share,
        terminal=bool(_SENTENCE_END.search(text)),
        bullet=bool(_BULLET.match(text)) and not text.startswith("--"),
        separators=text.count(" | ") + (1 if text.strip() == "|" else 0),
        letters=bool(_LETTER.search(text)),
        glued_menu=any(_GLUED_MENU.search(word) for word in words if len(word) > 12),
        placeholder=bool(_PLACEHOLDER.match(text)),
        breadcrumb=bool(_BREADCRUMB.search(text)) and len(words) <= 12,
        hashtags=text.startswith("#") and len(words) <= 6,
        counter=bool(_COUNTER.match(text)),
        english_interface=len(words) <= 12 and share == 0.0
        and sum(1 for word in lowered if word.replace("’", "'") in _ENGLISH_FUNCTION) >= max(2, len(words) // 3),
    )


def navigation_reason(features: LineFeatures) -> str | None:
    """Why a line is navigation by its shape alone (None when it is not)."""
    if not features.letters:
        return "no letters (symbols, numbers or an empty widget)"
    if features.placeholder:
        return "image or widget placeholder"
    if features.separators and features.words <= 12 and not features.terminal:
        return "menu or share bar (| separators)"
    if features.glued_menu and not features.terminal:
        return "menu items glued together"
    if features.breadcrumb:
        return "breadcrumb"
    if features.hashtags:
        return "tags"
    if features.counter and not features.terminal:
        return "counter (shares, views, comments)"
    if features.bullet and features.words <= 8 and not features.terminal:
        return "list item of a menu"
    if features.english_interface:
        return "interface text in English"
    return None
