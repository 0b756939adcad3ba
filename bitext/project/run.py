"""The translate pipeline: read -> clean -> segment -> glossary -> translate -> align -> write.

Each stage is importable on its own; :func:`translate_documents` wires them together,
:func:`write_outputs` stages the formats, ``dropped.jsonl``, ``set-aside.jsonl`` and
``manifest.json``, and :func:`translate_into` does the whole run into an output folder:
locked, updating the store already there (reviews are kept), published whole.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext.cleaning.blocks import Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.engines.base import CHUNK_PARAGRAPHS, ChunkEngine, ChunkJob
from bitext.engines.local import LocalEngine, translate_chunk
from bitext.engines.tally import RunTally
from bitext.errors import OutputError
from bitext.files import now_iso
from bitext.formats import get_store
from bitext.formats.base import CorpusInfo, SegmentWriter, TextWriter
from bitext.ingest.reader import Document
from bitext.model import STATUS_FILTERS, Corpus, Segment
from bitext.project.carry_over import CarryOverPlanner
from bitext.project.contents import SET_ASIDE_NAME, read_previous, unapplied_reviews
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME, read_manifest, write_manifest
from bitext.segmentation.sentences import Segmenter
from bitext.signature import make_signature
from bitext.terms.glossary import Glossary
from bitext.translation.base import Translator
from bitext.translation.cache import TranslationCache
from bitext.translation.service import Progress

DROPPED_NAME = "dropped.jsonl"


@dataclass
class TranslationRun:
    corpus: Corpus
    removals: list[Removal]
    stats: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    set_aside: list[Segment] = field(default_factory=list)  # previous records gone from the input


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
