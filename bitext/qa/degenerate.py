"""Degenerate machine translation: find it, decode it again, flag what stays degenerate.

opus-mt models are known to loop ("I'm sorry I'm sorry I'm sorry ...") on short or noisy
input, to stop early, and to copy input they cannot translate. Each check below is a
named flag a reviewer sees in the JSONL (``flags``), as TMX properties, PO and XLIFF
notes, in ``glossary check``'s QA report and in the manifest's counts:

* ``repeats``: a word repeated four times running, a phrase of two to six words three
  times running, a longer phrase (up to twenty words) twice running, or one word making up over 40% of ten or more (a loop that repetition
  controls broke up into "Korea Korea X Korea Korea Y ..."); natural text almost never
  does any of these;
* ``too-long`` / ``too-short``: far more or far less text than the source warrants
  (English runs at about 0.8-1.3 times the length of Indonesian in characters; the
  bounds below leave room for names, numbers and glossary terms);
* ``copy``: the source returned unchanged (a sentence of four or more words; a name or
  a short do-not-translate term is a legitimate copy);
* ``empty``: no translation for a source that has words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bitext.model import one_line

# The repetition controls of the second decode (transformers' and CTranslate2's names).
REPETITION_CONTROLS = {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3}
FLAGS = ("repeats", "too-long", "too-short", "copy", "empty")

MAX_RATIO = 2.5  # target characters per source character, above which a target is too long
MIN_RATIO = 0.3  # ... below which it is too short
MIN_SOURCE_CHARS = 20  # shorter sources vary too much in length to judge
MIN_COPY_WORDS = 4
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


MAX_WORD_SHARE = 0.4  # of a translation of MIN_SHARE_WORDS words or more
MIN_SHARE_WORDS = 10


def repeats(words: Sequence[str]) -> bool:
    """A word four times running, a phrase of 2-6 words three times running, one of
    7-20 words twice running, or one word over 40% of ten or more."""
    if len(words) >= MIN_SHARE_WORDS and max(Counter(words).values()) > MAX_WORD_SHARE * len(words):
        return True
    for size in range(1, 21):
        needed = 4 if size == 1 else 3 if size <= 6 else 2  # a long phrase twice running is a loop already
        for start in range(0, len(words) - size * needed + 1):
            phrase = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == phrase for k in range(1, needed)):
                return True
    return False


@dataclass(frozen=True)
class Pair:
    """A source and its translation, measured once for every check."""

    source_words: list[str]
    target_words: list[str]
    source_chars: int
    target_chars: int


@dataclass(frozen=True)
class DegenerateCheck:
    """One named check of the registry: its flag and the test that earns it."""

    flag: str
    test: Callable[[Pair], bool]


def _too_long(pair: Pair) -> bool:
    return pair.source_chars >= MIN_SOURCE_CHARS and pair.target_chars > MAX_RATIO * pair.source_chars + 10


def _too_short(pair: Pair) -> bool:
    return pair.source_chars >= MIN_SOURCE_CHARS and pair.target_chars < MIN_RATIO * pair.source_chars


def _copy(pair: Pair) -> bool:
    return len(pair.source_words) >= MIN_COPY_WORDS and pair.source_words == pair.target_words


# The registry, in the order flags are listed; translate, ``glossary check`` and the
# report all call :func:`degeneracy_flags`, so a check added here reaches all three.
CHECKS: tuple[DegenerateCheck, ...] = (
    DegenerateCheck("repeats", lambda pair: repeats(pair.target_words)),
    DegenerateCheck("too-long", _too_long),
    DegenerateCheck("too-short", _too_short),
    DegenerateCheck("copy", _copy),
)


def degeneracy_flags(source: str, target: str) -> list[str]:
    """The flags (see the module docstring) that ``target`` earns as a translation of ``source``."""
    source_words = _words(source)
    if not target.strip():
        return ["empty"] if source_words else []
    pair = Pair(source_words, _words(target), len(one_line(source)), len(one_line(target)))
    return [check.flag for check in CHECKS if check.test(pair)]


def redecode_degenerate(translator, sources: Sequence[str], terms: Sequence[Sequence[str]],
                        targets: list[str]) -> int:
    """Decode again, once and with repetition controls, every target that repeats or runs
    long (the faults those controls address); keep the new one where it has fewer flags.
    ``targets`` is updated in place; returns how many were decoded again."""
    retry = [i for i, (source, target) in enumerate(zip(sources, targets))
             if {"repeats", "too-long"} & set(degeneracy_flags(source, target))]
    if not retry:
        return 0
    controlled = translator.with_settings(**REPETITION_CONTROLS)
    again = controlled.translate([sources[i] for i in retry], [list(terms[i]) for i in retry])
    for index, target in zip(retry, again):
        if len(degeneracy_flags(sources[index], target)) < len(degeneracy_flags(sources[index], targets[index])):
            targets[index] = target
    return len(retry)
