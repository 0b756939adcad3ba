"""A lexical translation score: how much of each side the other side explains.

A model-free stand-in for bicleaner's classifier, with the aligner's evidence
(:mod:`bitext.alignment.lexicon`: the shipped FreeDict lexicon plus the glossary,
Indonesian affixes stripped for look-up; names, numbers and acronyms count as their own
translation, and a loanword meets its English source through Indonesian spelling:
"replikasi" and "replication"). Only content words count when both sides have a few
(function words such as "di" and "in" explain any pair a little). ``target_coverage`` is the share of the target's words
that some source word can translate to, ``source_coverage`` the share of the source's
words that some target word can come from, ``lexical`` their harmonic mean (the
aligner's bead similarity): a misaligned pair explains little either way.

Two scores catch a pair with part of one side missing or extra:

* ``imbalance``: the log of the target/source character ratio plus the log of the ratio
  of the two coverages. Half of a translation missing makes the target short *and*
  leaves much of the source unexplained (both terms negative); a target holding a second
  sentence is long and half unexplained (both positive). Clean pairs stay near 0.
* ``sentences``: when a side has several sentences, the coverage of its least explained
  one: a sentence the other side does not translate at all (two for one, one missing).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from bitext.alignment.lexicon import (
    ENGLISH_FUNCTION_WORDS,
    ENGLISH_UNMATCHED,
    WORD_PATTERN,
    cognate_key,
    english_key,
    indonesian_function_words,
)
from bitext.filtering.base import Filter, FilterContext, Pair, Settings, setting

_CACHE_LIMIT = 20_000  # look-ups remembered (the frequent vocabulary), so memory stays flat however large the corpus
_SMOOTHING = 0.05  # added to coverages, so a side nothing explains does not make the log infinite


@dataclass
class LexicalSettings(Settings):
    """Thresholds of the ``lexical`` filter."""

    min_lexical: float = setting(0.1, "least harmonic mean of the two coverages")
    content_words: int = setting(3, "count only content words when both sides have at least this many")
    min_imbalance: float = setting(-0.85, "least imbalance (below: part of the translation missing)")
    max_imbalance: float = setting(0.55, "most imbalance (above: the target holds more than the source)")
    imbalance_words: int = setting(6, "judge imbalance only when the side it finds too long has at least this many words")
    min_sentence: float = setting(0.25, "least coverage of each sentence of a side of several sentences")
    sentence_words: int = setting(3, "judge sentences of at least this many words")


# A sentence end inside a side: terminal punctuation (and closing quotes), a space, a capital.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z])")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words a full stop after which ends no sentence (the segmenter's, and English titles)."""
    from bitext.segmentation.sentences import Abbreviations

    return frozenset(Abbreviations.default().non_final | {"Dr", "Prof", "Mr", "Mrs", "Ms", "St", "Jr", "Sr", "No", "Gen"})


def sentence_lengths(text: str, keep=None) -> list[int]:
    """Words of each sentence of ``text`` (those ``keep`` keeps), in order; a full stop
    after an abbreviation ("Dr.", "Jl.") or an initial ends no sentence."""
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(text):
        if pieces:
            last = pieces[-1].rstrip("\"”’')]").rstrip(".").rsplit(" ", 1)[-1]
            if len(last) == 1 or last in _abbreviations():
                pieces[-1] += " " + piece
                continue
        pieces.append(piece)
    return [sum(1 for token in WORD_PATTERN.findall(piece) if keep is None or keep(token)) for piece in pieces]


def sentence_coverage(flags: list[bool], lengths: list[int], min_words: int) -> float:
    """The lowest coverage of a sentence of at least ``min_words`` words (1.0 for one sentence)."""
    if len(lengths) < 2:
        return 1.0
    lowest, start = 1.0, 0
    for length in lengths:
        part = flags[start : start + length]
        start += length
        if length >= min_words:
            lowest = min(lowest, sum(part) / length)
    return lowest


