"""The translate pipeline: read -> clean -> segment -> glossary -> translate -> align -> write.

Each stage is importable on its own; :func:`translate_documents` wires them together,
:func:`write_outputs` stages the formats, ``dropped.jsonl``, ``set-aside.jsonl`` and
``manifest.json``, and :func:`translate_into` does the whole run into an output folder:
locked, updating the store already there (reviews are kept), published whole.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from bitext import __version__
from bitext.cache import TranslationCache
from bitext.clauses import split_long
from bitext.clean import Cleaner, Removal
from bitext.errors import OutputError
from bitext.formats import get_store
from bitext.formats.base import CorpusInfo, SegmentWriter, TextWriter, atomic_output, now_iso
from bitext.glossary import Glossary, accuracy_from_counts, match_spec
from bitext.publish import OutputFolder
from bitext.quality import degeneracy_flags, redecode_degenerate
from bitext.reader import Document
from bitext.segment import Segmenter
from bitext.segments import STATUS_FILTERS, Corpus, Segment
from bitext.signature import make_signature
from bitext.translate.base import Translator
from bitext.update import SET_ASIDE_NAME, CarryOver, CarryOverPlanner, read_previous, unapplied_reviews

_NOT_COUNTS = ("seconds", "glossary_files", "unproducible_terms")
MANIFEST_NAME = "manifest.json"
DROPPED_NAME = "dropped.jsonl"

# (done, total) in sentences sent to the model; called before the first and after each batch.
Progress = Callable[[int, int], None]


@dataclass
class TranslationRun:
    corpus: Corpus
    removals: list[Removal]
    stats: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    set_aside: list[Segment] = field(default_factory=list)  # previous records gone from the input


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
            request = _Request(segment.source, tuple(match_spec(match) for match in segment.terms))
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
    required = sorted({match_spec(match) for segment in segments for match in segment.terms})
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
    redecoded = 0
    # A chunk is one round of batches (one per worker) and the unit of the cache: each is
    # committed as soon as it is translated, so an interrupt loses at most the batches in flight.
    chunk_size = chunk_size or translator.settings.batch_size * translator.parallel_batches
    for start in range(0, len(missing), chunk_size):
        chunk = missing[start : start + chunk_size]
        targets = translator.translate([r.text for r in chunk], [list(r.terms) for r in chunk], advance)
        redecoded += redecode_degenerate(translator, [r.text for r in chunk], [r.terms for r in chunk], targets)
        outputs.update(zip(chunk, targets))
        if cache is not None:
            cache.put_many((keys[r], r.text, target) for r, target in zip(chunk, targets))
    for segment, requests in zip(segments, plan):
        segment.target = " ".join(outputs[request] for request in requests).strip()
        segment.status = "mt"
        segment.flags = degeneracy_flags(segment.source, segment.target)
        if glossary:
            glossary.check(segment.terms, segment.target)
    return {
        "redecoded": redecoded,
        "inputs": len(unique),
        "translated": len(missing),
        "cached": len(unique) - len(missing),
        "split_segments": sum(1 for requests in plan if len(requests) > 1),
        "empty_targets": sum(1 for segment in segments if not segment.target),
        "unproducible_terms": translator.unproducible(required),
    }


class RunTally:
    """The figures of a run, added chunk by chunk (a streamed run never holds them all)."""

    LISTED_DOCUMENTS = 1_000  # the manifest names at most this many documents (it counts them all)

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.flags: Counter = Counter()
        self.term_total: Counter = Counter()
        self.term_met: Counter = Counter()
        self.unproducible: set[str] = set()
        self.seconds: Counter = Counter()
        self.documents: list[str] = []

    def add(self, documents: Sequence[Document], segments: Sequence[Segment], removals: Sequence[Removal],
            counts: dict[str, Any], plan_counts: dict[str, int], repaired: int) -> None:
        self.counts.update({
            "documents": len(documents),
            "paragraphs": sum(len(document.paragraphs) for document in documents),
            "segments": len(segments),
            "dropped": len(removals),
            "repaired_paragraphs": repaired,  # mojibake put right
            "html_discarded_lines": sum(document.discarded for document in documents),  # left out by the extractor
            **{name: value for name, value in counts.items() if name != "unproducible_terms"},
            **plan_counts,
            "flagged": sum(1 for segment in segments if segment.flags),
        })
        self.unproducible.update(counts.get("unproducible_terms", ()))
        self.flags.update(flag for segment in segments for flag in segment.flags)
        for segment in segments:
            for match in segment.terms:
                self.term_total[match.term] += 1
                self.term_met[match.term] += bool(match.met)
        room = self.LISTED_DOCUMENTS - len(self.documents)
        self.documents.extend(document.doc for document in documents[:max(0, room)])

    def accuracy(self) -> dict[str, Any]:
        return accuracy_from_counts(self.term_total, self.term_met)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON) for a tally made elsewhere (a worker's shard)."""
        return {"counts": dict(self.counts), "flags": dict(self.flags), "term_total": dict(self.term_total),
                "term_met": dict(self.term_met), "unproducible": sorted(self.unproducible),
                "seconds": dict(self.seconds), "documents": list(self.documents)}

    def merge(self, data: dict[str, Any]) -> None:
        """Add a tally given as :meth:`to_dict`."""
        self.counts.update(data["counts"])
        self.flags.update(data["flags"])
        self.term_total.update(data["term_total"])
        self.term_met.update(data["term_met"])
        self.unproducible.update(data["unproducible"])
        self.seconds.update(data["seconds"])
        room = self.LISTED_DOCUMENTS - len(self.documents)
        self.documents.extend(data["documents"][: max(0, room)])

    def stats(self, glossary: Glossary | None) -> dict[str, Any]:
        accuracy = self.accuracy()
        stats = {name: self.counts.get(name, 0) for name in _COUNT_ORDER}
        stats.update({
            "unproducible_terms": sorted(self.unproducible),
            "flags": dict(self.flags),
            "glossary_files": glossary.files if glossary else [],
            "term_accuracy": accuracy["accuracy"],
            "terms_matched": accuracy["matched"],
            "terms_met": accuracy["met"],
            "seconds": {name: round(value, 3) for name, value in self.seconds.items()},
        })
        return stats

    def manifest(self, description: dict[str, Any], signature: str, glossary: Glossary | None,
                 stats: dict[str, Any]) -> dict[str, Any]:
        return {
            "bitext_version": __version__,
            "signature": signature,
            "model": description,
            "glossary": {
                "files": glossary.files if glossary else [],
                "entries": len(glossary) if glossary else 0,
                "hash": glossary.digest() if glossary else None,
                "term_accuracy": self.accuracy(),
            },
            "counts": {name: value for name, value in stats.items() if name not in _NOT_COUNTS},
            "documents": list(self.documents),
        }


