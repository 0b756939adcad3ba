"""Where pairs are scored: on this process, in worker processes, or on Ray.

:meth:`ScoringEngine.map` (the template) keeps at most ``window`` chunks in flight and
yields results in input order, so memory stays flat however long the input; engines
implement the hooks :meth:`~ScoringEngine.start`, :meth:`~ScoringEngine.submit`,
:meth:`~ScoringEngine.result` and :meth:`~ScoringEngine.stop`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from bitext.filtering.scoring import PairScorer, Scored
from bitext.model import Segment


class ScoringEngine:
    """Base of the engines (see the module docstring)."""

    window = 1  # chunks in flight at once

    def map(self, chunks: Iterable[list[Segment]], scorer: PairScorer) -> Iterator[tuple[list[Segment], list[Scored]]]:
        """(chunk, its results) for every chunk, in order."""
        self.start(scorer)
        try:
            pending: deque[tuple[list[Segment], Any]] = deque()
            for chunk in chunks:
                pending.append((chunk, self.submit(chunk)))
                if len(pending) >= self.window:
                    done, handle = pending.popleft()
                    yield done, self.result(handle)
            while pending:
                done, handle = pending.popleft()
                yield done, self.result(handle)
        finally:
            self.stop()

    def start(self, scorer: PairScorer) -> None:
        """Hook: get ready to score with ``scorer`` (load workers)."""
        self.scorer = scorer

    def submit(self, chunk: list[Segment]) -> Any:
        """Hook: start scoring a chunk; return a handle for :meth:`result`."""
        return self.scorer.score(chunk)

    def result(self, handle: Any) -> list[Scored]:
        """Hook: the results of a submitted chunk (waiting for them)."""
        return handle

    def stop(self) -> None:
        """Hook: release the workers."""


class InProcess(ScoringEngine):
    """Score on this process (small inputs, or with ``--model``: one model in memory)."""


_WORKER_SCORER: PairScorer | None = None


def _score_in_worker(chunk: list[Segment]) -> list[Scored]:
    assert _WORKER_SCORER is not None
    return _WORKER_SCORER.score(chunk)


class WorkerProcesses(ScoringEngine):
    """Score in ``workers`` processes of this machine (forked, so the filters' models
    and lexicon loaded here are shared, not loaded again)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or max(1, os.cpu_count() or 1)
        self.window = 2 * self.workers
        self._pool: Any = None

    def start(self, scorer: PairScorer) -> None:
        """Hook implementation: see :meth:`ScoringEngine.start`."""
        global _WORKER_SCORER
        super().start(scorer)
        scorer.warm_up()
        _WORKER_SCORER = scorer
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = context.Pool(self.workers)

    def submit(self, chunk: list[Segment]) -> Any:
        """Hook implementation: see :meth:`ScoringEngine.submit`."""
        return self._pool.apply_async(_score_in_worker, (chunk,))

    def result(self, handle: Any) -> list[Scored]:
        """Hook implementation: see :meth:`ScoringEngine.result`."""
        return handle.get()

    def stop(self) -> None:
        """Hook implementation: see :meth:`ScoringEngine.stop`."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def local_engine(workers: int | None, with_model: bool) -> ScoringEngine:
    """The engine of a local run: worker processes unless one process is asked for (or a
    model translates, which one process holds)."""
    if with_model or (workers is not None and workers <= 1) or (workers is None and (os.cpu_count() or 1) < 2):
        return InProcess()
    return WorkerProcesses(workers)
