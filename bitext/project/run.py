"""The translate job: read -> clean -> segment -> glossary -> translate -> write, into a
project folder, streamed, published whole.

:class:`TranslateOptions` is the one options object (the library's defaults, once; the
CLI maps flags onto it) and :func:`run_translation` the one translate path::

    options = TranslateOptions(model=TranslationSettings(model="./opus-mt-id-en"), formats=("jsonl", "po"))
    result = run_translation("out/", "seeds/", options)
    print(result.stats.segments, result.written)

Documents are read lazily and translated ``options.engine.chunk_paragraphs`` at a time into
the staged outputs, so memory does not grow with the corpus. The folder is a
:class:`~bitext.project.project.Project`: the store already there is updated (reviews and
drafts kept, gone sentences set aside), every exchange file bitext wrote there is kept up
to date, and a file holding translator edits the store lacks stops the run before
anything is written (``review apply`` brings them in). The translation cache is the resume unit: a stopped run, rerun,
translates only what the cache lacks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext.engines import make_engine
from bitext.engines.base import ChunkEngine, ChunkJob, EngineOptions
from bitext.engines.tally import RunStats, RunTally
from bitext.errors import OutputError, RunInterrupted
from bitext.files import now_iso
from bitext.formats import get_store
from bitext.formats.base import CorpusInfo, SegmentWriter
from bitext.ingest.reader import Document, input_bytes, with_text
from bitext.model import STATUS_FILTERS, Corpus, Segment
from bitext.project.carry_over import CarryOverPlanner
from bitext.project.folder import OutputFolder, check_writable
from bitext.project.manifest import MANIFEST_NAME
from bitext.project.outputs import RecordsWriter, open_writers
from bitext.project.project import SET_ASIDE_NAME, STORE_FORMAT, Project
from bitext.segmentation.documents import TextOptions, is_path_input
from bitext.signature import make_signature
from bitext.terms.defaults import resolve_glossary
from bitext.terms.glossary import Glossary
from bitext.translation.base import TranslationSettings, Translator
from bitext.translation.cache import TranslationCache, model_key
from bitext.translation.service import Progress

DROPPED_NAME = "dropped.jsonl"
CACHE_NAME = "cache.sqlite3"


@dataclass(frozen=True)
class TranslateOptions:
    """Everything a translate job is asked to do, with the library's defaults."""

    model: TranslationSettings = field(default_factory=TranslationSettings)
    formats: tuple[str, ...] = ("tmx", "jsonl")  # the JSONL store is always written
    status: str = "all"  # records the exchange formats hold (the store keeps all)
    glossaries: tuple[str, ...] | None = None  # None: the default glossary; (): none
    cache: str | None = None  # the translation cache file; None: OUT/cache.sqlite3
    use_cache: bool = True
    overwrite: bool = False  # start a new store: discard reviews, drafts and set-aside records
    wait: bool = False  # wait for another bitext process writing the folder
    text: TextOptions = field(default_factory=TextOptions)
    engine: EngineOptions = field(default_factory=EngineOptions)

    def check(self) -> None:
        """Fail on a bad format or status before any work (and before a model loads)."""
        for name in self.formats:
            get_store(name)
        if self.status not in STATUS_FILTERS:
            raise OutputError(f"unknown status filter {self.status!r} (expected {', '.join(STATUS_FILTERS)})")


@dataclass
class TranslationResult:
    """What a translate run did and wrote."""

    folder: Path
    stats: RunStats
    manifest: dict[str, Any]
    written: list[Path]
    glossary: Glossary | None = None
    also_updated: list[str] = field(default_factory=list)  # exchange files kept up to date though not asked for


