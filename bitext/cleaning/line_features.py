"""What one line of a page looks like, measured without any site's vocabulary.

:func:`line_features` measures a line (length, the share of Indonesian and of English
function words, a sentence's end, bullets, numbering, separators, menus glued together,
placeholders, breadcrumbs, tags, counters, dates and times, a summary cut off with
"...", words all in lower case); :func:`navigation_reason` says why a line is page
navigation by its shape alone. The cleaner (:mod:`bitext.cleaning.cleaner`) combines
these with where a line sits (:mod:`bitext.cleaning.main_text`) and its vocabulary rules.
Every measure scans the line once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitext.cleaning.dates import Dates, find_dates

_BULLET = re.compile(r"^[•●▪■□◦‣∙·*»›>☆★\-–]\s*")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")  # "1. Jalan Braga", "2) Harga naik"
_LETTER = re.compile(r"[^\W\d_]")
_GLUED_MENU = re.compile(r"[a-z][A-Z][a-z]+[A-Z][a-z]")  # "UmumPolkamHukum": menu items without spaces
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$|^\[[^\]]*\](?:\s*\[[^\]]*\])+$")  # "[loading]", "[ + ] [ - ]"
_BRACKETED = re.compile(r"\[[^\[\]]{0,80}\]")
_BREADCRUMB = re.compile(r"\S\s+(?:>|›|»|/)\s+\S.*\s(?:>|›|»|/)\s+\S|^(?:Home|Beranda)\s*(?:>|›|»)", re.I)
# A sentence's end, also before a trailing credit or editor initials: "... tahun. (ant/dhf)"
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?:\s*\([^()]{1,60}\))?$")
# "0 SHARE", "2.768 views", and the other way round: "Dibaca 640", "Total19"
_COUNTER = re.compile(r"^[\d.,]+\s*[KkMmRrBb]?\s+[^\W\d_]+(?:\s+[^\W\d_]+)?:?$|^[^\W\d_]+\s?\d[\d.,]*\s?[KkMm]?$")
# A teaser's summary cut off by the site: "... di Ewood...", "menyambangi r..."
_TRUNCATED = re.compile(r"[^\W_](?:\.\.\.|…|\s\.\.\.)$")

# English function words: a line made of them in an Indonesian page is interface text
# ("Your browser does not support ...") or another language's page furniture.
_ENGLISH_FUNCTION = frozenset(
    "a an and are be been but by can do does doesn't don't for from has have he her here his i if in into is it "
    "its not of on or our please she that the their there they this to was we were which will with would you "
    "your".split()
)
_STRIP = ".,;:!?()\"“”'‘’[]"


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
    english_share: float = 0.0  # share of words that are English function words
    numbered: bool = False  # "1. Jalan Braga": an item of a numbered list
    list_intro: bool = False  # ends with a colon: introduces what follows
    truncated: bool = False  # a summary the site cut off with "..."
    lowercase: bool = False  # two or more words, every one in lower case, no sentence end: a file name or slug
    capitalised_share: float = 0.0  # share of words that start with a capital (headlines capitalise most)
    dates: Dates | None = None  # dates and times, on lines short enough to be a date line
    opening_stamp: bool = False  # opens with a date and a time of day

    @property
    def english(self) -> bool:
        """A line of English in an Indonesian page (interface text, another edition's furniture)."""
        return (self.words >= 4 and self.english_share >= 0.3 and self.english_share * self.words >= 3
                and self.function_share < 0.05)

    @property
    def headline(self) -> bool:
        """Shaped like a title: most words capitalised, at most HEADLINE_WORDS, no full
        stop (a title may end with ! or ?)."""
        return (self.words <= HEADLINE_WORDS and self.capitalised_share >= 0.6
                and (not self.terminal or self.ends_exclaiming))

    ends_exclaiming: bool = False  # ends with ! or ?

    @property
    def prose(self) -> bool:
        """Reads as running Indonesian text: long enough, with function words, or a
        sentence of some length; a summary cut off with "..." is a teaser, and a line
        shaped like a title a title, not prose."""
        if self.english or self.truncated or self.headline:
            return False
        return (self.words >= 10 and self.function_share >= 0.1) or (self.words >= 6 and self.terminal)

    @property
    def date_line(self) -> bool:
        """A date with at most a kicker, a name or a label beside it ("NASIONAL | 9 Oktober
        2020", "Oleh Budi pada 08 Mar 2022, 07:30 WIB"): the stamp of an article."""
        return bool(self.dates and self.dates.written and not self.terminal and self.dates.words_outside <= 8)

    @property
    def stamped_summary(self) -> bool:
        """Opens with a date and a time, then text: "Senin, 01 Mei 2017 18:03 WIB Jalan tol
        ...", a listed article's stamp and summary (an article's own text never opens so)."""
        return self.opening_stamp and self.words >= 8

    def dated_title(self, text: str) -> bool:
        """A title with its date before or after it, no sentence: an item of a list of articles."""
        return bool(self.dates and self.dates.written and not self.terminal and self.dates.at_edge(text)
                    and self.dates.words_outside <= 25)


DATE_WORDS = 40  # longer lines are sentences or paragraphs: their dates are not looked for
HEADLINE_WORDS = 20
STAMP_CHARS = 60  # the opening of a long line looked at for a date stamp
SAMPLE_WORDS = 400  # words of a line its shares (function words, capitals) are measured on
TAIL = 100  # characters at a line's end in which its sentence end (and a trailing credit) is looked for


def line_features(text: str, function_words: frozenset[str]) -> LineFeatures:
    """Measure one line (see :class:`LineFeatures`)."""
    words = text.split()
    count = len(words)
    sample = words[:SAMPLE_WORDS]  # shares of a long paragraph are measured on its opening
    stripped = [word.strip(_STRIP) for word in sample]
    lowered = [word.lower() for word in stripped]
    if "’" in text:
        lowered = [word.replace("’", "'") for word in lowered]
    share = sum(1 for word in lowered if word in function_words) / len(sample) if sample else 0.0
    english = sum(1 for word in lowered if word in _ENGLISH_FUNCTION) / len(sample) if sample else 0.0
    terminal = bool(_SENTENCE_END.search(text[-TAIL:]))  # the end is at the end: never scan a long line for it
    dates = find_dates(text) if count <= DATE_WORDS else None
    short = count <= DATE_WORDS
    alphabetic = [word for word in words if word.isalpha()] if short else []
    initials = [word[:1] for word in stripped if word[:1].isalpha()]
    capitalised = sum(1 for letter in initials if letter.isupper()) / len(initials) if initials else 0.0
    return LineFeatures(
        words=count,
        function_share=share,
        terminal=terminal,
        bullet=bool(_BULLET.match(text)) and not text.startswith("--"),
        separators=text.count(" | ") + text.count(" · ") + text.count(" • ") + (1 if text.strip() == "|" else 0),
        letters=bool(_LETTER.search(text)),
        glued_menu=short and any(_GLUED_MENU.search(word) for word in words if len(word) > 12),
        placeholder=bool(_PLACEHOLDER.match(text)) or ("[" in text and not _LETTER.search(_BRACKETED.sub("", text))),
        breadcrumb=count <= 12 and bool(_BREADCRUMB.search(text)),
        hashtags=text.startswith("#") and count <= 6,
        counter=bool(_COUNTER.match(text)),
        english_interface=count <= 12 and share == 0.0 and english * count >= max(2, count // 3),
        english_share=english,
        numbered=bool(_NUMBERED.match(text)),
        list_intro=text.rstrip().endswith(":"),
        truncated=count >= 6 and text.endswith(("...", "…")) and bool(_TRUNCATED.search(text[-TAIL:])),
        lowercase=short and len(alphabetic) >= 2 and len(alphabetic) == count and text.islower() and not terminal,
        capitalised_share=capitalised,
        ends_exclaiming=text.rstrip("\"”’')]").endswith(("!", "?")),
        dates=dates,
        opening_stamp=_opening_stamp(text, dates),
    )


def _opening_stamp(text: str, dates: Dates | None) -> bool:
    opening = dates if dates is not None else find_dates(text[:STAMP_CHARS])
    return bool(opening.spans) and opening.timed and opening.spans[0][0] <= 2


def navigation_reason(features: LineFeatures) -> str | None:
    """Why a line is navigation by its shape alone (None when it is not)."""
    if not features.letters:
        return "no letters (symbols, numbers or an empty widget)"
    if features.placeholder:
        return "image or widget placeholder"
    if features.separators and (features.words <= 12 or features.separators >= 3) and not features.terminal:
        return "menu or share bar (| separators)"
    if features.glued_menu and not features.terminal:
        return "menu items glued together"
    if features.breadcrumb:
        return "breadcrumb"
    if features.hashtags:
        return "tags"
    if features.counter and not features.terminal and not features.numbered:
        return "counter (shares, views, comments)"
    if features.bullet and features.words <= 8 and not features.terminal:
        return "list item of a menu"
    if features.english_interface:
        return "interface text in English"
    return None
