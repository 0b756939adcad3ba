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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bitext.data import SectionedLists, sectioned_entries

SECTIONS = ("non-final", "name-suffix", "opener")

_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«([`"
_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?])+[" + re.escape(_CLOSERS) + r"]*")
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


@dataclass
class Abbreviations(SectionedLists):
    """The segmenter's word lists, by section."""

    packaged_name = "abbreviations-id.txt"
    what = "abbreviations"
    non_final: set[str] = field(default_factory=set)
    name_suffix: set[str] = field(default_factory=set)
    openers: set[str] = field(default_factory=set)

    def update_from_text(self, text: str, name: str) -> None:
        lists = {"non-final": self.non_final, "name-suffix": self.name_suffix, "opener": self.openers}
        for section, line in sectioned_entries(text, name, SECTIONS, "non-final"):
            word = line.rstrip(".")
            if section == "opener":
                self.openers.add(word.lower())
                continue
            lists[section].add(word)
            if word[:1].islower():
                lists[section].add(word[:1].upper() + word[1:])


def _protected_spans(text: str, quotations: bool = True) -> list[tuple[int, int]]:
    """(open, close) index pairs of closed brackets, and of closed quotations unless
    ``quotations`` is false.

    A straight double quote toggles; curly and guillemet quotes open and close, and a
    closing glyph with nothing open opens (some sites use ” on both sides). Unclosed
    openers are dropped, so a missing closing quote never swallows the paragraph.
    """
    spans: list[tuple[int, int]] = []
    quote_open: int | None = None
    brackets: list[int] = []
    for i, char in enumerate(text):
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


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip(_OPENERS)


def _word_after(text: str, position: int) -> str:
    end = position
    while end < len(text) and not text[end].isspace():
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
        return [text[start:end] for start, end in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences of ``text``, without surrounding whitespace."""
        protected = _protected_spans(text, quotations=self.keep_quotations)
        cuts = [0]
        for match in _CANDIDATE.finditer(text):
            end = match.end()
            if end >= len(text) or any(open_ < end <= close for open_, close in protected):
                continue
            if text[end].isspace():
                following = text[end:].lstrip()
                if following and self._is_boundary(text, match, following):
                    cuts.append(len(text) - len(following))
            elif self._is_glued_boundary(text, match):
                cuts.append(end)
        cuts.append(len(text))
        spans = []
        for start, end in zip(cuts, cuts[1:]):
            chunk = text[start:end]
            stripped = chunk.strip()
            if stripped:
                offset = start + len(chunk) - len(chunk.lstrip())
                spans.append((offset, offset + len(stripped)))
        return spans

    def _is_boundary(self, text: str, match: re.Match[str], following: str) -> bool:
        next_word = following.lstrip(_OPENERS + " ")
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
