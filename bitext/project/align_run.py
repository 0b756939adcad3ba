"""Publishing an alignment run into a project folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from bitext.alignment.documents import UNALIGNED_NAME, AlignmentRun
from bitext.model import Corpus
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME
from bitext.project.outputs import base_manifest, stage_corpus, stage_records
from bitext.project.project import Project
from bitext.project.run import DROPPED_NAME


def write_alignment(folder: str | Path, run: AlignmentRun, formats: Sequence[str] = ("tmx", "jsonl"),
                    status: str = "all", wait: bool = False, overwrite: bool = False,
                    extra_files: Mapping[str, str] | None = None) -> list[Path]:
    """Publish the aligned corpus, ``unaligned.jsonl``, ``dropped.jsonl`` and the manifest
    together (locked, staged, all or nothing). Without ``overwrite``, a store made by
    another command, a store holding reviewed records, or exchange files holding
    translator edits are never replaced; ``set-aside.jsonl`` is always kept.
    ``extra_files`` (name: text) are published with them (``--match``'s document pairs)."""
    with OutputFolder(Path(folder), wait=wait) as output:
        project = Project(output)
        if not overwrite:
            project.refuse_replacing_work("align")
        names = stage_corpus(project, run.corpus, formats, status)
        names.append(stage_records(project, DROPPED_NAME, (r.to_dict() for r in run.removals), run.corpus))
        unaligned = Corpus(run.unaligned, signature=run.corpus.signature)
        names.extend(path.name for path in _write_unaligned(project, unaligned))
        for name, text in (extra_files or {}).items():
            output.stage(name).write_text(text, "utf-8")
            names.append(name)
        counts = {name: value for name, value in run.stats.items() if name != "seconds"}
        manifest = base_manifest("align", run.corpus, counts, status)
        manifest.update(outputs=names + [MANIFEST_NAME], timings=run.stats.get("seconds", {}))
        project.stage_manifest(manifest)
        return output.commit()


def _write_unaligned(project: Project, unaligned: Corpus) -> list[Path]:
    from bitext.formats import get_store

    return get_store("jsonl").write(unaligned, project.output.stage(UNALIGNED_NAME))
