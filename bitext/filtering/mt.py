"""With ``--model``: how close the machine translation of the source is to the target.

The signal ``bitext align --model`` adds to its beads (Bleualign's idea): ``mt_overlap``
is the F1 of the light English stems of the MT and of the target. Sources are
translated a chunk at a time, through the same translator and cache as ``bitext
translate``. Without a model this filter is off.
"""

from __future__ import annotations

from dataclasses import dataclass

from bitext.alignment.lexicon import WORD_PATTERN, english_key
from bitext.filtering.base import Filter, Pair, Settings, setting


@dataclass
class MtSettings(Settings):
    """Thresholds of the ``mt`` filter."""

    min_overlap: float = setting(0.15, "least F1 of the words of the source's MT and of the target")


def english_overlap(first: str, second: str) -> float:
    """F1 of the sets of light English stems of two English texts."""
    left = {english_key(token) for token in WORD_PATTERN.findall(first)}
    right = {english_key(token) for token in WORD_PATTERN.findall(second)}
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


class MtFilter(Filter[MtSettings]):
    """The target close to the machine translation of the source."""

    name = "mt"
    description = "the target far from the machine translation of the source (with --model)"
    settings_class = MtSettings

    def prepare(self, pairs: list[Pair]) -> None:
        """Translate the chunk's sources in one batch."""
        translate = self.context.translate
        if translate is None:
            return
        for pair, translation in zip(pairs, translate([pair.source for pair in pairs])):
            pair.__dict__["mt"] = translation

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        translation = pair.__dict__.get("mt")
        if translation is None:
            return {}
        return {"mt_overlap": english_overlap(translation, pair.target)}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        if "mt_overlap" in scores and scores["mt_overlap"] < self.settings.min_overlap:
            return f"the target is far from the source's MT (overlap {scores['mt_overlap']:.2f}, min {self.settings.min_overlap:g})"
        return None
