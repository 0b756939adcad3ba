"""Dates and times in a line: where they are and how they are written.

News pages print a date beside every listed article and above every article, glued to
whatever stands next to it: ``NASIONAL | 9 Oktober 2020``, ``Tech News15 Feb 2016 19:25``,
``Akhyari HanantoSabtu, 09 April 2016 06:41 WIB``, ``2 jam yang lalu``, ``October 14,
2020``. :func:`find_dates` finds them (Indonesian and English month and day names, times,
numeric dates, relative times) and says how much of the line they cover, so the cleaner
can tell a date line, or a line that is a title and a date, from a sentence that mentions
a date. Every pattern is a fixed alternation or a bounded repeat, so a line is scanned in
linear time whatever it holds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTHS = (
    r"(?:Januari|January|Jan|Februari|Pebruari|February|Feb|Maret|March|Mar|April|Apr|Mei|May|Juni|June|Jun"
    r"|Juli|July|Jul|Agustus|August|Agu|Agt|Aug|September|Sept|Sep|Oktober|October|Okt|Oct|November|Nopember"
    r"|Nov|Nop|Desember|December|Des|Dec)"
)
_DAYS = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Jum’at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)"
)
_ZONE = r"(?:\s?(?:WIB|WITA|WIT|GMT|UTC)(?:\s?[+-]\s?\d{1,2})?)"
_END = r"(?![^\W\d_])"  # a word ends here (letters may not follow)
_START = r"(?<![^\W\d_])"  # a word starts here (letters may not precede; digits and symbols may)

# Written-out dates: "9 Oktober 2020", "08 Mar 2022", "15 Feb", "Februari 20, 2017",
# "Jan 2017". Letters may precede the day ("Hipertensi19 Februari 2017": glued). A month
# or day name starts with a capital; the rest of it may be in any case.
def _by_first_letter(names: str) -> str:
    """'(?:Jan|Feb|...)' as 'J(?i:an)|F(?i:eb)|...': a capital, then any case; the pattern
    then opens with a set of letters the engine scans for at C speed."""
    groups: dict[str, list[str]] = {}
    for name in names.strip("(?:)").split("|"):
        groups.setdefault(name[0], []).append(name[1:])
    return "(?:" + "|".join(f"{first}(?i:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


# Patterns open with a set of characters (the preceding character is checked in Python):
# the regex engine scans for that set at C speed instead of trying each position.
_DAY_FIRST = re.compile(rf"[0-9]{{1,2}}\s?{_by_first_letter(_MONTHS)}\.?{_END}(?:,?\s?[0-9]{{4}}(?![0-9]))?")
_MONTH_FIRST = re.compile(rf"{_by_first_letter(_MONTHS)}\.?\s(?:\d{{1,2}}(?!\d)(?:,?\s\d{{4}}(?!\d))?|\d{{4}}(?!\d))")
_DAY = re.compile(rf"{_by_first_letter(_DAYS)}{_END}\s?,?")
_TIME = re.compile(rf"[0-9]{{1,2}}[:.][0-9]{{2}}(?:[:.][0-9]{{2}})?(?![0-9]|[.,:][0-9]){_ZONE}?")
_NUMERIC = re.compile(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})(?![/.-]?[0-9])")
_NUMERIC_SHAPE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})$|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
_RELATIVE = re.compile(
    r"(?=[\dsSbB])(?:(?<!\d)\d{1,3}|(?<![^\W\d_])(?:se|beberapa))\s?(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s(?:yang\s)?lalu"
    r"(?![^\W\d_])|(?<!\d)\d{1,3}\s(?:second|minute|hour|day|week|month|year)s?\sago(?![^\W\d_])",
    re.IGNORECASE,
)
_ZONE_WORD = re.compile(r"(?<![^\W\d_])(?:WIB|WITA|WIT)(?![^\W\d_])")
_DIGIT = re.compile(r"\d")


class Dates(NamedTuple):
    """The dates of one line."""

    spans: tuple[tuple[int, int], ...]  # character spans, merged where only spaces and | , - : lie between
    written: bool  # a written-out, relative or timed date (how sites stamp articles), not only 27/08/16
    words_outside: int  # words of the line outside every date span (0 when there is no date)
    timed: bool = False  # a date span holds a time of day

    @property
    def found(self) -> bool:
        """The line holds a date."""
        return bool(self.spans)

    def at_edge(self, text: str) -> bool:
        """A date opens or closes the line (kicker and title aside, at most two words away)."""
        if not self.spans:
            return False
        return len(text[: self.spans[0][0]].split()) <= 2 or len(text[self.spans[-1][1] :].split()) <= 2


NO_DATES = Dates((), False, 0, False)
_GLUE = " \t|,-–—:/·•()[]"
_DATE, _TIME_OF_DAY, _DAY_NAME = 1, 2, 4


def _follows(text: str, position: int, characters: str) -> bool:
    """The character before ``position`` is one of ``characters``."""
    return position > 0 and text[position - 1] in characters


def find_dates(text: str) -> Dates:
    """The dates and times in ``text`` (see the module docstring)."""
    if not _DIGIT.search(text):
        return NO_DATES  # every date holds a digit
    found: list[tuple[int, int, bool, int]] = [
        (m.start(), m.end(), True, _DATE) for m in _DAY_FIRST.finditer(text)
        if not _follows(text, m.start(), "0123456789")]  # "9 Oktober", not the "9" of "19"
    found += [(m.start(), m.end(), True, _DATE) for m in _MONTH_FIRST.finditer(text)
              if not (m.start() and text[m.start() - 1].isalpha())]  # "Februari 20, 2017" at a word's start
    lowered = text.lower()
    if "lalu" in lowered or "ago" in lowered:  # each pattern runs only where its words can be
        found += [(m.start(), m.end(), True, _DATE) for m in _RELATIVE.finditer(text)]
    if "/" in text or "-" in text or "." in text:
        found += [(m.start(), m.end(), False, _DATE) for m in _NUMERIC.finditer(text)
                  if not _follows(text, m.start(), "0123456789/.-") and _NUMERIC_SHAPE.match(m.group())]
    if ":" in text or "." in text:
        # A time counts with a zone ("19:25 WIB") or beside a date; "pukul 10.00" in a
        # sentence is left to the sentence.
        found += [(m.start(), m.end(), _ZONE_WORD.search(text, m.start(), m.end()) is not None, _TIME_OF_DAY)
                  for m in _TIME.finditer(text) if not _follows(text, m.start(), "0123456789.,:")]
    if not found:
        return NO_DATES
    found += [(m.start(), m.end(), True, _DAY_NAME) for m in _DAY.finditer(text)]
    found.sort()
    merged: list[list] = []  # [start, end, written, kinds]
    for start, end, written, kind in found:
        if merged and not text[merged[-1][1] : start].strip(_GLUE):
            last = merged[-1]
            last[1], last[2], last[3] = max(last[1], end), last[2] or written, last[3] | kind
        else:
            merged.append([start, end, written, kind])
    # A day name or a zoneless time alone is no date ("Minggu" in a title, "09.48" a score).
    keep = [span for span in merged if span[3] & _DATE or (span[3] == _TIME_OF_DAY and span[2])
            or (span[3] & _DAY_NAME and span[3] & _TIME_OF_DAY)]
    if not keep:
        return NO_DATES
    outside, position = [], 0
    for start, end, _, _ in keep:
        outside.append(text[position:start])
        position = end
    outside.append(text[position:])
    written = any(span[2] or (span[3] & _DATE and span[3] & _TIME_OF_DAY) for span in keep)
    timed = any(span[3] & _TIME_OF_DAY for span in keep)
    words = sum(1 for word in " ".join(outside).split() if not word.strip(_GLUE + ".;!?\"'“”‘’"))
    words = len(" ".join(outside).split()) - words  # words with a letter or digit in them
    return Dates(tuple((span[0], span[1]) for span in keep), written, words, timed)
