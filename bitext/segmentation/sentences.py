"""A rule-based Indonesian sentence segmenter.

A candidate boundary is a run of terminal punctuation (``. ! ? …``) with any closing quotes
or brackets after it. It is a boundary when

* it is not inside brackets, nor inside a quotation when ``keep_quotations`` asks for the
  UD treebank convention (a quoted passage of several sentences is one segment); by
  default the sentences of a quotation are separate segments, each keeping its quote
  marks, since MT models and CAT tools work sentence by sentence (an unclosed quote or
  bracket protects nothing);
* the next word starts with a capital, a digit or an opening quote (Indonesian sentences
  do; ``tahu?” ujarnya`` continues);
* the word before a full stop is not an abbreviation that never ends a sentence (``Dr.``,
  ``No.``, ``Jl.``); after an initial (``Joko P.``) or a name suffix (``Tbk.``, ``Ltd.``)
  only a common sentence opener (``Dia``, ``Namun``) starts a new sentence, not a name.

Glued sentences with no space (``penuh.Akan``) are split when the left word is a plain
lower-case word and the token is not a URL, e-mail address or domain name. Numbers in
Indonesian notation (``1.500``, ``6,5``, ``09.48``) never contain a candidate, as no space
follows their dot.

The abbreviation and opener lists are data (``bitext/data/abbreviations-id.txt``); pass
more with ``Segmenter(extra_abbreviations=[path])`` or ``--abbreviations FILE``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bitext.data import SectionedLists, sectioned_entries

SECTIONS = ("non-final", "name-suffix", "opener")

_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«([`"
# A candidate boundary, with (in a lookahead, so candidates never overlap) the spaces
# after it and the first character of the next word past any opening quotes.
# Candidates followed by a space and a lower-case ASCII letter, or glued to anything but
# a capitalised word, are left in the regex engine ("x. x. x.", "a.a.a." never reach
# Python); the rest are decided in :meth:`spans`.
_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?])+[" + re.escape(_CLOSERS) + r"]*"
                        r"(?:(?=(\s+)[" + re.escape(_OPENERS) + r" ]*([^\sa-z]))|(?=[A-Z][a-z]))")
_ROMAN_SINGLE = {"I", "V", "X"}
_ROMAN = re.compile(r"^[IVXLC]+$")
# An initial or dotted abbreviation, seen without its final dot: P, D.W, S.H, a.n, M.Si, Ph.D
_INITIALISM = re.compile(r"^(?:[A-Za-z]|(?:[A-Za-z][a-z]{0,3}\.)+[A-Za-z][a-z]{0,3})$")
# The next piece of a decree-style identifier: "No. XI. B. 02.00", "Pasal 5 ayat (1)"
_IDENTIFIER_PIECE = re.compile(r"^(?:[A-Z]\.|\d)")
_URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|id|org|net|go|co|ac|or|gov|edu|info|io)\b)", re.I)
_FIRST_WORD = re.compile(r"[^\W\d_]+")  # letters only: "Dia," -> Dia, "Masing-masing" -> Masing
_GLUED_LEFT = re.compile(r"[a-z]{2,}$")
_GLUED_RIGHT = re.compile(r"[A-Z][a-z]")
_NONSPACE = re.compile(r"\S")
_SKIP_OPENERS = re.compile("[" + re.escape(_OPENERS) + " ]*")
MAX_WORD = 64  # characters of the next word looked at (its first letters decide)


@dataclass
class Abbreviations(SectionedLists):
    """The segmenter's word lists, by section."""

    packaged_name = "abbreviations-id.txt"
    what = "abbreviations"
    non_final: set[str] = field(default_factory=set)
    name_suffix: set[str] = field(default_factory=set)
    openers: set[str] = field(default_factory=set)

    def update_from_text(self, text: str, name: str) -> None:
        """Add the entries of an abbreviation list (entries before any section header are
        non-final); a trailing period is dropped, openers are kept in lower case, and a
        lower-case word is also added capitalised."""
        lists = {"non-final": self.non_final, "name-suffix": self.name_suffix, "opener": self.openers}
        for section, line in sectioned_entries(text, name, SECTIONS, "non-final"):
            word = line.rstrip(".")
            if section == "opener":
                self.openers.add(word.lower())
                continue
            lists[section].add(word)
            if word[:1].islower():
                lists[section].add(word[:1].upper() + word[1:])


_QUOTE_OR_BRACKET = re.compile(r"[\"“„«”»()\[\]]")


def _protected_spans(text: str, quotations: bool = True) -> list[tuple[int, int]]:
    """(open, close) index pairs of closed brackets, and of closed quotations unless
    ``quotations`` is false.

    A straight double quote toggles; curly and guillemet quotes open and close, and a
    closing glyph with nothing open opens (some sites use ” on both sides). Unclosed
    openers are dropped, so a missing closing quote never swallows the paragraph. Only
    the quote and bracket characters are visited.
    """
    spans: list[tuple[int, int]] = []
    quote_open: int | None = None
    brackets: list[int] = []
    for match in _QUOTE_OR_BRACKET.finditer(text):
        i, char = match.start(), match.group()
        if char == '"':
            if quote_open is None:
                quote_open = i
            else:
                spans.append((quote_open, i))
                quote_open = None
        elif char in "“„«":
            if quote_open is None:
                quote_open = i
        elif char in "”»":
            if quote_open is None:
                quote_open = i
            else:
                spans.append((quote_open, i))
                quote_open = None
        elif char in "([":
            brackets.append(i)
        elif char in ")]" and brackets:
            spans.append((brackets.pop(), i))
    if not quotations:
        return [(open_, close) for open_, close in spans if text[open_] in "(["]
    return spans


