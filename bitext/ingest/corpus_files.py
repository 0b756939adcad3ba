"""Corpus files as input: JSONL, TSV or Parquet with one document (or sentence) a row.

A corpus from ``datasets``, a crawl or a back-translation set feeds straight in:
``bitext translate corpus.parquet --text-field text --id-field url``. Each row becomes a
document whose id is the row's ``--id-field`` value (or ``FILE#ROW``), and whose lines
are its paragraphs, so ids stay ``doc:paragraph:sentence``. Rows are read one at a time
(Parquet in record batches), never the whole file at once. A row without the text field,
with a value that is not text, or with no text is one error naming the file and row. Text is NFC-normalised, as text files are (a term
written with a combining accent must match the glossary's precomposed one), and JSONL and
TSV rows end only at ``\n`` (``\r\n``): a U+2028 inside a value is whitespace in its
paragraph, never a row's end. A row larger than READ_LIMIT is refused, not read whole.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.ingest.opening import READ_LIMIT, open_regular

CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".tsv", ".parquet")
DEFAULT_TEXT_FIELD = "text"


def is_corpus_file(path: Path) -> bool:
    """Whether ``path`` ends in a corpus file's suffix (JSONL, NDJSON, TSV or Parquet), in any case."""
    return str(path).lower().endswith(CORPUS_SUFFIXES)


def corpus_rows(path: Path, text_field: str = DEFAULT_TEXT_FIELD, id_field: str | None = None
                ) -> Iterator[tuple[str, str]]:
    """(document id, text) of every row, in file order."""
    seen: set[str] = set()
    for number, row in _rows(path):
        where = f"{path}:{number}"
        if not isinstance(row, dict):
            raise InputError(f"{where}: a row must be an object with a {text_field!r} field")
        if text_field not in row:
            raise InputError(f"{where}: no {text_field!r} field (fields: {', '.join(map(str, row)) or 'none'}); "
                             "name the text column with --text-field")
        text = row[text_field]
        if not isinstance(text, str):
            raise InputError(f"{where}: the {text_field!r} field is {type(text).__name__}, not text")
        if not text.strip():
            raise InputError(f"{where}: the {text_field!r} field is empty")
        text = unicodedata.normalize("NFC", text)
        doc = f"{path.name}#{number}"
        if id_field is not None:
            value = row.get(id_field)
            if value is None or (isinstance(value, str) and not value.strip()) or isinstance(value, (dict, list)):
                raise InputError(f"{where}: no usable {id_field!r} value for the document id")
            doc = unicodedata.normalize("NFC", " ".join(str(value).split()))
            if doc in seen:
                raise InputError(f"{where}: the id {doc!r} was given to an earlier row too")
            seen.add(doc)
        yield doc, text


def _rows(path: Path) -> Iterator[tuple[int, Any]]:
    name = str(path).lower()
    try:
        if name.endswith(".parquet"):
            yield from _parquet_rows(path)
        elif name.endswith(".tsv"):
            yield from _tsv_rows(path)
        else:
            yield from _jsonl_rows(path)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(number, text) of each row: split at b"\\n" only (binary lines), each row bounded."""
    with open_regular(path) as handle:
        number = 0
        while True:
            raw = handle.readline(READ_LIMIT + 1)
            if not raw:
                return
            number += 1
            if len(raw) > READ_LIMIT:
                raise InputError(f"{path}:{number}: a row larger than {READ_LIMIT >> 20} MiB")
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as error:
                raise InputError(f"{path}:{number}: not UTF-8 (byte offset {error.start} of the line)") from None


def _jsonl_rows(path: Path) -> Iterator[tuple[int, Any]]:
    for number, line in _lines(path):
        if not line.strip():
            raise InputError(f"{path}:{number}: an empty row")
        try:
            yield number, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            raise InputError(f"{path}:{number}: not a JSON object ({error})") from None


def _tsv_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """A header row, then one row a line, split on tabs (quotes are ordinary characters)."""
    header: list[str] | None = None
    for number, line in _lines(path):
        cells = line.split("\t")
        if header is None:
            header = [cell.strip() for cell in cells]
            continue
        if not line.strip():
            raise InputError(f"{path}:{number}: an empty row")
        if len(cells) > len(header):
            raise InputError(f"{path}:{number}: {len(cells)} fields but the header has {len(header)}")
        yield number, dict(zip(header, cells))


def _parquet_rows(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'bitext[parquet]'") from None
    with open_regular(path) as source:
        try:
            handle = parquet.ParquetFile(source)
            number = 0
            for batch in handle.iter_batches(batch_size=1024):
                for row in batch.to_pylist():
                    number += 1
                    yield number, row
        except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
            raise InputError(f"{path}: not a readable Parquet file ({' '.join(str(error).split())[:160]})") from None
