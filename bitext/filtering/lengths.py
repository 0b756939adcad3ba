"""Length and length ratio: empty or overlong sides, and sides whose lengths disagree.

``length`` removes a pair with a side shorter than ``min_words`` words or longer than
``max_words`` words or ``max_chars`` characters (a page pasted into one cell). ``ratio``
compares the two sides' character and word counts: a translation is about as long as
its source (English is close to Indonesian in characters; Indonesian has fewer, longer
words), so a target much longer (two sentences for one) or much shorter (half of the
translation missing) than the source is suspect. Ratios are judged only once the source
is long enough for them to mean something.
"""

from __future__ import annotations

from dataclasses import dataclass

from bitext.filtering.base import Filter, Pair, Settings, setting


@dataclass
class LengthSettings(Settings):
    """Thresholds of the ``length`` filter."""

    min_words: int = setting(1, "fewest words a side may have")
    max_words: int = setting(250, "most words a side may have")
    max_chars: int = setting(2000, "most characters a side may have")


class LengthFilter(Filter[LengthSettings]):
    """Each side between ``min_words`` and ``max_words`` words, at most ``max_chars`` characters."""

    name = "length"
    description = "a side that is empty, too short or too long"
    settings_class = LengthSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        return {"source_words": len(pair.source_tokens), "target_words": len(pair.target_tokens)}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        for side, text, words in (("source", pair.source, scores["source_words"]),
                                  ("target", pair.target, scores["target_words"])):
            if not text:
                return f"empty {side}"
            if words < settings.min_words:
                return f"{side} has {words:.0f} words (min {settings.min_words})"
            if words > settings.max_words:
                return f"{side} has {words:.0f} words (max {settings.max_words})"
            if len(text) > settings.max_chars:
                return f"{side} has {len(text)} characters (max {settings.max_chars})"
        return None


@dataclass
class RatioSettings(Settings):
    """Thresholds of the ``ratio`` filter."""

    min_char_ratio: float = setting(0.5, "fewest target characters per source character")
    max_char_ratio: float = setting(2.0, "most target characters per source character")
    min_word_ratio: float = setting(0.5, "fewest target words per source word")
    max_word_ratio: float = setting(2.6, "most target words per source word")
    min_source_chars: int = setting(25, "judge ratios only when the source has at least this many characters")


class RatioFilter(Filter[RatioSettings]):
    """Target/source length ratios, in characters and in words, within bounds."""

    name = "ratio"
    description = "target much longer or much shorter than the source"
    settings_class = RatioSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        return {
            "char_ratio": len(pair.target) / max(1, len(pair.source)),
            "word_ratio": len(pair.target_tokens) / max(1, len(pair.source_tokens)),
        }

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        if len(pair.source) < settings.min_source_chars or not pair.target:
            return None
        for name, low, high in (("char_ratio", settings.min_char_ratio, settings.max_char_ratio),
                                ("word_ratio", settings.min_word_ratio, settings.max_word_ratio)):
            value = scores[name]
            if value < low:
                return f"target/source {name.replace('_', ' ')} {value:.2f} (min {low:g})"
            if value > high:
                return f"target/source {name.replace('_', ' ')} {value:.2f} (max {high:g})"
        return None