_COUNT_ORDER = (
    "documents", "paragraphs", "segments", "dropped", "repaired_paragraphs", "html_discarded_lines", "redecoded",
    "inputs", "translated", "cached", "split_segments", "empty_targets", "kept", "kept_reviewed", "retranslated",
    "new", "set_aside", "flagged",
)


def translate_chunk(
    documents: Sequence[Document], translator: Translator, cleaner: Cleaner, segmenter: Segmenter | None,
    glossary: Glossary | None, cache: TranslationCache | None, progress: Progress | None,
    planner: CarryOverPlanner | None, tally: RunTally,
) -> tuple[list[Segment], list[Removal]]:
    """Clean, segment, carry over and translate some documents; their figures go to ``tally``."""
    started = time.perf_counter()
    repaired_before = cleaner.repaired
    segments, removals = segment_documents(documents, cleaner, segmenter)
    segmented = time.perf_counter()
    plan = planner.plan(segments) if planner is not None else CarryOver(new=list(segments))
    counts = translate_segments(plan.to_translate, translator, glossary, cache, progress)
    for segment in plan.kept:  # their targets stand; the glossary may have changed
        segment.terms = glossary.check(glossary.match(segment.source), segment.target) if glossary else []
        # A translator's reviewed text is not second-guessed; machine output is checked.
        segment.flags = degeneracy_flags(segment.source, segment.target) if segment.status == "mt" else []
    tally.seconds.update({"clean_and_segment": segmented - started, "translate": time.perf_counter() - segmented})
    tally.add(documents, segments, removals, counts, plan.counts(), cleaner.repaired - repaired_before)
    return segments, removals


