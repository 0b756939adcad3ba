"""Reading the filter's inputs: every pair of any bilingual file or store bitext reads.

:func:`read_pairs` is the one place the filter reads its input, and the driver consumes
an iterator of segments.
Bilingual files are streamed by :func:`bitext.formats.iter_segments`; Parquet goes through the corpus reader (:mod:`bitext.ingest.corpus_files`, record
batches): a row holds ``source`` and ``target`` (or columns named by the two languages,
or a ``translation`` column of ``{language: text}`` as Hugging Face datasets have), and
optionally ``id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.model import Segment, make_id


def read_pairs(path: str | Path, format: str | None = None, source_lang: str | None = None,
               target_lang: str | None = None) -> Iterator[Segment]:
    """Every pair of one input file, in file order."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give bilingual files (JSONL, TMX, XLIFF, PO, TSV, Moses, Parquet)")
    if (format or "").lower() == "parquet" or (format is None and path.suffix.lower() == ".parquet"):
        yield from _parquet_pairs(path, source_lang or "id", target_lang or "en")
        return
    from bitext.formats import iter_segments

    yield from iter_segments(path, format, source_lang, target_lang)  # JSONL, TSV, Moses and TMX stream


def _parquet_pairs(path: Path, source_lang: str, target_lang: str) -> Iterator[Segment]:
    from bitext.ingest.corpus_files import _rows as corpus_rows

    for number, row in corpus_rows(path):
        where = f"{path}:{number}"
        if not isinstance(row, dict):
            raise InputError(f"{where}: a row must be a record")
        source, target = _sides(row, source_lang, target_lang, where)
        segment_id = row.get("id")
        record: dict[str, Any] = {"id": str(segment_id) if segment_id not in (None, "") else make_id(path.stem, number, 1),
                                  "source": source, "target": target, "status": "imported" if target else "new"}
        try:
            yield Segment.from_dict(record, number, path.stem)
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None


def _sides(row: dict[str, Any], source_lang: str, target_lang: str, where: str) -> tuple[str, str]:
    if "source" in row and "target" in row:
        pair = row["source"], row["target"]
    elif source_lang in row and target_lang in row:
        pair = row[source_lang], row[target_lang]
    elif isinstance(row.get("translation"), dict):
        pair = row["translation"].get(source_lang), row["translation"].get(target_lang)
    else:
        raise InputError(f"{where}: no 'source' and 'target' fields (nor {source_lang!r} and {target_lang!r}, "
                         f"nor a 'translation' record); fields: {', '.join(map(str, row)) or 'none'}")
    source, target = ("" if side is None else side for side in pair)
    if not isinstance(source, str) or not isinstance(target, str):
        raise InputError(f"{where}: the source and target must be text")
    return source, target
