"""Read articles: files, folders (recursive over ``*.txt``) or standard input."""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, TextIO

from bitext.errors import InputError

STDIN = "-"


@dataclass
class Document:
    """An article: its id (path relative to the input root) and its paragraphs.

    Every non-empty line is a paragraph (scraped pages separate paragraphs with a blank
    line or a single line break). ``paragraphs[i]`` has paragraph number ``i + 1``.
    """

    doc: str
    paragraphs: list[str]


def split_paragraphs(text: str) -> list[str]:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) to NFC text; anything else is an error naming the byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it first, e.g. iconv -f LATIN1 -t UTF-8"
        ) from None
    return unicodedata.normalize("NFC", text)


def _read_file(path: Path, doc: str) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    return Document(doc, split_paragraphs(decode_text(data, str(path))))


def _expand(path: str) -> list[tuple[Path, str]]:
    """(file, doc id) pairs for one command-line input."""
    candidate = Path(path)
    if not candidate.exists():
        raise InputError(f"no such file or directory: {path}")
    if candidate.is_dir():
        files = sorted(p for p in candidate.rglob("*.txt") if p.is_file())
        if not files:
            raise InputError(f"no *.txt files in folder {path}")
        return [(p, p.relative_to(candidate).as_posix()) for p in files]
    if not os.access(candidate, os.R_OK):
        raise InputError(f"cannot read {path}: permission denied")
    return [(candidate, candidate.name)]


def _read_stream(stream: BinaryIO | TextIO) -> bytes:
    source = getattr(stream, "buffer", stream)
    data = source.read()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def read_documents(inputs: Iterable[str], stdin: BinaryIO | TextIO | None = None) -> list[Document]:
    """Read every input; ``-`` reads standard input as the document ``stdin``.

    Raises :class:`InputError` for missing, unreadable, non-UTF-8 or empty input, and for
    two inputs that would share a document id.
    """
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for item in inputs:
        if item == STDIN:
            data = _read_stream(stdin if stdin is not None else sys.stdin)
            pairs = [(None, "stdin")]
        else:
            pairs = _expand(item)
        for path, doc in pairs:
            if doc in seen:
                raise InputError(
                    f"two inputs give the same document id {doc!r} ({seen[doc]} and {path or '-'}); "
                    "pass their common folder instead"
                )
            seen[doc] = str(path or "-")
            if path is None:
                documents.append(Document(doc, split_paragraphs(decode_text(data, "<stdin>"))))
            else:
                documents.append(_read_file(path, doc))
    if not documents:
        raise InputError("no input given")
    if not any(document.paragraphs for document in documents):
        names = ", ".join(d.doc for d in documents[:3])
        raise InputError(f"the input holds no text ({names}{', ...' if len(documents) > 3 else ''})")
    return documents