def _planner(previous: Corpus | None, set_aside: Sequence[Segment], signature: str) -> CarryOverPlanner | None:
    if previous is None and not set_aside:
        return None
    records = [*(previous.segments if previous else []), *set_aside]
    return CarryOverPlanner(records, previous.signature if previous else "", signature)


def translate_documents(
    documents: Sequence[Document],
    translator: Translator,
    *,
    cleaner: Cleaner | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    previous: Corpus | None = None,
    set_aside: Sequence[Segment] = (),
) -> TranslationRun:
    """Run the whole pipeline on documents already read, in memory; nothing is written.
    (:func:`translate_into` streams a corpus of any size to a folder.)

    With ``previous`` (the store of an earlier run, and the records it had set aside),
    segments whose source is unchanged keep their status and target (see
    :mod:`bitext.update`); only the rest is translated.
    """
    documents = list(documents)
    description = translator.describe()
    signature = make_signature(description, glossary.digest() if glossary else None)
    planner = _planner(previous, set_aside, signature)
    tally = RunTally()
    segments, removals = translate_chunk(documents, translator, cleaner or Cleaner(), segmenter, glossary, cache,
                                          progress, planner, tally)
    corpus = Corpus(segments, translator.source_lang, translator.target_lang, signature)
    left = planner.left_over() if planner is not None else []
    tally.counts["set_aside"] = len(left)
    stats = tally.stats(glossary)
    return TranslationRun(corpus, removals, stats, tally.manifest(description, signature, glossary, stats), left)


def write_outputs(
    run: TranslationRun, folder: Path | OutputFolder, formats: Sequence[str], status: str = "all",
    history: Sequence[dict[str, Any]] = (),
) -> list[Path]:
    """Write each format, ``dropped.jsonl``, ``set-aside.jsonl`` and ``manifest.json``.

    ``folder`` is an :class:`OutputFolder` (files are staged; the caller commits) or a
    path (a folder is opened, written and published here). ``status`` (``all``,
    ``reviewed``, ``mt``) filters the exchange formats; the JSONL store keeps every
    record, since it is what a rerun updates. ``history`` is the review history to keep.
    """
    if not isinstance(folder, OutputFolder):
        with OutputFolder(folder) as opened:
            write_outputs(run, opened, formats, status, history)
            return opened.commit()
    started = time.perf_counter()
    names: list[str] = []
    for name in dict.fromkeys(formats):
        store = get_store(name)
        corpus = run.corpus if name == "jsonl" else run.corpus.with_status(status)
        target = store.default_path(folder.folder, run.corpus).name
        names.extend(path.name for path in store.write(corpus, folder.stage(target)))
    dropped = _RecordsWriter(folder.stage(DROPPED_NAME), CorpusInfo.of(run.corpus))
    for removal in run.removals:
        dropped.add(removal.to_dict())
    names += [path.name for path in dropped.close()]
    names += _stage_set_aside(folder, run.set_aside, CorpusInfo.of(run.corpus))
    run.stats["seconds"]["write"] = round(time.perf_counter() - started, 3)
    run.manifest["outputs"] = names + [MANIFEST_NAME]
    run.manifest["status_filter"] = status
    run.manifest["corpus_date"] = run.corpus.date or now_iso()
    run.manifest["timings"] = run.stats["seconds"]
    if history:
        run.manifest["reviews"] = list(history)
    write_manifest(folder.stage(MANIFEST_NAME), run.manifest)
    return [folder.folder / name for name in names + [MANIFEST_NAME]]


def _stage_set_aside(output: OutputFolder, records: Sequence[Segment], info: CorpusInfo) -> list[str]:
    """Stage ``set-aside.jsonl`` (or remove the old one when nothing is set aside)."""
    if not records:
        output.remove(SET_ASIDE_NAME)
        return []
    get_store("jsonl").write(Corpus(list(records), info.source_lang, info.target_lang), output.stage(SET_ASIDE_NAME))
    return [SET_ASIDE_NAME]


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    with atomic_output(path) as stream:
        json.dump(manifest, stream, ensure_ascii=False, indent=2)
        stream.write("\n")


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an output folder, or {} when there is none or it is unreadable."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


CHUNK_PARAGRAPHS = 250  # paragraphs a streamed run cleans, translates and writes at a time (~1,000 sentences)