def _kept_english(token: str) -> bool:
    return english_key(token) not in ENGLISH_FUNCTION_WORDS and english_key(token) not in ENGLISH_UNMATCHED


def _kept_any_english(token: str) -> bool:
    return english_key(token) not in ENGLISH_UNMATCHED


def _kept_indonesian(token: str) -> bool:
    return token.lower() not in indonesian_function_words()


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

    def coverage(self, pair: Pair) -> tuple[list[bool], list[bool], bool]:
        """Per word, in order: whether each source word and each target word is explained
        (by the lexicon, as its own translation, or as a loanword of the other side's).
        Content words only (function words explain any pair a little), unless a side has
        fewer than ``content_words`` of them: then every word. The last value says which."""
        source_tokens = [token for token in pair.source_tokens if _kept_indonesian(token)]
        target_tokens = [token for token in pair.target_tokens if _kept_english(token)]
        content = min(len(source_tokens), len(target_tokens)) >= self.settings.content_words
        if not content:
            source_tokens = list(pair.source_tokens)
            target_tokens = [token for token in pair.target_tokens if _kept_any_english(token)]
        source_tokens = [token.lower() for token in source_tokens]
        sources = [self._source_word(token) for token in source_tokens]
        target_keys = [english_key(token) for token in target_tokens]
        source_expects: set[str] = set()
        for _, expected in sources:
            source_expects |= expected
        target_expects: set[str] = set()
        for key in target_keys:
            target_expects |= self._target_word(key)
        source_cognates = {cognate_key(token) for token in source_tokens} - {""}
        target_cognates = {cognate_key(token) for token in target_tokens} - {""}
        return ([key in target_expects or cognate_key(token) in target_cognates
                 for (key, _), token in zip(sources, source_tokens)],
                [key in source_expects or cognate_key(token) in source_cognates
                 for key, token in zip(target_keys, target_tokens)], content)

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        source_flags, target_flags, content = self.coverage(pair)
        r = sum(source_flags) / len(source_flags) if source_flags else 0.0
        p = sum(target_flags) / len(target_flags) if target_flags else 0.0
        char_ratio = max(1, len(pair.target)) / max(1, len(pair.source))
        imbalance = math.log(char_ratio) + math.log((r + _SMOOTHING) / (p + _SMOOTHING))
        keep_source, keep_target = (_kept_indonesian, _kept_english) if content else (None, _kept_any_english)
        sentences = min(
            sentence_coverage(source_flags, sentence_lengths(pair.source, keep_source), self.settings.sentence_words),
            sentence_coverage(target_flags, sentence_lengths(pair.target, keep_target), self.settings.sentence_words))
        return {"lexical": 2 * p * r / (p + r) if p + r else 0.0, "source_coverage": r, "target_coverage": p,
                "imbalance": imbalance, "sentences": sentences}

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        if scores["lexical"] < settings.min_lexical:
            return f"the sides explain little of each other (lexical {scores['lexical']:.2f}, min {settings.min_lexical:g})"
        # A short target is judged (half of it may be missing); a short source is not.
        if len(pair.source_tokens) >= settings.imbalance_words and scores["imbalance"] < settings.min_imbalance:
            return (f"the target is short and leaves the source half unexplained (imbalance {scores['imbalance']:.2f}, "
                    f"min {settings.min_imbalance:g}): part of the translation missing")
        if len(pair.target_tokens) >= settings.imbalance_words and scores["imbalance"] > settings.max_imbalance:
            return (f"the target is long and half unexplained (imbalance {scores['imbalance']:.2f}, "
                    f"max {settings.max_imbalance:g}): it holds more than the source")
        if scores["sentences"] < settings.min_sentence:
            return (f"a sentence of one side is unexplained (sentence coverage {scores['sentences']:.2f}, "
                    f"min {settings.min_sentence:g}): two for one, or one missing")
        return None
