"""The translate pipeline: read -> clean -> segment -> glossary -> translate -> align -> write.

Each stage is importable on its own; :func:`translate_documents` wires them together and
:func:`write_outputs` writes the formats, ``dropped.jsonl`` and ``manifest.json``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from bitext import __version__
from bitext.cache import TranslationCache
from bitext.clauses import split_long
from bitext.clean import Cleaner, Removal
from bitext.formats import get_store
from bitext.formats.base import atomic_output
from bitext.glossary import Glossary, term_accuracy
from bitext.reader import Document
from bitext.segment import Segmenter
from bitext.segments import Corpus, Segment
from bitext.signature import make_signature
from bitext.translate.base import Translator

_NOT_COUNTS = ("seconds", "glossary_files", "unproducible_terms")

# (done, total) in sentences sent to the model; called before the first and after each batch.
Progress = Callable[[int, int], None]


@dataclass
class TranslationRun:
    corpus: Corpus
    removals: list[Removal]
    stats: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)


def segment_documents(
    documents: Sequence[Document], cleaner: Cleaner | None = None, segmenter: Segmenter | None = None
) -> tuple[list[Segment], list[Removal]]:
    """Clean every document and split its kept paragraphs into sentences."""
    cleaner = cleaner or Cleaner()
    segmenter = segmenter or Segmenter()
    segments: list[Segment] = []
    removals: list[Removal] = []
    for document in documents:
        blocks = cleaner.clean(document)
        removals.extend(cleaner.removals(document.doc, blocks))
        for block in blocks:
            if not block.kept:
                continue
            for number, sentence in enumerate(segmenter.split(block.text), 1):
                segments.append(Segment(document.doc, block.paragraph, number, sentence, kind=block.kind))
    return segments, removals


@dataclass(frozen=True)
class _Request:
    text: str
    terms: tuple[str, ...]


def _plan(
    segments: Sequence[Segment], translator: Translator, glossary: Glossary | None
) -> tuple[list[list[_Request]], dict[_Request, int]]:
    """The model inputs of each segment (itself, or its clause-sized pieces when it is
    longer than the model reads: never truncated), and their token counts."""
    limit = translator.max_input_tokens
    lengths = translator.count_tokens([segment.source for segment in segments])
    plan: list[list[_Request]] = []
    request_lengths: dict[_Request, int] = {}
    for segment, length in zip(segments, lengths):
        if length <= limit:
            request = _Request(segment.source, tuple(match.required for match in segment.terms))
            plan.append([request])
            request_lengths[request] = length
            continue
        pieces = split_long(segment.source, lambda text: translator.count_tokens([text])[0] <= limit)
        requests = [_Request(piece, tuple(glossary.required_targets(piece)) if glossary else ()) for piece in pieces]
        request_lengths.update(zip(requests, translator.count_tokens(pieces)))
        plan.append(requests)
    return plan, request_lengths


def translate_segments(
    segments: Sequence[Segment],
    translator: Translator,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    chunk_size: int | None = None,
) -> dict[str, Any]:
    """Fill ``target``, ``status`` and glossary matches of ``segments`` in place.

    Identical inputs are translated once; cached ones not at all. Returns counts.
    """
    for segment in segments:
        segment.terms = glossary.match(segment.source) if glossary else []
    required = sorted({match.required for segment in segments for match in segment.terms})
    plan, lengths = _plan(segments, translator, glossary)
    unique = list(dict.fromkeys(request for requests in plan for request in requests))
    keys = {request: cache.key(request.text, request.terms) for request in unique} if cache is not None else {}
    hits = cache.get_many(keys.values()) if cache is not None else {}
    outputs = {request: hits[keys[request]] for request in unique if cache is not None and keys[request] in hits}
    missing = [request for request in unique if request not in outputs]
    missing.sort(key=lambda request: lengths[request])  # similar lengths share batches
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(missing))

    advance(0)
    # Chunks (four rounds of batches) are the unit of the cache: a killed run loses at most one.
    chunk_size = chunk_size or 4 * translator.settings.batch_size * translator.parallel_batches
    for start in range(0, len(missing), chunk_size):
        chunk = missing[start : start + chunk_size]
        targets = translator.translate([r.text for r in chunk], [list(r.terms) for r in chunk], advance)
        outputs.update(zip(chunk, targets))
        if cache is not None:
            cache.put_many((keys[r], r.text, target) for r, target in zip(chunk, targets))
    for segment, requests in zip(segments, plan):
        segment.target = " ".join(outputs[request] for request in requests).strip()
        segment.status = "mt"
        if glossary:
            glossary.check(segment.terms, segment.target)
    return {
        "inputs": len(unique),
        "translated": len(missing),
        "cached": len(unique) - len(missing),
        "split_segments": sum(1 for requests in plan if len(requests) > 1),
        "empty_targets": sum(1 for segment in segments if not segment.target),
        "unproducible_terms": translator.unproducible(required),
    }


def translate_documents(
    documents: Sequence[Document],
    translator: Translator,
    *,
    cleaner: Cleaner | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
) -> TranslationRun:
    """Run the whole pipeline on documents already read; nothing is written."""
    started = time.perf_counter()
    segments, removals = segment_documents(documents, cleaner, segmenter)
    segmented = time.perf_counter()
    counts = translate_segments(segments, translator, glossary, cache, progress)
    translated = time.perf_counter()
    description = translator.describe()
    signature = make_signature(description, glossary.digest() if glossary else None)
    corpus = Corpus(segments, translator.source_lang, translator.target_lang, signature)
    accuracy = term_accuracy(match for segment in segments for match in segment.terms)
    stats = {
        "documents": len(documents),
        "paragraphs": sum(len(document.paragraphs) for document in documents),
        "segments": len(segments),
        "dropped": len(removals),
        **counts,
        "glossary_files": glossary.files if glossary else [],
        "term_accuracy": accuracy["accuracy"],
        "terms_matched": accuracy["matched"],
        "terms_met": accuracy["met"],
        "seconds": {
            "clean_and_segment": round(segmented - started, 3),
            "translate": round(translated - segmented, 3),
        },
    }
    manifest = {
        "bitext_version": __version__,
        "signature": signature,
        "model": description,
        "glossary": {
            "files": glossary.files if glossary else [],
            "entries": len(glossary) if glossary else 0,
            "hash": glossary.digest() if glossary else None,
            "term_accuracy": accuracy,
        },
        "counts": {name: value for name, value in stats.items() if name not in _NOT_COUNTS},
        "documents": [document.doc for document in documents],
    }
    return TranslationRun(corpus, removals, stats, manifest)


def write_outputs(run: TranslationRun, folder: Path, formats: Sequence[str]) -> list[Path]:
    """Write each format, ``dropped.jsonl`` and ``manifest.json`` into ``folder``."""
    started = time.perf_counter()
    written: list[Path] = []
    for name in dict.fromkeys(formats):
        store = get_store(name)
        written.extend(store.write(run.corpus, store.default_path(folder, run.corpus)))
    dropped = folder / "dropped.jsonl"
    with atomic_output(dropped) as stream:
        for removal in run.removals:
            stream.write(json.dumps(removal.to_dict(), ensure_ascii=False) + "\n")
    written.append(dropped)
    run.stats["seconds"]["write"] = round(time.perf_counter() - started, 3)
    run.manifest["outputs"] = [path.name for path in written] + ["manifest.json"]
    run.manifest["timings"] = run.stats["seconds"]
    manifest = folder / "manifest.json"
    with atomic_output(manifest) as stream:
        json.dump(run.manifest, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    written.append(manifest)
    return written
