"""``bitext filter --engine ray``: pairs scored by Ray actors, on this machine or a cluster.

As ``translate --engine ray`` does for translation: each actor builds the filters once
(language model, lexicon and glossary) and scores whole chunks; the driver submits
chunks round-robin, keeps a bounded number in flight and takes results back in input
order, so the duplicate index, the spool and the outputs are the same as on the local
engine (tested). ``ray.init()`` starts Ray here unless ``address`` names a cluster.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from bitext.errors import BitextError
from bitext.filtering.engines import ScoringEngine
from bitext.filtering.scoring import PairScorer, Scored
from bitext.model import Segment


class _ChunkScorer:
    """The actor: a :class:`PairScorer` built once from the driver's."""

    def __init__(self, scorer: PairScorer) -> None:
        self.scorer = scorer

    def score(self, chunk: list[Segment]) -> list[Scored]:
        """The results of one chunk."""
        return self.scorer.score(chunk)


class RayScoring(ScoringEngine):
    """Score chunks on ``workers`` Ray actors (see the module docstring)."""

    def __init__(self, workers: int = 2, address: str | None = None) -> None:
        self.workers = max(1, workers)
        self.address = address
        self.window = 2 * self.workers
        self._actors: list[Any] = []
        self._next = 0

    def start(self, scorer: PairScorer) -> None:
        """Hook implementation: see :meth:`ScoringEngine.start`."""
        try:
            import ray
        except ImportError:
            raise BitextError("--engine ray needs Ray: pip install 'bitext[ray]'") from None
        super().start(scorer)
        if scorer.context.translate is not None:
            raise BitextError("--engine ray scores without --model (the model stays in one process); "
                              "use --engine local with --model")
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True,
                                      "logging_level": logging.WARNING}
            if self.address:
                kwargs["address"] = self.address
            else:
                kwargs["num_cpus"] = max(os.cpu_count() or 1, self.workers)
            ray.init(**kwargs)
        actor = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=-1)(_ChunkScorer)
        shared = ray.put(scorer)
        self._actors = [actor.remote(shared) for _ in range(self.workers)]

    def submit(self, chunk: list[Segment]) -> Any:
        """Hook implementation: see :meth:`ScoringEngine.submit`."""
        actor = self._actors[self._next % len(self._actors)]
        self._next += 1
        return actor.score.remote(chunk)

    def result(self, handle: Any) -> list[Scored]:
        """Hook implementation: see :meth:`ScoringEngine.result`."""
        import ray

        return ray.get(handle)

    def stop(self) -> None:
        """Hook implementation: see :meth:`ScoringEngine.stop`."""
        if self._actors:
            import ray

            for actor in self._actors:
                ray.kill(actor)
            self._actors = []
