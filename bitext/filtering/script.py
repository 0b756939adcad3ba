"""Script and character classes: both sides written in Latin letters, and mostly letters.

``source_latin`` / ``target_latin``: the share of a side's letters that are Latin (a
Chinese, Arabic or Cyrillic side is another text); ``source_letters`` /
``target_letters``: the share of a side's characters (spaces left out) that are letters
(a row of numbers, symbols or markup is no sentence). Sides with fewer than
``min_chars`` characters are scored but not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitext.filtering.base import Filter, Pair, Settings, setting


@dataclass
class ScriptSettings(Settings):
    """Thresholds of the ``script`` filter."""

    min_latin: float = setting(0.9, "least share of a side's letters that are Latin")
    min_letters: float = setting(0.5, "least share of a side's characters (spaces left out) that are letters")
    min_chars: int = setting(8, "judge a side only when it has at least this many characters")


_LETTER = re.compile(r"[^\W\d_]")
# Letters outside the Latin blocks (Basic Latin, Latin-1, Extended-A/B, IPA, Extended Additional).
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00c0-\u02af\u1e00-\u1eff]")
_SPACE = re.compile(r"\s")


def character_classes(text: str) -> tuple[float, float]:
    """(share of letters that are Latin, share of non-space characters that are letters)."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0.0, 0.0
    other = len(_OTHER_SCRIPT.findall(text))
    visible = len(text) - len(_SPACE.findall(text))
    return (letters - other) / letters, letters / max(1, visible)


class ScriptFilter(Filter[ScriptSettings]):
    """Both sides mostly Latin letters."""

    name = "script"
    description = "a side in another script, or mostly digits, symbols or markup"
    settings_class = ScriptSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        source_latin, source_letters = character_classes(pair.source)
        target_latin, target_letters = character_classes(pair.target)
        return {"source_latin": source_latin, "target_latin": target_latin,
                "source_letters": source_letters, "target_letters": target_letters}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        for side, text in (("source", pair.source), ("target", pair.target)):
            if len(text.replace(" ", "")) < settings.min_chars:
                continue
            if scores[f"{side}_letters"] < settings.min_letters:
                return f"{side} is {100 * scores[side + '_letters']:.0f}% letters (min {100 * settings.min_letters:.0f}%)"
            if scores[f"{side}_latin"] < settings.min_latin:
                return f"{side} is {100 * scores[side + '_latin']:.0f}% Latin letters (min {100 * settings.min_latin:.0f}%)"
        return None
