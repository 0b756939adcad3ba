"""Numbers and names that must agree across the two sides.

A translation keeps its source's figures and names: ``numbers`` is the F1 of the two
sides' numbers of two digits or more (separators left out, so Indonesian "1.500" and
"6,5" meet English "1,500" and "6.5"; one-digit numbers are often written as words and
are left out, and so are numbers glued to letters, "N95", "R0"); ``names`` is the share of the source's names (capitalised words the
lexicon does not know, three letters or more) found in the target, in any case, or as a word of the
same first three letters and about the same length ("Rusia" meets "Russia"; "Jepang" is
a word the lexicon knows, so it is no name here).
Both are 1.0 when there is nothing to compare. A pair is removed when the numbers of
a pair holding at least two disagree, or when it has several names and few of them
reach the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitext.filtering.base import Filter, Pair, Settings, setting

# A number standing alone (not glued to letters as in "N95" or "R0").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![^\W\d_])")


@dataclass
class NumbersSettings(Settings):
    """Thresholds of the ``numbers`` filter."""

    min_numbers: float = setting(0.5, "least F1 of the two sides' numbers")
    numbers_from: int = setting(2, "judge numbers only when the two sides have at least this many between them")
    min_names: float = setting(0.25, "least share of the source's names found in the target")
    names_from: int = setting(3, "judge names only when the source has at least this many")


def numbers_of(text: str) -> set[str]:
    """The numbers of two digits or more in ``text``, separators left out."""
    found = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group()).lstrip("0") or "0"
        if len(digits) >= 2:
            found.add(digits)
    return found


def number_agreement(source: str, target: str) -> tuple[float, int]:
    """(F1 of the two sides' numbers, 1.0 when neither has one; how many numbers they hold)."""
    left, right = numbers_of(source), numbers_of(target)
    if not left and not right:
        return 1.0, 0
    return 2 * len(left & right) / (len(left) + len(right)), len(left) + len(right)


def _found(name: str, target_words: set[str]) -> bool:
    """Whether a name is in the target: the same word, or one of the same first three
    letters and a length within two ("Rusia" and "Russia")."""
    lowered = name.lower()
    if lowered in target_words:
        return True
    return any(word[:3] == lowered[:3] and abs(len(word) - len(lowered)) <= 2 for word in target_words)


class NumbersFilter(Filter[NumbersSettings]):
    """Figures and names of the source found in the target."""

    name = "numbers"
    description = "numbers or names of one side missing from the other"
    settings_class = NumbersSettings

    def names(self, pair: Pair) -> list[str]:
        """The source's names: capitalised words of three letters or more the lexicon does not know."""
        return [token for token in pair.source_tokens
                if len(token) >= 3 and token[0].isupper() and token.isalpha() and not self.lexicon.english_for(token)]

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        names = self.names(pair)
        pair.__dict__["names_count"] = len(set(names))
        if names:
            target_words = {token.lower() for token in pair.target_tokens}
            found = {name for name in names if _found(name, target_words)}
            share = len(found) / len(set(names))
        else:
            share = 1.0
        agreement, pair.__dict__["numbers_count"] = number_agreement(pair.source, pair.target)
        return {"numbers": agreement, "names": share}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        if pair.__dict__.get("numbers_count", 0) >= settings.numbers_from and scores["numbers"] < settings.min_numbers:
            return f"numbers disagree (F1 {scores['numbers']:.2f}, min {settings.min_numbers:g})"
        if pair.__dict__.get("names_count", 0) >= settings.names_from and scores["names"] < settings.min_names:
            return f"{100 * scores['names']:.0f}% of the source's names are in the target (min {100 * settings.min_names:.0f}%)"
        return None