class _Protection:
    """Whether a position lies inside a protected span (open < position <= close), by
    binary search over the spans merged into disjoint intervals."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for open_, close in sorted(spans):
            if merged and open_ < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], close)
            else:
                merged.append([open_, close])
        self.opens = [interval[0] for interval in merged]
        self.closes = [interval[1] for interval in merged]

    def covers(self, position: int) -> bool:
        """``position`` lies inside a protected span."""
        index = bisect.bisect_left(self.opens, position) - 1
        return index >= 0 and position <= self.closes[index]


def _word_before(text: str, position: int) -> str:
    """The word that ends at ``position`` (at most MAX_WORD characters of it: a longer
    run is no abbreviation, and a bounded look keeps a line without spaces linear)."""
    start = position
    limit = max(0, position - MAX_WORD)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip(_OPENERS)


def _word_after(text: str, position: int) -> str:
    end = position
    limit = min(len(text), position + MAX_WORD)
    while end < limit and not text[end].isspace():
        end += 1
    return text[position:end]


class Segmenter:
    """Split Indonesian text into sentences.

    >>> Segmenter().split("Presiden tiba Rabu (19/6). Ia disambut Joko P. di istana.")
    ['Presiden tiba Rabu (19/6).', 'Ia disambut Joko P. di istana.']
    """

    def __init__(self, extra_abbreviations: Iterable[str | Path] = (), keep_quotations: bool = False) -> None:
        self.abbreviations = Abbreviations.default()
        for path in extra_abbreviations:
            self.abbreviations.update_from_file(path)
        # By default a quotation of several sentences is split into them (the unit MT and
        # CAT tools work in; the quote marks stay with their sentences). keep_quotations
        # is the UD treebank convention: a quotation is one sentence.
        self.keep_quotations = keep_quotations

    def split(self, text: str) -> list[str]:
        """The sentences of ``text``, without surrounding whitespace (see :meth:`spans`)."""
        return [text[start:end] for start, end in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences of ``text``, without surrounding whitespace.
        Each candidate looks only at the words around it (never copies the rest of the
        text), so a line is split in time linear in its length."""
        protection = _Protection(_protected_spans(text, quotations=self.keep_quotations))
        cuts = [0]
        for match in _CANDIDATE.finditer(text):
            end = match.end()
            if end >= len(text):
                continue
            space, first = match.group(1, 2)
            if space is not None:
                if first in _OPENERS:
                    continue  # only quotes and brackets follow
                if not (first.isupper() or first.isdigit()):
                    continue  # "tahu?” ujarnya", "x. x.": the sentence goes on (decided without a look around)
                if not protection.covers(end) and self._is_boundary(text, match, end + len(space)):
                    cuts.append(end + len(space))
            elif not text[end].isspace() and not protection.covers(end) and self._is_glued_boundary(text, match):
                cuts.append(end)
        cuts.append(len(text))
        spans = []
        for start, end in zip(cuts, cuts[1:]):
            first = _NONSPACE.search(text, start, end)
            if first is None:
                continue
            last = end
            while last > first.start() and text[last - 1].isspace():
                last -= 1
            spans.append((first.start(), last))
        return spans

    def _is_boundary(self, text: str, match: re.Match[str], following: int) -> bool:
        """A boundary after ``match`` when the next word (at ``following``) opens a sentence."""
        openers = _SKIP_OPENERS.match(text, following)  # always matches (possibly nothing)
        word_start = openers.end() if openers else following
        next_word = text[word_start : word_start + MAX_WORD]
        first = next_word[:1]
        if not first or first.islower():
            return False  # "tahu?” ujarnya", "Joko P. di ...": the sentence goes on
        if not (first.isupper() or first.isdigit()):
            return False  # a dash, a bullet or other symbol continues the sentence
        punctuation = match.group().rstrip(_CLOSERS)
        if punctuation != ".":
            return True  # ! ? … and "..." before a capital
        previous = _word_before(text, match.start())
        if previous.endswith(")") or previous.endswith("]"):
            return True  # "(19/6). Ia ..."
        return self._full_stop_ends(text, match.start(), previous, next_word)

    def _full_stop_ends(self, text: str, position: int, previous: str, next_word: str) -> bool:
        lists = self.abbreviations
        if previous in lists.non_final:
            return False
        first_word = _FIRST_WORD.match(next_word)
        opener = first_word is not None and first_word.group().lower() in lists.openers
        if previous in lists.name_suffix:
            return opener
        if _ROMAN.match(previous) and _IDENTIFIER_PIECE.match(next_word):
            return False  # "No. XI. B. 02.00"
        if _INITIALISM.match(previous):
            if previous in _ROMAN_SINGLE and _word_before(text, position - len(previous) - 1)[:1].islower():
                return True  # "kuartal I. Bank ..." is a numeral, not an initial
            return opener
        return True

    def _is_glued_boundary(self, text: str, match: re.Match[str]) -> bool:
        if match.group().rstrip(_CLOSERS) not in {".", "!", "?"}:
            return False
        previous = _word_before(text, match.start())
        token = previous + match.group() + _word_after(text, match.end())
        return bool(
            _GLUED_LEFT.search(previous)
            and "." not in previous
            and previous not in self.abbreviations.non_final
            and _GLUED_RIGHT.match(text, match.end())
            and not _URLISH.search(token)
        )
