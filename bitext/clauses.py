"""Split a sentence that is too long for the model at clause boundaries.

MarianMT models read at most ``max_position_embeddings`` tokens (512 for opus-mt); a longer
input would be truncated and half the sentence lost. :func:`split_long` cuts at the
strongest boundary nearest the middle (semicolon, colon, dash, comma, a conjunction, then
any space) and recurses until every piece fits. The pieces, joined with single spaces,
give back the sentence.
"""

from __future__ import annotations

import re
from typing import Callable

# Strongest first. Each pattern matches the gap where a cut may go.
_LEVELS = [
    re.compile(r"(?<=[;])\s+"),
    re.compile(r"(?<=:)\s+"),
    re.compile(r"\s+(?=[–—-]\s)"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=(?:dan|tetapi|namun|sedangkan|sementara|karena|sehingga|yang|bahwa|serta|atau)\s)"),
    re.compile(r"\s+"),
]


def split_long(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Pieces of ``text`` that each satisfy ``fits`` (cut at clause boundaries)."""
    if fits(text):
        return [text]
    for level in _LEVELS:
        gaps = [m for m in level.finditer(text) if 0 < m.start() and m.end() < len(text)]
        if gaps:
            middle = len(text) / 2
            gap = min(gaps, key=lambda m: abs((m.start() + m.end()) / 2 - middle))
            left, right = text[: gap.start()], text[gap.end() :]
            return split_long(left, fits) + split_long(right, fits)
    # One giant token (a URL, a run of digits): cut it in half by characters.
    if len(text) < 2:
        return [text]
    half = len(text) // 2
    return split_long(text[:half], fits) + split_long(text[half:], fits)
