"""Publishing a filter run into a project folder.

The kept pairs go to the store (``OUT/<src>-<tgt>.jsonl``, each record with its
``scores``) and the chosen formats, every removed pair to ``filtered.jsonl`` with its
``reasons`` and ``scores``, and the manifest records the counts per filter and every
threshold used. All of it is written as the pairs stream through the driver, staged in
the locked output folder and published together (:class:`OutputFolder`): a failure at
any point, bad input found late included, publishes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bitext import __version__
from bitext.filtering.config import FilterConfig
from bitext.filtering.driver import FilterOptions, FilterTally, Judged, filter_segments
from bitext.formats.base import CorpusInfo, TextWriter
from bitext.model import Segment
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME
from bitext.project.outputs import open_writers
from bitext.project.project import STORE_FORMAT, Project

FILTERED_NAME = "filtered.jsonl"


class _FilteredWriter(TextWriter):
    """``filtered.jsonl``: each removed pair's record, its reasons and its scores."""

    def render(self, judged: Judged) -> str:  # type: ignore[override]
        """A removed pair: its record, ``reasons`` and ``scores``."""
        record = judged.segment.to_dict(self.info.signature)
        record["reasons"] = judged.reasons
        record["scores"] = judged.segment.scores
        return json.dumps(record, ensure_ascii=False) + "\n"


def filter_signature(config: FilterConfig, source_lang: str, target_lang: str, with_mt: bool = False) -> str:
    """The reproducibility signature of a filtered corpus: bitext's version, the filters
    that ran and a digest of every threshold."""
    import hashlib

    thresholds = json.dumps(config.as_dict(), sort_keys=True)
    enabled = "+".join(name for name in config.settings if config.enabled(name) and (with_mt or name != "mt"))
    digest = hashlib.sha256(thresholds.encode("utf-8")).hexdigest()[:12]
    return f"bitext:{__version__}|filter:{enabled}|thresholds:{digest}|langs:{source_lang}-{target_lang}"


def filter_into(
    folder: str | Path,
    segments: Iterable[Segment],
    options: FilterOptions | None = None,
    *,
    wait: bool = False,
    overwrite: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[FilterTally, list[Path]]:
    """Filter ``segments`` (any iterable, consumed once) into ``folder``; every pair ends
    in exactly one of the store and ``filtered.jsonl``. A store holding reviewed records
    is replaced only with ``overwrite``."""
    folder = Path(folder)
    options = options or FilterOptions()
    config, languages = options.config, options.languages
    with_mt = options.context is not None and options.context.translate is not None
    info = CorpusInfo(languages[0], languages[1], filter_signature(config, *languages, with_mt=with_mt))
    tally = FilterTally()
    started = time.perf_counter()
    with OutputFolder(folder, wait=wait) as output:
        project = Project(output, *languages)
        if not overwrite:
            project.refuse_replacing_work("filter")
        writers = open_writers(output, project.exchange_formats([STORE_FORMAT, *options.formats]), info)
        filtered = _FilteredWriter(output.stage(FILTERED_NAME), info)
        try:
            judged_pairs = filter_segments(segments, output.staging, options, tally=tally, progress=progress)
            for judged in judged_pairs:
                if judged.kept:
                    for writer in writers.values():
                        writer.add(judged.segment)
                else:
                    filtered.add(judged)  # type: ignore[arg-type]
            names = [path.name for writer in writers.values() for path in writer.close()]
            names += [path.name for path in filtered.close()]
        except BaseException:
            for writer in [*writers.values(), filtered]:
                writer.abort()
            raise
        tally.seconds["total"] = time.perf_counter() - started
        manifest = _manifest(config, tally, info, options.inputs, options.score_only, names)
        project.stage_manifest(manifest)
        written = output.commit()
    return tally, written


def _manifest(config: FilterConfig, tally: FilterTally, info: CorpusInfo, inputs: Sequence[str], score_only: bool,
              names: list[str]) -> dict[str, Any]:
    return {
        "bitext_version": __version__,
        "command": "filter",
        "inputs": list(inputs),
        "signature": info.signature,
        "score_only": score_only,
        "counts": tally.to_dict(),
        "config": config.source,
        "thresholds": config.as_dict(),
        "outputs": names + [MANIFEST_NAME],
        "timings": {name: round(value, 3) for name, value in tally.seconds.items()},
    }
