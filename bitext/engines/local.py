"""The local engine: chunks cleaned, segmented and translated in this process."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence

from bitext.cleaning.blocks import Removal
from bitext.engines.base import CarryOver, ChunkEngine, ChunkJob, document_chunks
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.qa.degenerate import degeneracy_flags
from bitext.segmentation.documents import segment_documents
from bitext.translation.service import Progress, translate_segments


def translate_chunk(documents: Sequence[Document], job: ChunkJob,
                    progress: Progress | None = None) -> tuple[list[Segment], list[Removal]]:
    """Clean, segment, carry over and translate some documents; their figures go to
    ``job.tally``. ``progress`` replaces the job's (an engine offsets it chunk by chunk)."""
    started = time.perf_counter()
    cleaner = job.cleaner
    repaired_before = cleaner.repaired
    segments, removals = segment_documents(documents, cleaner, job.segmenter)
    segmented = time.perf_counter()
    plan = job.planner.plan(segments) if job.planner is not None else CarryOver(new=list(segments))
    counts = translate_segments(plan.to_translate, job.translator, job.glossary, job.cache, progress)
    glossary = job.glossary
    for segment in plan.kept:  # their targets stand; the glossary may have changed
        segment.terms = glossary.annotate(segment.source, segment.target) if glossary else []
        # A translator's reviewed text is not second-guessed; machine output is checked.
        checked = segment.status == "mt" and job.translator.settings.degenerate != "off"
        segment.flags = degeneracy_flags(segment.source, segment.target) if checked else []
    # Summed over the chunks of a streamed run.
    job.tally.seconds["clean_and_segment"] += segmented - started  # type: ignore[assignment]
    job.tally.seconds["translate"] += time.perf_counter() - segmented  # type: ignore[assignment]
    job.tally.add(documents, segments, removals, counts, plan.counts(), cleaner.repaired - repaired_before)
    return segments, removals


class LocalEngine(ChunkEngine):
    """Chunks translated one after another in this process (the translator's own workers
    run its batches in parallel)."""

    def _chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        done = total = read = 0
        chunks = document_chunks(documents, job.chunk_paragraphs)
        chunk = next(chunks, None)
        while chunk is not None:
            following = next(chunks, None)  # read one ahead: the last chunk's total is the run's
            read += sum(document.size for document in chunk)
            scale = run_scale(read, job.input_bytes) if following is not None else 1.0

            def chunk_progress(chunk_done: int, chunk_total: int, done: int = done, total: int = total,
                               scale: float = scale) -> None:
                if job.progress:
                    job.progress(done + chunk_done, max(done + chunk_done, round((total + chunk_total) * scale)))

            yield translate_chunk(chunk, job, chunk_progress)
            done = total = job.tally.counts["translated"]
            chunk = following


def run_scale(read: int, input_bytes: int | None) -> float:
    """How many times what has been read the whole input is (1.0 when unknown): a
    streamed run's sentences so far, times this, estimate its total (and so its ETA)."""
    if not input_bytes or read <= 0:
        return 1.0
    return max(1.0, input_bytes / read)
