"""Inputs longer than the model reads: planned as clause-sized pieces, never truncated.

MarianMT models read at most ``max_position_embeddings`` tokens (512 for opus-mt); a longer
input would be truncated and half the sentence lost. :func:`split_long` cuts at the
strongest boundary nearest the middle (semicolon, colon, dash, comma, a conjunction, then
any space) and recurses until every piece fits. The pieces, joined with single spaces,
give back the sentence. :func:`plan_requests` gives each segment its model inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bitext.model import Segment
from bitext.terms.glossary import Glossary, match_spec
from bitext.translation.base import Translator


@dataclass(frozen=True)
class Request:
    """One model input: a text and the term specs its translation must contain (the cache key)."""

    text: str
    terms: tuple[str, ...]


def plan_requests(
    segments: Sequence[Segment], translator: Translator, glossary: Glossary | None
) -> tuple[list[list[Request]], dict[Request, int]]:
    """The model inputs of each segment (itself, or its clause-sized pieces when it is
    longer than the model reads: never truncated), and their token counts."""
    limit = translator.max_input_tokens
    lengths = translator.count_tokens([segment.source for segment in segments])
    plan: list[list[Request]] = []
    request_lengths: dict[Request, int] = {}
    for segment, length in zip(segments, lengths):
        if length <= limit:
            request = Request(segment.source, tuple(match_spec(match) for match in segment.terms))
            plan.append([request])
            request_lengths[request] = length
            continue
        pieces = split_long(segment.source, lambda text: translator.count_tokens([text])[0] <= limit)
        requests = [Request(piece, tuple(glossary.required_targets(piece)) if glossary else ()) for piece in pieces]
        request_lengths.update(zip(requests, translator.count_tokens(pieces)))
        plan.append(requests)
    return plan, request_lengths


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
