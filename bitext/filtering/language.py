"""Language identification of both sides, with py3langid.

py3langid (a maintained fork of langid.py; Naive Bayes over byte n-grams, 97 languages)
ships its model inside the package, so nothing is downloaded at run time, and it runs
about 10,000 sentences a second on one core. It was chosen by measuring
(``python benchmarks/language_id.py``): on Indonesian, Malay, English and Indonesian
copied into the English side it was the most accurate of the libraries that bundle
their model and are fast enough (lingua is more accurate on Malay but 30 times slower;
fastText's bundled ``lid.176.ftz`` takes most Malay for Indonesian; CLD3 confuses the two
more often). No detector tells Indonesian from Malay reliably on one sentence, so Malay
counts as the source language by default (``source_accept``).

Scores: ``source_lang`` and ``target_lang``, the probability the detector gives the
accepted languages of that side (normalised over its 97 languages; on clean pairs it is
almost always above 0.5, on a side in another language almost always under 0.03). Texts with fewer than ``min_letters``
letters are scored but not judged (a name or a number has no language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bitext.filtering.base import Filter, Pair, Settings, setting

_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class LanguageSettings(Settings):
    """Thresholds of the ``language`` filter."""

    source_accept: list[str] = setting(["id", "ms"], "languages the source may be detected as "
                                       "(Malay cannot be told from Indonesian on one sentence)")
    target_accept: list[str] = setting(["en"], "languages the target may be detected as")
    min_source: float = setting(0.1, "least probability that the source is in an accepted language")
    min_target: float = setting(0.1, "least probability that the target is in an accepted language")
    min_letters: int = setting(15, "judge a side only when it has at least this many letters")


@lru_cache(maxsize=1)
def identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once, on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        from py3langid.langid import MODEL_DIR

        path = MODEL_DIR / MODEL_FILE
    except ImportError:  # older releases name the full path
        path = MODEL_FILE
    return LanguageIdentifier.from_modelpath(path, norm_probs=True)


@lru_cache(maxsize=1)
def _class_index() -> dict[str, int]:
    return {str(code): number for number, code in enumerate(identifier().nb_classes)}


LID_CHARS = 150  # a side's first characters are enough to tell its language (and time grows with them)


def detect(text: str, accept: list[str]) -> tuple[str, float]:
    """(the most likely language, the probability of the accepted ones together) of ``text``."""
    found = identifier()
    text = text[:LID_CHARS].lower()  # capitals ("KEPADA:", headlines) mislead the byte n-grams
    try:  # one pass gives every language's probability (py3langid's classify keeps only the first)
        probabilities = found._decide(text)
        classes = _class_index()
        best = found.nb_classes[int(probabilities.argmax())]
        return str(best), float(sum(probabilities[classes[code]] for code in accept if code in classes))
    except AttributeError:  # a release without it: rank every language
        ranked = dict(found.rank(text))
        return str(max(ranked, key=ranked.__getitem__)), float(sum(ranked.get(code, 0.0) for code in accept))


class LanguageFilter(Filter[LanguageSettings]):
    """The source in ``source_accept``, the target in ``target_accept``."""

    name = "language"
    description = "a side in another language than the corpus's"
    settings_class = LanguageSettings

    def score(self, pair: Pair) -> dict[str, float]:
        """The pair's scores (see the module docstring)."""
        scores = {}
        for side, text, accept in (("source", pair.source, self.settings.source_accept),
                                   ("target", pair.target, self.settings.target_accept)):
            language, probability = detect(text, accept) if text else ("", 0.0)
            scores[f"{side}_lang"] = probability
            pair.__dict__[f"{side}_language"] = language  # for the reason
        return scores

    def reject(self, pair: Pair, scores: dict[str, float]) -> str | None:
        """Why the scores remove the pair, or None (see the module docstring)."""
        settings = self.settings
        for side, text, least in (("source", pair.source, settings.min_source),
                                  ("target", pair.target, settings.min_target)):
            if len(_LETTER.findall(text)) < settings.min_letters:
                continue
            if scores[f"{side}_lang"] < least:
                found = pair.__dict__.get(f"{side}_language", "?")
                return f"{side} looks like {found!r}, not {'/'.join(getattr(settings, side + '_accept'))}"
        return None
