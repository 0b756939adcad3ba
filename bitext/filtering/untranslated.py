"""Untranslated pairs: the target is the source, or nearly (copied, lightly edited).

``copy`` is the similarity of the two sides (1.0 when their letters and digits are the
same once lowercased, else the Dice coefficient of their word sets: a copy with a few
words edited stays near 1, a translation shares only its names and numbers). A pair of names, numbers or acronyms is
legitimately the same in both languages ("COVID-19", "Kim Jong Un"), so a copy is
removed only when the source holds at least ``min_words`` Indonesian words that the
lexicon translates into something else (text that needed translating).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitext.filtering.base import Filter, Pair, Settings, setting

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass
class UntranslatedSettings(Settings):
    """Thresholds of the ``untranslated`` filter."""

    max_copy: float = setting(0.8, "most similarity of the two sides' letters (1.0: the same text)")
    min_words: int = setting(2, "judge only a source with at least this many words that need translating")


def copy_similarity(source: str, target: str) -> float:
    """Similarity (0..1) of the two texts: 1.0 when their lowercased letters and digits
    are the same, else the Dice coefficient of their lowercased word sets."""
    a, b = _NOT_WORD.sub(" ", source.lower()).split(), _NOT_WORD.sub(" ", target.lower()).split()
    if not a or not b:
        return 0.0
    if "".join(a) == "".join(b):
        return 1.0
    left, right = set(a), set(b)
    return 2 * len(left & right) / (len(left) + len(right))


class UntranslatedFilter(Filter[UntranslatedSettings]):
    """The target must not be (nearly) the source, when the source needed translating."""

    name = "untranslated"
    description = "the target is the source copied, or nearly"
    settings_class = UntranslatedSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        return {"copy": copy_similarity(pair.source, pair.target)}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        if scores["copy"] <= self.settings.max_copy:
            return None
        needing = 0
        for token in pair.source_tokens:
            english = self.lexicon.english_for(token)
            if english and token.lower() not in english:
                needing += 1
                if needing >= self.settings.min_words:
                    return f"target is the source copied (similarity {scores['copy']:.2f}, max {self.settings.max_copy:g})"
        return None
