"""What every engine shares: the job, chunks of documents, the carry-over plan."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bitext.cleaning.blocks import Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.engines.tally import RunTally
from bitext.errors import OutputError
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.segmentation.sentences import Segmenter
from bitext.terms.glossary import Glossary
from bitext.translation.base import Translator
from bitext.translation.cache import TranslationCache
from bitext.translation.service import Progress


@dataclass
class CarryOver:
    """What a rerun does with each segment; the lists hold the new run's segments."""

    kept: list[Segment] = field(default_factory=list)  # status and target from the store
    retranslated: list[Segment] = field(default_factory=list)  # same source, MT of other settings
    new: list[Segment] = field(default_factory=list)  # new or changed sentences
    set_aside: list[Segment] = field(default_factory=list)  # previous records gone from the input

    @property
    def to_translate(self) -> list[Segment]:
        """The segments the run sends to the model: the retranslated ones, then the new ones."""
        return self.retranslated + self.new

    def counts(self) -> dict[str, int]:
        """How many segments each list holds (and how many kept ones are reviewed), by name."""
        return {
            "kept": len(self.kept),
            "kept_reviewed": sum(1 for segment in self.kept if segment.status == "reviewed"),
            "retranslated": len(self.retranslated),
            "new": len(self.new),
            "set_aside": len(self.set_aside),
        }


class CarryOverPlanning(Protocol):
    """What an engine asks of a rerun's planner (:class:`bitext.project.carry_over.CarryOverPlanner`):
    which segments keep their store record, and which need translating."""

    def plan(self, segments: Sequence[Segment]) -> CarryOver:
        """Fill ``segments`` from matching records of the store; say what to translate."""
        ...

    def left_over(self) -> list[Segment]:
        """Records of the store that no segment took (they are set aside)."""
        ...


CHUNK_PARAGRAPHS = 250  # paragraphs a streamed run cleans, translates and writes at a time (~1,000 sentences)
ENGINES = ("local", "ray")


@dataclass(frozen=True)
class EngineOptions:
    """Where the translate stage runs: this process, or a Ray cluster of translators."""

    name: str = "local"  # local or ray
    workers: int = 2  # ray: translator actors
    threads_per_worker: int = 1  # ray: CPU threads of each actor
    gpus_per_worker: float = 0.0  # ray: GPUs of each actor (0.5 puts two on a GPU)
    address: str | None = None  # ray: an existing cluster ("auto", "ray://host:10001"); None: start one here
    chunk_paragraphs: int = CHUNK_PARAGRAPHS  # paragraphs cleaned, translated and written at a time
    shard_paragraphs: int | None = None  # ray: paragraphs a shard; None: the chunk size


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
    planner: CarryOverPlanning | None
    tally: RunTally
    progress: Progress | None
    folder: Path
    signature: str
    chunk_paragraphs: int = CHUNK_PARAGRAPHS
    input_bytes: int | None = None  # bytes of all the input, when known: a streamed run's ETA scales by it


class ChunkEngine(ABC):
    """Base of the engines. :meth:`chunks` is the public method and the template: it
    checks the job and yields (segments, removals) chunk by chunk, in input order, with
    each chunk's figures added to ``job.tally``; engines implement :meth:`_chunks`."""

    name = "local"
    updates_stores = True  # whether the engine can update a store in place (carry-over)

    def chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        """The translated chunks of ``documents``, in input order."""
        if job.planner is not None and not self.updates_stores:
            raise OutputError(f"--engine {self.name} writes a new store: use an empty output folder or "
                              "--overwrite (updating a store in place runs on the local engine)")
        yield from self._chunks(documents, job)

    @abstractmethod
    def _chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        """Hook: translate the chunks of ``documents`` (see :meth:`chunks`)."""

    def finished(self, folder: Path) -> None:  # noqa: B027 (a hook most engines leave empty)
        """Called once the folder is published (an engine removes its working files)."""

