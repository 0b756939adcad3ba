"""What an output folder holds: its store, set-aside records, translator edits."""

from __future__ import annotations

from pathlib import Path

from bitext.errors import FormatError, OutputError
from bitext.model import Corpus, Segment, same_text

STORE_FORMATS = ("jsonl", "xliff", "po", "tmx", "tsv")  # formats that keep status, best first

SET_ASIDE_NAME = "set-aside.jsonl"


def _edited(unit: Segment, record: Segment | None) -> bool:
    """A unit a translator touched that the store lacks: reviewed and unknown to the
    store, or holding a target the store does not have (approved or still marked)."""
    if not unit.target.strip():
        return False
    if record is None:
        return unit.status == "reviewed"
    newly_reviewed = unit.status == "reviewed" and record.status != "reviewed"
    return newly_reviewed or not same_text(unit.target, record.target)


def find_store(folder: Path, source_lang: str = "id", target_lang: str = "en") -> Path | None:
    """The store a previous run left in ``folder``: the JSONL, else another format that
    keeps status (XLIFF, PO, TMX, TSV)."""
    from bitext.formats import get_store

    for name in STORE_FORMATS:
        store = get_store(name)
        for extension in store.extensions:
            path = folder / f"{source_lang}-{target_lang}{extension}"
            if path.is_file():
                return path
    return None


def read_previous(folder: Path, source_lang: str = "id", target_lang: str = "en") -> tuple[Corpus | None, list[Segment]]:
    """The previous store in ``folder`` (or None) and the records set aside before."""
    from bitext.formats import read_corpus

    path = find_store(folder, source_lang, target_lang)
    corpus = None
    if path is not None:
        try:
            corpus = read_corpus(path)
        except FormatError as error:
            raise OutputError(
                f"{error}; the output folder holds a store bitext cannot read: fix it, "
                "or pass --overwrite to start a new store"
            ) from None
    set_aside: list[Segment] = []
    aside_path = folder / SET_ASIDE_NAME
    if aside_path.is_file():
        set_aside = read_corpus(aside_path, "jsonl").segments
    return corpus, set_aside


def unapplied_reviews(folder: Path, store: Corpus, exclude: Path | None = None) -> list[tuple[Path, list[str]]]:
    """Exchange files in ``folder`` (PO, XLIFF, TMX) holding reviewed translations that the
    store does not have: a translator's edits not yet brought back with ``review apply``,
    which rewriting the file would destroy."""
    from bitext.formats import get_store, read_corpus

    records = store.by_id()
    found = []
    for name in ("po", "xliff", "tmx"):
        for extension in get_store(name).extensions:
            path = folder / f"{store.source_lang}-{store.target_lang}{extension}"
            if not path.is_file() or path == exclude:
                continue
            try:
                corpus = read_corpus(path, name)
            except FormatError:
                continue  # not ours to judge; it will be rewritten as before
            ids = [unit.id for unit in corpus if _edited(unit, records.get(unit.id))]
            if ids:
                found.append((path, ids))
    return found
