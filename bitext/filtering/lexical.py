"""A lexical translation score: how much of each side the other side explains.

A model-free stand-in for bicleaner's classifier, with the aligner's evidence
(:mod:`bitext.alignment.lexicon`: the shipped FreeDict lexicon plus the glossary,
Indonesian affixes stripped for look-up; names, numbers and acronyms count as their own
translation). ``target_coverage`` is the share of the target's words that some source
word can translate to, ``source_coverage`` the share of the source's words that some
target word can come from, ``lexical`` their harmonic mean (the aligner's bead
similarity). A misaligned pair explains little either way. A translation with half of
it missing, or a target holding a second sentence, explains one half of a side well and
the other half barely: ``halves`` is the lowest coverage of the first and second half of
either side (sides of at least ``half_words`` words), so such pairs stand out even when
the whole-pair score is middling.
"""

from __future__ import annotations

from dataclasses import dataclass

from bitext.alignment.lexicon import ENGLISH_UNMATCHED, english_key
from bitext.filtering.base import Filter, FilterContext, Pair, Settings, setting

_CACHE_LIMIT = 200_000  # look-ups remembered, so memory stays flat however large the corpus


@dataclass
class LexicalSettings(Settings):
    min_lexical: float = setting(0.2, "least harmonic mean of the two coverages")
    min_coverage: float = setting(0.12, "least coverage of either side")
    min_halves: float = setting(0.08, "least coverage of the first or second half of a side")
    half_words: int = setting(8, "judge halves only for sides of at least this many words")


def _halves(flags: list[bool]) -> tuple[float, float]:
    middle = (len(flags) + 1) // 2
    first, second = flags[:middle], flags[middle:]
    return sum(first) / max(1, len(first)), sum(second) / max(1, len(second))


class LexicalFilter(Filter[LexicalSettings]):
    """Both sides explained by the other through the lexicon and glossary."""

    name = "lexical"
    description = "sides that do not translate each other (misaligned, half missing, two for one)"
    settings_class = LexicalSettings

    def __init__(self, settings: Settings | None = None, context: FilterContext | None = None) -> None:
        super().__init__(settings, context)
        self._english: dict[str, tuple[str, set[str]]] = {}
        self._indonesian: dict[str, set[str]] = {}

    def _source_word(self, token: str) -> tuple[str, set[str]]:
        """(comparison key, English keys it may stand for) of an Indonesian token."""
        found = self._english.get(token)
        if found is None:
            if len(self._english) > _CACHE_LIMIT:
                self._english.clear()
            found = self._english[token] = (self.lexicon.indonesian_key(token), self.lexicon.expected_english(token))
        return found

    def _target_word(self, key: str) -> set[str]:
        found = self._indonesian.get(key)
        if found is None:
            if len(self._indonesian) > _CACHE_LIMIT:
                self._indonesian.clear()
            found = self._indonesian[key] = self.lexicon.expected_indonesian(key)
        return found

    def coverage(self, pair: Pair) -> tuple[list[bool], list[bool]]:
        """Per word, in order: whether each source word and each target word is explained."""
        sources = [self._source_word(token.lower()) for token in pair.source_tokens]
        target_keys = [english_key(token) for token in pair.target_tokens]
        target_keys = [key for key in target_keys if key not in ENGLISH_UNMATCHED]
        source_expects: set[str] = set()
        for _, expected in sources:
            source_expects |= expected
        target_expects: set[str] = set()
        for key in target_keys:
            target_expects |= self._target_word(key)
        return [key in target_expects for key, _ in sources], [key in source_expects for key in target_keys]

    def score(self, pair: Pair) -> dict[str, float]:
        source_flags, target_flags = self.coverage(pair)
        r = sum(source_flags) / len(source_flags) if source_flags else 0.0
        p = sum(target_flags) / len(target_flags) if target_flags else 0.0
        halves = min(r, p)
        for flags in (source_flags, target_flags):
            if len(flags) >= self.settings.half_words:
                halves = min(halves, *_halves(flags))
        return {"lexical": 2 * p * r / (p + r) if p + r else 0.0, "source_coverage": r, "target_coverage": p,
                "halves": halves}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        settings = self.settings
        if scores["lexical"] < settings.min_lexical:
            return f"the sides explain little of each other (lexical {scores['lexical']:.2f}, min {settings.min_lexical:g})"
        coverage = min(scores["source_coverage"], scores["target_coverage"])
        if coverage < settings.min_coverage:
            side = "source" if scores["source_coverage"] <= scores["target_coverage"] else "target"
            return f"most of the {side} is unexplained (coverage {coverage:.2f}, min {settings.min_coverage:g})"
        if scores["halves"] < settings.min_halves:
            return (f"half of one side is unexplained (half coverage {scores['halves']:.2f}, "
                    f"min {settings.min_halves:g}): missing or extra text")
        return None
