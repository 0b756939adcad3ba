"""Translate segments: plan model inputs, use the cache, decode, guard, check terms."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bitext.model import Segment
from bitext.qa.degenerate import degeneracy_flags, redecode_degenerate
from bitext.terms.glossary import Glossary, match_spec
from bitext.translation.base import PendingTranslation, Translator
from bitext.translation.cache import TranslationCache
from bitext.translation.long_inputs import Request, plan_requests

# (done, total) in sentences sent to the model; called before the first and after each batch.
Progress = Callable[[int, int], None]


@dataclass
class TranslationCounts:
    """What :func:`translate_segments` did: model inputs, cache hits, re-decodes."""

    inputs: int = 0  # distinct model inputs (a long sentence's pieces count apart)
    translated: int = 0  # of those, decoded by the model
    cached: int = 0  # of those, found in the cache
    redecoded: int = 0  # decoded again by the degenerate-output guard
    split_segments: int = 0  # segments longer than the model reads, split into pieces
    empty_targets: int = 0
    unproducible_terms: list[str] = field(default_factory=list)  # terms the model's vocabulary cannot spell


def translate_segments(
    segments: Sequence[Segment],
    translator: Translator,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    chunk_size: int | None = None,
) -> TranslationCounts:
    """Fill ``target``, ``status``, flags and glossary matches of ``segments`` in place.

    Identical inputs are translated once; cached ones not at all. The degenerate-output
    guard follows ``translator.settings.degenerate``: ``redecode`` decodes looping or
    runaway outputs again with repetition controls and flags what stays degenerate,
    ``flag`` only flags, ``off`` checks nothing::

        segments, _ = segment_documents(read_documents("seeds/"))
        counts = translate_segments(segments, translator, Glossary.load("glossary/id-en.tsv"))
    """
    for segment in segments:
        segment.terms = glossary.match(segment.source) if glossary else []
    required = sorted({match_spec(match) for segment in segments for match in segment.terms})
    plan, lengths = plan_requests(segments, translator, glossary)
    unique = list(dict.fromkeys(request for requests in plan for request in requests))
    keys = {request: cache.key(request.text, request.terms) for request in unique} if cache is not None else {}
    hits = cache.get_many(keys.values()) if cache is not None else {}
    outputs = {request: hits[keys[request]] for request in unique if cache is not None and keys[request] in hits}
    missing = [request for request in unique if request not in outputs]
    missing.sort(key=lambda request: lengths[request])  # similar lengths share batches
    redecoded = _decode(missing, translator, cache, keys, outputs, progress, chunk_size)
    mode = translator.settings.degenerate
    for segment, requests in zip(segments, plan):
        segment.target = " ".join(outputs[request] for request in requests).strip()
        segment.status = "mt"
        segment.flags = degeneracy_flags(segment.source, segment.target) if mode != "off" else []
        if glossary:
            glossary.check(segment.terms, segment.target)
    return TranslationCounts(
        inputs=len(unique),
        translated=len(missing),
        cached=len(unique) - len(missing),
        redecoded=redecoded,
        split_segments=sum(1 for requests in plan if len(requests) > 1),
        empty_targets=sum(1 for segment in segments if not segment.target),
        unproducible_terms=translator.unproducible(required),
    )


def _decode(missing: list[Request], translator: Translator, cache: TranslationCache | None, keys: dict[Request, str],
            outputs: dict[Request, str], progress: Progress | None, chunk_size: int | None) -> int:
    """Translate ``missing`` into ``outputs`` chunk by chunk, guarded and cached; returns
    how many outputs the guard decoded again.

    A chunk is one round of batches (one per worker) and the unit of the cache: each is
    committed as soon as it is translated, so an interrupt loses at most the batches in
    flight. The next chunk is started before the last one's results are taken, so a
    backend decoding in the background never waits for this loop.
    """
    done = redecoded = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(missing))

    def finish() -> None:
        nonlocal redecoded
        chunk, pending = in_flight.popleft()
        targets = pending.result(advance)
        if translator.settings.degenerate == "redecode":
            redecoded += redecode_degenerate(translator, [r.text for r in chunk], [r.terms for r in chunk], targets)
        outputs.update(zip(chunk, targets))
        if cache is not None:
            cache.put_many((keys[r], r.text, target) for r, target in zip(chunk, targets))

    advance(0)
    chunk_size = even_chunk_size(len(missing), chunk_size or translator.settings.batch_size * translator.parallel_batches)
    in_flight: deque[tuple[list[Request], PendingTranslation]] = deque()
    for start in range(0, len(missing), chunk_size):
        chunk = missing[start : start + chunk_size]
        in_flight.append((chunk, translator.start([r.text for r in chunk], [list(r.terms) for r in chunk])))
        if len(in_flight) > 1:
            finish()
    while in_flight:
        finish()
    return redecoded


def even_chunk_size(count: int, most: int) -> int:
    """A chunk size at most ``most`` that cuts ``count`` inputs into even chunks (160 in
    80 + 80, not 128 + 32): a short last chunk would decode and repair in small batches."""
    chunks = max(1, -(-count // max(1, most)))
    return max(1, -(-count // chunks))
