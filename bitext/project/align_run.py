"""Publishing an alignment run into an output folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from bitext import __version__
from bitext.alignment.documents import UNALIGNED_NAME, AlignmentRun
from bitext.model import Corpus
from bitext.project.contents import read_previous
from bitext.project.run import TranslationRun, write_outputs


def write_alignment(folder: str | Path, run: AlignmentRun, formats: Sequence[str] = ("tmx", "jsonl"),
                    status: str = "all", wait: bool = False, overwrite: bool = False,
                    extra_files: Mapping[str, str] | None = None) -> list[Path]:
    """Publish the aligned corpus, ``unaligned.jsonl``, ``dropped.jsonl`` and the manifest
    together through the output folder's one write path (locked, staged, all or nothing).
    A store in the folder holding reviewed records is never replaced without ``overwrite``.
    ``extra_files`` (name: text) are published with them (``--match``'s document pairs)."""
    from bitext.formats import get_store
    from bitext.project.folder import OutputFolder

    manifest = {
        "bitext_version": __version__,
        "command": "align",
        "signature": run.corpus.signature,
        "counts": {name: value for name, value in run.stats.items() if name != "seconds"},
    }
    with OutputFolder(Path(folder), wait=wait) as output:
        if not overwrite:
            _refuse_to_replace_reviews(Path(folder))
        written = write_outputs(TranslationRun(run.corpus, run.removals, run.stats, manifest), output, formats, status)
        unaligned = Corpus(run.unaligned, signature=run.corpus.signature)
        get_store("jsonl").write(unaligned, output.stage(UNALIGNED_NAME))
        for name, text in (extra_files or {}).items():
            output.stage(name).write_text(text, "utf-8")
        output.commit()
    return written + [Path(folder) / UNALIGNED_NAME] + [Path(folder) / name for name in extra_files or {}]


def _refuse_to_replace_reviews(folder: Path) -> None:
    from bitext.errors import OutputError

    previous, _ = read_previous(folder)
    reviewed = [segment.id for segment in previous or () if segment.status == "reviewed"]
    if reviewed:
        raise OutputError(
            f"{folder} holds a store with {len(reviewed)} reviewed records ({', '.join(reviewed[:3])}"
            f"{', ...' if len(reviewed) > 3 else ''}); align into another folder, or pass --overwrite to replace it"
        )