def document_chunks(documents: Iterable[Document], paragraphs: int) -> Iterator[list[Document]]:
    """Whole documents, grouped until a group holds at least ``paragraphs`` paragraphs
    (the unit an engine cleans, translates and writes at a time)."""
    chunk: list[Document] = []
    size = 0
    for document in documents:
        chunk.append(document)
        size += len(document.paragraphs)
        if size >= paragraphs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass
class ChunkJob:
    """What an engine needs to turn documents into translated segments."""

    translator: Translator
    cleaner: Cleaner
    segmenter: Segmenter | None
    glossary: Glossary | None
    cache: TranslationCache | None
    planner: CarryOverPlanner | None
    tally: RunTally
    progress: Progress | None
    folder: Path
    signature: str
    chunk_paragraphs: int = CHUNK_PARAGRAPHS


class ChunkEngine:
    """Base of the engines: :meth:`chunks` yields (segments, removals) chunk by chunk, in
    input order, with each chunk's figures added to ``job.tally``."""

    def chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        raise NotImplementedError

    def finished(self, folder: Path) -> None:
        """Called once the folder is published (an engine removes its working files)."""


class LocalEngine(ChunkEngine):
    """Chunks translated one after another in this process (the translator's own workers
    run its batches in parallel)."""

    def chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        done = total = 0
        for chunk in document_chunks(documents, job.chunk_paragraphs):
            def chunk_progress(chunk_done: int, chunk_total: int) -> None:
                if job.progress:
                    job.progress(done + chunk_done, total + chunk_total)

            yield translate_chunk(chunk, job.translator, job.cleaner, job.segmenter, job.glossary, job.cache,
                                   chunk_progress, job.planner, job.tally)
            done = total = job.tally.counts["translated"]


class _RecordsWriter(TextWriter):
    """JSON lines of plain records (``dropped.jsonl``), streamed."""

    def render(self, record: dict[str, Any]) -> str:
        return json.dumps(record, ensure_ascii=False) + "\n"


def translate_into(
    folder: str | Path,
    documents: Iterable[Document],
    translator: Translator,
    *,
    formats: Sequence[str] = ("tmx", "jsonl"),
    status: str = "all",
    overwrite: bool = False,
    wait: bool = False,
    open_cache: Callable[[Path], TranslationCache | None] | None = None,
    timings: dict[str, float] | None = None,
    chunk_paragraphs: int = CHUNK_PARAGRAPHS,
    cleaner: Cleaner | None = None,
    segmenter: Segmenter | None = None,
    glossary: Glossary | None = None,
    progress: Progress | None = None,
    engine: ChunkEngine | None = None,
) -> tuple[TranslationRun, list[Path]]:
    """Translate ``documents`` (any iterable, read lazily) into ``folder`` as one locked,
    all-or-nothing update, streamed: documents are cleaned, translated and written
    ``chunk_paragraphs`` at a time into the staged outputs, so memory does not grow
    with the corpus (the store being updated, when there is one, is held to match
    against). The cache is the resume unit: a run that stops is rerun and translates
    only what the cache lacks.

    Without ``overwrite``, the store already in the folder is updated: reviewed records
    are kept, records no longer in the input are set aside, and the review history of the
    manifest is kept. A PO, XLIFF or TMX in the folder holding translator edits the store
    lacks is an error (apply it first), since rewriting it would lose them.
    ``open_cache(folder)`` opens the translation cache once the folder is locked.
    ``timings`` (seconds spent before this call, as loading the model) join the run's.
    ``engine`` translates the chunks: :class:`LocalEngine` (default) in this process,
    :class:`bitext.ray_engine.RayEngine` on a Ray cluster; writing is the same for both.
    The returned run has the figures and manifest; its corpus is on disk, not in memory.
    """
    folder = Path(folder)
    cleaner = cleaner or Cleaner()
    engine = engine or LocalEngine()
    description = translator.describe()
    signature = make_signature(description, glossary.digest() if glossary else None)
    info = CorpusInfo(translator.source_lang, translator.target_lang, signature)
    with OutputFolder(folder, wait=wait) as output:
        previous, set_aside, old_manifest = None, [], {}
        if not overwrite:
            previous, set_aside = read_previous(folder, translator.source_lang, translator.target_lang)
            _refuse_unapplied_reviews(folder, previous)
            old_manifest = read_manifest(folder) if previous is not None else {}
        planner = _planner(previous, set_aside, signature)
        unchanged = _Unchanged(previous, signature)
        cache = open_cache(folder) if open_cache else None
        writers = _open_writers(output, formats, info)
        dropped = _RecordsWriter(output.stage(DROPPED_NAME), info)
        tally = RunTally()
        try:
            job = ChunkJob(translator, cleaner, segmenter, glossary, cache, planner, tally, progress, folder,
                           signature, chunk_paragraphs)
            for segments, removals in engine.chunks(documents, job):
                started = time.perf_counter()
                for segment in segments:
                    unchanged.see(segment)
                    for name, writer in writers.items():
                        if name == "jsonl" or segment.status in STATUS_FILTERS[status]:
                            writer.add(segment)
                for removal in removals:
                    dropped.add(removal.to_dict())
                tally.seconds["write"] += time.perf_counter() - started
            _refuse_empty(tally)
            left = planner.left_over() if planner is not None else []
            tally.counts["set_aside"] = len(left)
            date = old_manifest.get("corpus_date", "") if unchanged.holds(left) else ""
            date = date or now_iso()
            started = time.perf_counter()
            names = [path.name for writer in writers.values() for path in writer.close(date)]
            names += [path.name for path in dropped.close(date)]
            names += _stage_set_aside(output, left, info)
            tally.seconds["write"] += time.perf_counter() - started
        except BaseException:
            for writer in [*writers.values(), dropped]:
                writer.abort()
            raise
        finally:
            if cache is not None:
                cache.close()
        tally.seconds.update(timings or {})
        stats = tally.stats(glossary)
        manifest = tally.manifest(description, signature, glossary, stats)
        manifest.update(outputs=names + [MANIFEST_NAME], status_filter=status, corpus_date=date, timings=stats["seconds"])
        if old_manifest.get("reviews"):
            manifest["reviews"] = list(old_manifest["reviews"])
        write_manifest(output.stage(MANIFEST_NAME), manifest)
        run = TranslationRun(Corpus([], info.source_lang, info.target_lang, signature, date), [], stats, manifest, left)
        written = output.commit()
    engine.finished(folder)
    return run, written