def run_translation(
    folder: str | Path,
    inputs: str | Path | Iterable[str | Path] | Iterable[Document],
    options: TranslateOptions | None = None,
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> TranslationResult:
    """Translate ``inputs`` (paths of files, folders and corpus files, ``-``, or
    :class:`~bitext.ingest.reader.Document` objects) into the project folder ``folder``.

    ``translator`` is a loaded model to use instead of loading ``options.model``.
    ``progress(done, total)`` follows the sentences sent to the model. Errors are
    :class:`~bitext.errors.BitextError`; Ctrl-C is :class:`~bitext.errors.RunInterrupted`
    saying how many translations of the run the cache kept; either way nothing is published.
    """
    options = options or TranslateOptions()
    options.check()
    timings: dict[str, float] = {}
    documents = with_text(options.text.read(inputs) if is_path_input(inputs) else iter(inputs))  # type: ignore[arg-type]
    paths = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    size = input_bytes(paths) if is_path_input(inputs) else None  # type: ignore[arg-type]
    started = time.perf_counter()
    glossary = resolve_glossary(options.glossaries)
    timings["load_glossary"] = round(time.perf_counter() - started, 3)
    check_writable(folder)  # before a model loads
    if translator is None:
        from bitext.translation import load_translator

        started = time.perf_counter()
        translator = load_translator(options.model)
        timings["load_model"] = round(time.perf_counter() - started, 3)
    run = _Run(Path(folder), options, translator, glossary, progress, size)
    return run.execute(documents, timings)


class _Run:
    """One translate run into one folder (the steps of :func:`run_translation`)."""

    def __init__(self, folder: Path, options: TranslateOptions, translator: Translator, glossary: Glossary | None,
                 progress: Progress | None, input_size: int | None = None) -> None:
        self.folder, self.options, self.translator, self.glossary = folder, options, translator, glossary
        self.progress, self.input_size = progress, input_size
        self.description = translator.describe()
        self.signature = make_signature(self.description, glossary.digest() if glossary else None)
        self.info = CorpusInfo(translator.source_lang, translator.target_lang, self.signature)
        self.cache: TranslationCache | None = None

    def execute(self, documents: Iterator[Document], timings: dict[str, float]) -> TranslationResult:
        """Translate ``documents`` into the folder and publish it; return the run's result.
        Ctrl-C is :class:`RunInterrupted` and an OS error an :class:`OutputError`, each
        saying what the cache kept; the engine cleans up once the folder is published."""
        engine = make_engine(self.options.engine, self.translator.settings)
        try:
            with OutputFolder(self.folder, wait=self.options.wait) as output:
                project = Project(output, self.translator.source_lang, self.translator.target_lang)
                previous, set_aside = self._previous(project)
                with self._opened_cache():
                    result = self._translate(project, documents, previous, set_aside, engine, timings)
                result.written = output.commit()
        except KeyboardInterrupt:
            raise RunInterrupted(f"Interrupted. {self.saved_message()}") from None
        except OSError as error:  # a fault outside bitext's own checks: say what was kept
            raise OutputError(f"{error.strerror or error}. {self.saved_message()}") from None
        engine.finished(self.folder)
        return result

    def saved_message(self) -> str:
        """What an interrupted or failed run kept, counted, not promised."""
        cache = self.cache
        if cache is None:
            return "No outputs were changed."
        if not cache.saved:
            return f"No outputs were changed, and no translation of this run had been saved yet in {cache.path}."
        return (f"No outputs were changed; {cache.saved} translations of this run are saved in {cache.path}: "
                "run the same command again to resume.")

    def _previous(self, project: Project) -> tuple[Corpus | None, list[Segment]]:
        """The store to update and the records set aside before (none with --overwrite),
        after checking the folder's exchange files for translators' edits."""
        if self.options.overwrite:
            return None, []
        project.require_kind("translate", overwrite=False)
        previous = project.read_store()
        set_aside = project.read_set_aside()
        if previous is not None:
            project.refuse_unapplied_edits(project.pending_edits(previous), project.folder / project.store_name)
        return previous, set_aside

    @contextmanager
    def _opened_cache(self) -> Iterator[None]:
        if self.options.use_cache:
            path = Path(self.options.cache) if self.options.cache else self.folder / CACHE_NAME
            self.cache = TranslationCache(path, model_key(self.description))
        try:
            yield
        finally:
            if self.cache is not None:
                self.cache.close()

    def _translate(self, project: Project, documents: Iterator[Document], previous: Corpus | None,
                   set_aside: list[Segment], engine: ChunkEngine, timings: dict[str, float]) -> TranslationResult:
        planner = None
        if previous is not None or set_aside:
            records = [*(previous.segments if previous else []), *set_aside]
            planner = CarryOverPlanner(records, previous.signature if previous else "", self.signature)
        tally = RunTally()
        job = ChunkJob(self.translator, self.options.text.cleaner(), self.options.text.segmenter(), self.glossary,
                       self.cache, planner, tally, self.progress, self.folder, self.signature,
                       self.options.engine.chunk_paragraphs, self.input_size)
        formats = project.exchange_formats([STORE_FORMAT, *self.options.formats])
        outputs = _Outputs(project.output, formats, self.info, self.options.status)
        unchanged = _Unchanged(previous, self.signature)
        with outputs:
            for segments, removals in engine.chunks(documents, job):
                outputs.add(segments, removals, unchanged, tally)
            left = planner.left_over() if planner is not None else []
            tally.counts["set_aside"] = len(left)
            date = project.manifest.get("corpus_date", "") if unchanged.holds(left) else ""
            names = outputs.close(date or now_iso(), left, tally)
        tally.seconds.update(timings)
        stats = tally.stats(self.glossary)
        manifest = self._manifest(project, tally, stats, names, outputs.date)
        project.stage_manifest(manifest)
        also = [name for name in formats if name != STORE_FORMAT and name not in self.options.formats]
        return TranslationResult(self.folder, stats, manifest, [], self.glossary, also)

    def _manifest(self, project: Project, tally: RunTally, stats: RunStats, names: list[str],
                  date: str) -> dict[str, Any]:
        manifest = tally.manifest(self.description, self.signature, self.glossary, stats)
        manifest.update(command="translate", outputs=names + [MANIFEST_NAME], status_filter=self.options.status,
                        corpus_date=date, timings=stats.seconds)
        if project.manifest.get("reviews") and not self.options.overwrite:
            manifest["reviews"] = list(project.manifest["reviews"])
        return manifest


class _Outputs:
    """The run's staged writers: the store, the exchange formats, ``dropped.jsonl`` and
    ``set-aside.jsonl``; all aborted together when anything fails."""

    def __init__(self, output: OutputFolder, formats: Sequence[str], info: CorpusInfo, status: str) -> None:
        self.output, self.info, self.status = output, info, status
        self.writers: dict[str, SegmentWriter] = open_writers(output, formats, info)
        self.date = ""
        try:
            self.dropped = RecordsWriter(output.stage(DROPPED_NAME), info)
        except BaseException:
            for writer in self.writers.values():
                writer.abort()
            raise

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if exc_type is not None:
            self.abort()

    def add(self, segments: Sequence[Segment], removals: Sequence[Any], unchanged: _Unchanged,
            tally: RunTally) -> None:
        """Write one chunk: every segment to the store, those ``--status`` keeps to the rest."""
        started = time.perf_counter()
        keep = STATUS_FILTERS[self.status]
        for segment in segments:
            unchanged.see(segment)
            for name, writer in self.writers.items():
                if name == STORE_FORMAT or segment.status in keep:
                    writer.add(segment)
        for removal in removals:
            self.dropped.add(removal.to_dict())
        tally.seconds["write"] += time.perf_counter() - started  # type: ignore[assignment]

    def close(self, date: str, set_aside: Sequence[Segment], tally: RunTally) -> list[str]:
        """Finish every file dated ``date``; stage or remove ``set-aside.jsonl``."""
        started = time.perf_counter()
        self.date = date
        names = [path.name for writer in self.writers.values() for path in writer.close(date)]
        names += [path.name for path in self.dropped.close(date)]
        if set_aside:
            aside = Corpus(list(set_aside), self.info.source_lang, self.info.target_lang)
            get_store(STORE_FORMAT).write(aside, self.output.stage(SET_ASIDE_NAME))
            names.append(SET_ASIDE_NAME)
        else:
            self.output.remove(SET_ASIDE_NAME)
        tally.seconds["write"] += time.perf_counter() - started  # type: ignore[assignment]
        return names

    def abort(self) -> None:
        """Remove whatever was written; the published files stay as they were."""
        for writer in [*self.writers.values(), self.dropped]:
            writer.abort()


class _Unchanged:
    """Whether a rerun changes no record of the store it updates (then the corpus keeps
    its date and every output its bytes), decided segment by segment."""

    def __init__(self, previous: Corpus | None, signature: str) -> None:
        self.possible = previous is not None and previous.signature == signature
        self.before = {s.id: s.to_dict() for s in previous.segments} if self.possible and previous else {}
        self.order = [s.id for s in previous.segments] if self.possible and previous else []
        self.seen = 0

    def see(self, segment: Segment) -> None:
        """Compare the next segment of the run with the store's record in the same place."""
        if not self.possible:
            return
        if self.seen >= len(self.order) or self.order[self.seen] != segment.id:
            self.possible = False
        elif self.before.get(segment.id) != segment.to_dict():
            self.possible = False
        self.seen += 1

    def holds(self, left: Sequence[Segment]) -> bool:
        """After the last segment: nothing changed, nothing was set aside."""
        return self.possible and not left and self.seen == len(self.order)
