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
from dataclasses import dataclass

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
# "Jan 2017". Letters may precede the day ("Hipertensi19 Februari 2017": glued).
_LONG = re.compile(
    rf"(?<!\d)\d{{1,2}}\s?{_MONTHS}\.?{_END}(?:,?\s?\d{{4}}(?!\d))?"
    rf"|{_START}{_MONTHS}\.?\s\d{{1,2}}(?!\d)(?:,?\s\d{{4}}(?!\d))?"
    rf"|{_START}{_MONTHS}\.?\s\d{{4}}(?!\d)",
    re.IGNORECASE,
)
_DAY = re.compile(rf"{_DAYS}{_END}\s?,?", re.IGNORECASE)
_TIME = re.compile(rf"(?<![\d.,:])\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?!\d|[.,:]\d){_ZONE}?")
_NUMERIC = re.compile(r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?![/.-]?\d)")
_RELATIVE = re.compile(
    r"(?:(?<!\d)\d{1,3}|(?<![^\W\d_])(?:se|beberapa))\s?(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s(?:yang\s)?lalu"
    r"(?![^\W\d_])|(?<!\d)\d{1,3}\s(?:second|minute|hour|day|week|month|year)s?\sago(?![^\W\d_])",
    re.IGNORECASE,
)
_ZONE_WORD = re.compile(r"(?<![^\W\d_])(?:WIB|WITA|WIT)(?![^\W\d_])")
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits


@dataclass(frozen=True)
class Dates:
    """The dates of one line."""

    spans: tuple[tuple[int, int], ...]  # character spans, merged where only spaces and | , - : lie between
    written: bool  # a written-out, relative or timed date (how sites stamp articles), not only 27/08/16
    words_outside: int  # words of the line outside every date span
    timed: bool = False  # a date span holds a time of day

    @property
    def found(self) -> bool:
        return bool(self.spans)

    def at_edge(self, text: str) -> bool:
        """A date opens or closes the line (kicker and title aside, at most two words away)."""
        if not self.spans:
            return False
        return len(_WORD.findall(text[: self.spans[0][0]])) <= 2 or len(_WORD.findall(text[self.spans[-1][1]:])) <= 2


_GLUE = set(" \t|,-–—:/·•()[]")


def find_dates(text: str) -> Dates:
    """The dates and times in ``text`` (see the module docstring)."""
    strong: list[tuple[int, int, bool]] = []  # (start, end, written)
    for pattern, written in ((_LONG, True), (_RELATIVE, True), (_NUMERIC, False)):
        strong += [(m.start(), m.end(), written) for m in pattern.finditer(text)]
    times = [(m.start(), m.end()) for m in _TIME.finditer(text)]
    days = [(m.start(), m.end()) for m in _DAY.finditer(text)]
    zoned = {start for start, end in times if _ZONE_WORD.search(text, start, end)}
    for start, end in times:
        # A time counts with a zone ("19:25 WIB") or beside a date; "pukul 10.00" in a
        # sentence is left to the sentence.
        strong.append((start, end, start in zoned))
    if not strong:
        return Dates((), False, len(_WORD.findall(text)))
    spans = sorted(strong + [(start, end, True) for start, end in days])
    merged: list[list[int]] = []
    written_flags: list[bool] = []
    kinds: list[set[str]] = []
    time_starts = {start for start, _ in times}
    day_starts = {start for start, _ in days}
    for start, end, written in spans:
        kind = "day" if start in day_starts else "time" if start in time_starts else "date"
        if merged and all(ch in _GLUE for ch in text[merged[-1][1] : start]):
            merged[-1][1] = max(merged[-1][1], end)
            written_flags[-1] = written_flags[-1] or written
            kinds[-1].add(kind)
            continue
        merged.append([start, end])
        written_flags.append(written)
        kinds.append({kind})
    # A day name or a zoneless time alone is no date ("Minggu" in a title, "09.48" a score).
    keep = [i for i, kind in enumerate(kinds) if "date" in kind or (kind == {"time"} and written_flags[i])
            or ("day" in kind and "time" in kind)]
    if not keep:
        return Dates((), False, len(_WORD.findall(text)))
    final = tuple((merged[i][0], merged[i][1]) for i in keep)
    written = any(written_flags[i] or {"date", "time"} <= kinds[i] for i in keep)
    outside = len(_WORD.findall(text)) - sum(len(_WORD.findall(text[s:e])) for s, e in final)
    timed = any("time" in kinds[i] for i in keep)
    return Dates(final, written, max(0, outside), timed)