def _open_writers(output: OutputFolder, formats: Sequence[str], info: CorpusInfo) -> dict[str, SegmentWriter]:
    writers: dict[str, SegmentWriter] = {}
    try:
        for name in dict.fromkeys(formats):
            store = get_store(name)
            writers[name] = store.open_writer(output.stage(store.default_path(output.folder, info.corpus()).name), info)
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    return writers


def _refuse_empty(tally: RunTally) -> None:
    from bitext.errors import InputError

    if not tally.counts["documents"]:
        raise InputError("no input given")
    if not tally.counts["paragraphs"]:
        shown = ", ".join(tally.documents[:3])
        raise InputError(f"the input holds no text ({shown}{', ...' if tally.counts['documents'] > 3 else ''})")


class _Unchanged:
    """Whether a rerun changes no record of the store it updates (then the corpus keeps
    its date and every output its bytes), decided segment by segment."""

    def __init__(self, previous: Corpus | None, signature: str) -> None:
        self.possible = previous is not None and previous.signature == signature
        self.before = {s.id: s.to_dict() for s in previous.segments} if self.possible and previous else {}
        self.order = [s.id for s in previous.segments] if self.possible and previous else []
        self.seen = 0

    def see(self, segment: Segment) -> None:
        if not self.possible:
            return
        if self.seen >= len(self.order) or self.order[self.seen] != segment.id:
            self.possible = False
        elif self.before.get(segment.id) != segment.to_dict():
            self.possible = False
        self.seen += 1

    def holds(self, left: Sequence[Segment]) -> bool:
        return self.possible and not left and self.seen == len(self.order)


def _refuse_unapplied_reviews(folder: Path, previous: Corpus | None) -> None:
    store = previous or Corpus([])
    found = unapplied_reviews(folder, store)
    if found:
        path, ids = found[0]
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        raise OutputError(
            f"{path} holds {len(ids)} translator edit(s) not in the store ({shown}); bring them in with "
            f"`bitext review apply {path} <store>.jsonl` first, or pass --overwrite to discard them"
        )


