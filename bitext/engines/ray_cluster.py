"""``--engine ray``: the translate pipeline on Ray Data, for a cluster or several GPUs.

The driver cuts the input into shards (the chunks of the local engine) and writes each
shard's documents to ``OUT/.bitext-shards/``; Ray Data runs an actor pool of bitext
translators over the shards (each actor loads the model once; cleaning, segmentation,
glossary and translation run in the actor); each shard's result is written next to its
input, atomically. The driver then streams the results, in shard order, through the same
writers as the local engine, and publishes the folder whole. Because every sentence has
its own token budget, the output equals the local engine's for the same model and
settings.

Resume: a shard whose result is already there (from a run that stopped) is not
translated again. A worker that dies is restarted by Ray and its shard retried. The
output folder must be on storage every node can read and write (shards travel through
it); ``ray.init()`` starts Ray on this machine unless ``address`` names a cluster.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from bitext.cleaning.blocks import Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.engines.base import ChunkEngine, ChunkJob, EngineOptions, document_chunks
from bitext.engines.local import translate_chunk
from bitext.engines.tally import RunTally
from bitext.errors import BitextError
from bitext.files import atomic_output
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.segmentation.sentences import Segmenter
from bitext.terms.glossary import Glossary
from bitext.translation.base import TranslationSettings

SHARDS_FOLDER = ".bitext-shards"


def _write_atomically(path: Path, text: str) -> None:
    with atomic_output(path) as stream:
        stream.write(text)


class ShardTranslator:
    """A Ray Data actor: loads the translator once, then translates whole shards."""

    def __init__(self, settings: TranslationSettings, cleaner: Cleaner, segmenter: Segmenter | None,
                 glossary: Glossary | None) -> None:
        from bitext.translation import load_translator

        self.translator = load_translator(settings)
        self.cleaner, self.segmenter, self.glossary = cleaner, segmenter, glossary

    def _job(self, tally: RunTally) -> ChunkJob:
        return ChunkJob(self.translator, self.cleaner, self.segmenter, self.glossary, None, None, tally, None,
                        Path("."), "")

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        for input_path, result_path in zip(batch["input"], batch["result"]):
            documents = [Document(**data) for data in json.loads(Path(input_path).read_text("utf-8"))]
            tally = RunTally()
            segments, removals = translate_chunk(documents, self._job(tally))
            result = {"segments": [s.to_dict() for s in segments], "removals": [r.to_dict() for r in removals],
                      "tally": tally.to_dict()}
            _write_atomically(Path(result_path), json.dumps(result, ensure_ascii=False))
        return {"result": list(batch["result"])}


def _restartable() -> dict[str, int]:
    return {"max_restarts": -1, "max_task_retries": -1}


class RayEngine(ChunkEngine):
    """Translate the chunks on Ray (see the module docstring)."""

    name = "ray"
    updates_stores = False

    def __init__(self, settings: TranslationSettings, options: EngineOptions | None = None) -> None:
        self.settings = settings
        self.options = options or EngineOptions(name="ray")

    def _chunks(self, documents: Iterable[Document], job: ChunkJob) -> Iterator[tuple[list[Segment], list[Removal]]]:
        shards = Path(job.folder) / SHARDS_FOLDER
        shards.mkdir(parents=True, exist_ok=True)
        pending, order = self._write_shards(documents, job, shards)
        if pending:
            self._run(pending, job)
        for number, result_path in enumerate(order, 1):
            result = json.loads(result_path.read_text("utf-8"))
            job.tally.merge(result["tally"])
            if job.progress:
                job.progress(number, len(order))
            yield ([Segment.from_dict(record) for record in result["segments"]],
                   [Removal(**record) for record in result["removals"]])

    def finished(self, folder: Path) -> None:
        """Remove the shards once the folder is published."""
        shutil.rmtree(Path(folder) / SHARDS_FOLDER, ignore_errors=True)

    def _write_shards(self, documents: Iterable[Document], job: ChunkJob, shards: Path
                      ) -> tuple[list[dict[str, str]], list[Path]]:
        """Each shard's documents in a file named by its content and the run's signature;
        shards with a result already (a resumed run) are not pending."""
        pending, order = [], []
        for chunk in document_chunks(documents, self.options.shard_paragraphs or job.chunk_paragraphs):
            data = json.dumps([{"doc": d.doc, "paragraphs": d.paragraphs, "discarded": d.discarded, "title": d.title}
                               for d in chunk], ensure_ascii=False)
            key = hashlib.sha256((job.signature + "\n" + data).encode("utf-8")).hexdigest()[:20]
            input_path, result_path = shards / f"{key}.input.json", shards / f"{key}.result.json"
            order.append(result_path)
            if result_path.exists():
                continue
            if not input_path.exists():
                _write_atomically(input_path, data)
            pending.append({"input": str(input_path), "result": str(result_path)})
        return pending, order

    def _run(self, pending: list[dict[str, str]], job: ChunkJob) -> None:
        try:
            import ray
            import ray.data
        except ImportError:
            raise BitextError("--engine ray needs Ray: pip install 'bitext[ray]'") from None
        options = self.options
        import logging

        for name in ("ray", "ray.data"):  # bitext prints its own summary
            logging.getLogger(name).setLevel(logging.WARNING)
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True,
                                      "logging_level": logging.WARNING}
            if options.address:
                kwargs["address"] = options.address
            else:
                kwargs["num_cpus"] = max(os.cpu_count() or 1, options.workers * options.threads_per_worker)
            ray.init(**kwargs)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        settings = replace(self.settings, threads=options.threads_per_worker)
        dataset = ray.data.from_items(pending).map_batches(
            ShardTranslator,
            fn_constructor_kwargs={"settings": settings, "cleaner": job.cleaner, "segmenter": job.segmenter,
                                   "glossary": job.glossary},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=options.workers),
            num_cpus=options.threads_per_worker,
            num_gpus=options.gpus_per_worker or None,
            # A worker that dies is started again and its shard retried.
            ray_remote_args_fn=_restartable,
        )
        started = time.perf_counter()
        for _ in dataset.iter_rows():  # results are on disk; this waits for every shard
            pass
        # Wall time of the translation on the cluster (actors loading the model included;
        # Ray's start-up and the driver's writing not): the figure that scales with workers.
        job.tally.seconds["ray_translate_wall"] += time.perf_counter() - started  # type: ignore[assignment]
