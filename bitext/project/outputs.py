"""Staging a whole corpus into a project folder: the store, its exchange formats and the
command's record files (what ``align`` and ``filter`` write; ``translate`` streams its
own through the same writers)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from bitext.files import now_iso
from bitext.formats import get_store
from bitext.formats.base import CorpusInfo, SegmentWriter, TextWriter
from bitext.model import Corpus
from bitext.project.folder import OutputFolder
from bitext.project.project import STORE_FORMAT, Project


class RecordsWriter(TextWriter):
    """JSON lines of plain records (``dropped.jsonl``, ``filtered.jsonl``), streamed."""

    def render(self, segment: Any) -> str:
        """One record as a JSON line."""
        return json.dumps(segment, ensure_ascii=False) + "\n"


def open_writers(output: OutputFolder, formats: Sequence[str], info: CorpusInfo) -> dict[str, SegmentWriter]:
    """A streaming writer for each format, staged under its default name; all aborted if one fails."""
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


def stage_corpus(project: Project, corpus: Corpus, formats: Sequence[str], status: str = "all") -> list[str]:
    """Stage the store (every record) and each exchange format (the records ``status``
    keeps), plus every format bitext already keeps in the folder; returns the file names."""
    names: list[str] = []
    for name in project.exchange_formats([STORE_FORMAT, *formats]):
        store = get_store(name)
        written = corpus if name == STORE_FORMAT else corpus.with_status(status)
        target = store.default_path(project.folder, corpus).name
        names.extend(path.name for path in store.write(written, project.output.stage(target)))
    return names


def stage_records(project: Project, name: str, records: Iterable[dict[str, Any]], corpus: Corpus) -> str:
    """Stage a JSON-lines file of plain records; returns its name."""
    writer = RecordsWriter(project.output.stage(name), CorpusInfo.of(corpus))
    try:
        for record in records:
            writer.add(record)  # type: ignore[arg-type]
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return name


def base_manifest(command: str, corpus: Corpus, counts: dict[str, Any], status: str) -> dict[str, Any]:
    """The manifest fields every command writes (``translate`` adds its model and glossary)."""
    from bitext import __version__

    return {
        "bitext_version": __version__,
        "command": command,
        "signature": corpus.signature,
        "counts": counts,
        "status_filter": status,
        "corpus_date": corpus.date or now_iso(),
    }
