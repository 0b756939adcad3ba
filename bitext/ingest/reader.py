"""Read articles: files, folders (recursive over ``*.txt``, ``*.html``, ``*.htm``) or
standard input. HTML pages are rendered to lines with their structure
(:mod:`bitext.ingest.html_page`); corpus files give one document a row
(:mod:`bitext.ingest.corpus_files`). Only regular files are read (a device or FIFO is an
error, :mod:`bitext.ingest.opening`); text larger than a page is streamed in parts."""

from __future__ import annotations

import itertools
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bitext.errors import InputError, warn
from bitext.ingest.opening import READ_LIMIT, file_size, open_regular, read_regular, stream_lines

STDIN = "-"
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


@dataclass
class Document:
    """An article: its id (path relative to the input root) and its paragraphs.

    Every non-empty line is a paragraph (scraped pages separate paragraphs with a blank
    line or a single line break). ``paragraphs[i]`` has paragraph number ``i + 1``. An
    HTML page also carries what its structure says of each paragraph (``structure[i]``, a
    :class:`bitext.ingest.html_page.HtmlLine`), which the cleaner uses as evidence.
    """

    doc: str
    paragraphs: list[str]
    discarded: int = 0  # lines of an HTML page the main-content extractor left out (the cleaner reads them too)
    title: str = ""  # the page's title, when an HTML page declares it
    structure: list | None = None  # HTML: one HtmlLine per paragraph; None for text
    size: int = 0  # bytes of input it was read from (how far a streamed run has read, for its ETA)


# C0 and C1 control characters (tab and line breaks are whitespace and handled apart):
# pasted or corrupted text carries them; they are never content to translate.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Line ends: only these (str.splitlines also ends lines at U+2028, U+0085, form feeds, ...,
# which are whitespace inside a paragraph, never the end of one).
_LINE_END = re.compile(r"\r\n|\r|\n")
PART_PARAGRAPHS = 10_000  # paragraphs of each part of a streamed text input


def clean_line(line: str) -> str:
    """One paragraph: whitespace runs made single spaces, control characters removed."""
    return " ".join(_CONTROL.sub("", line).split())


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines, whitespace runs made single spaces, control characters removed
    (a line of nothing else is empty). Lines end only at ``\n``, ``\r\n`` or ``\r``."""
    lines = (clean_line(line) for line in _LINE_END.split(text))
    return [line for line in lines if line]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) to NFC text; anything else is an error naming the byte."""
    if b"\x00" in data[:65536]:
        # Valid UTF-8 may hold NUL, but text never does: this is UTF-16 or a binary file.
        raise InputError(
            f"{name}: not UTF-8 text (zero bytes at offset {data.index(0)}: UTF-16 or a binary file); "
            f"if it is text, convert it first, e.g. iconv -f {likely_encoding(data)} -t UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start}); "
            f"convert it first, e.g. iconv -f {likely_encoding(data)} -t UTF-8"
        ) from None
    return unicodedata.normalize("NFC", text)


def likely_encoding(data: bytes) -> str:
    """The encoding to suggest to iconv: UTF-16 by its byte-order mark or its many zero
    bytes, else Latin-1 (Windows-1252 pages are its superset in practice)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = data[:4096]
    if sample and sample.count(0) > len(sample) // 4:
        return "UTF-16LE" if sample[1::2].count(0) > sample[0::2].count(0) else "UTF-16BE"
    return "WINDOWS-1252"


def read_text(path: Path) -> str:
    """A text file as NFC text, with bitext's one-line errors (missing, unreadable, not a
    regular file, larger than a page, not UTF-8)."""
    return decode_text(read_regular(path), str(path))


def _is_html(path: Path) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def _html_document(data: bytes, path: Path, doc: str, keep_all: bool) -> Document:
    from bitext.ingest.html_page import read_html

    if b"\x00" in data[:65536]:
        decode_text(data, str(path))  # the one-line error for binary files
    page = read_html(data, str(path), keep_all)
    for note in page.notes:
        warn(note)
    lines, structure = [], []
    for index, line in enumerate(page.lines):
        line = clean_line(line)
        if line:
            lines.append(line)
            if page.structure is not None:
                structure.append(page.structure[index])
    return Document(doc, lines, page.discarded, clean_line(page.title),
                    structure if page.structure is not None else None, len(data))


def read_paragraphs(path: Path, keep_all: bool = False) -> tuple[list[str], int, str]:
    """(paragraph lines, lines an HTML extractor left out, the HTML page's title) of one
    text or HTML file; ``keep_all`` reads an HTML page whole."""
    document = read_document(path, str(path), keep_all)
    return document.paragraphs, document.discarded, document.title


def read_document(path: Path, doc: str, keep_all: bool = False) -> Document:
    """One text or HTML file (no larger than a page) as a :class:`Document`, HTML with its
    structure."""
    data = read_regular(path)
    if _is_html(path):
        return _html_document(data, path, doc, keep_all)
    return Document(doc, split_paragraphs(decode_text(data, str(path))), size=len(data))


def _file_documents(path: Path, doc: str, keep_all: bool = False) -> Iterator[Document]:
    """A file's document; a text file larger than READ_LIMIT is streamed, in parts of
    PART_PARAGRAPHS paragraphs (documents ``DOC#1``, ``DOC#2``, ...), never read whole."""
    with open_regular(path) as handle:
        if file_size(handle) <= READ_LIMIT:
            data = handle.read(READ_LIMIT + 1)
            if len(data) <= READ_LIMIT:
                if _is_html(path):
                    yield _html_document(data, path, doc, keep_all)
                else:
                    yield Document(doc, split_paragraphs(decode_text(data, str(path))), size=len(data))
                return
            head = data
        else:
            head = b""
        if _is_html(path):
            raise InputError(f"{path}: an HTML page larger than {READ_LIMIT >> 20} MiB is no news page; "
                             "convert it to text first")
        yield from _streamed(handle, doc, str(path), head)


def _streamed(handle: BinaryIO, doc: str, name: str, head: bytes = b"") -> Iterator[Document]:
    part, paragraphs, size = 0, [], 0
    for line in stream_lines(handle, name, head):
        size += len(line.encode("utf-8")) + 1  # about the bytes read (the line end counted as one)
        line = clean_line(line)
        if line:
            paragraphs.append(line)
        if len(paragraphs) >= PART_PARAGRAPHS:
            part += 1
            yield Document(f"{doc}#{part}", paragraphs, size=size)
            paragraphs, size = [], 0
    if paragraphs or not part:
        yield Document(f"{doc}#{part + 1}", paragraphs, size=size)


def _expand(path: str) -> list[tuple[Path, str]]:
    """(file, doc id) pairs for one command-line input."""
    candidate = Path(path)
    if not candidate.exists():
        raise InputError(f"no such file or directory: {path}")
    if candidate.is_dir():
        files = sorted(files_under(candidate))
        if not files:
            raise InputError(f"no {', '.join('*' + s for s in DOCUMENT_SUFFIXES)} files in folder {path}")
        return [(p, document_id(p.relative_to(candidate).as_posix())) for p in files]
    if not candidate.is_file():
        raise InputError(f"{path}: not a regular file (a device, FIFO or socket); give bitext text, HTML or corpus files")
    if not os.access(candidate, os.R_OK):
        raise InputError(f"cannot read {path}: permission denied")
    return [(candidate, document_id(candidate.name))]


def document_id(name: str) -> str:
    """A file's name as a document id: a tab, line break or other control character
    (legal in a Unix file name) is written as its escape (``\\n``), so ids fit on one line
    in every format."""
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in name)


def files_under(folder: Path) -> list[Path]:
    """Text files anywhere under ``folder``; a subfolder that cannot be listed is named
    in a warning, not skipped without a word."""

    def unreadable(error: OSError) -> None:
        warn(f"skipped {error.filename}: {error.strerror or error}")

    found = []
    for root, _, names in os.walk(folder, onerror=unreadable):
        found += [Path(root) / name for name in names if name.lower().endswith(DOCUMENT_SUFFIXES)]
    regular = []
    for path in found:
        if path.is_file():
            regular.append(path)
        elif path.exists() or path.is_symlink():
            warn(f"skipped {path}: not a regular file (a device, FIFO, socket or broken link)")
    return regular


def _stdin_documents(stream: BinaryIO | TextIO) -> Iterator[Document]:
    """Standard input as the document ``stdin``; beyond READ_LIMIT bytes, streamed in parts."""
    source: Any = getattr(stream, "buffer", stream)
    data = source.read(READ_LIMIT + 1)
    if isinstance(data, str):  # a text stream without a buffer (tests)
        data = data.encode("utf-8")
    if len(data) <= READ_LIMIT:
        yield Document("stdin", split_paragraphs(decode_text(data, "<stdin>")), size=len(data))
        return
    yield from _streamed(source, "stdin", "<stdin>", data)


def iter_documents(
    inputs: str | os.PathLike | Iterable[str | os.PathLike], stdin: BinaryIO | TextIO | None = None,
    keep_all: bool = False, text_field: str = "text", id_field: str | None = None,
) -> Iterator[Document]:
    """The documents of one input or many, one at a time (a large folder or corpus file
    is never read whole): text and HTML files, folders of them, ``-`` for standard input
    (the document ``stdin``), and corpus files (JSONL, TSV, Parquet; one document a row,
    its text in ``text_field``, its id in ``id_field``, see :mod:`bitext.corpus_input`).
    ``keep_all`` reads HTML pages whole, without the main-content extractor.

    Raises :class:`InputError` for missing, unreadable or non-UTF-8 input, for two inputs
    that would share a document id, and for a corpus row without usable text.
    """
    from bitext.ingest.corpus_files import corpus_rows, is_corpus_file

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: dict[str, str] = {}

    def claim(doc: str, where: str) -> None:
        if doc in seen:
            raise InputError(
                f"two inputs give the same document id {doc!r} ({seen[doc]} and {where}); "
                "pass their common folder instead"
            )
        seen[doc] = where

    for item in (os.fspath(given) for given in inputs):
        if item == STDIN:
            claim("stdin", "-")
            yield from _stdin_documents(stdin if stdin is not None else sys.stdin)
            continue
        candidate = Path(item)
        if is_corpus_file(candidate) and not candidate.is_dir():
            for doc, text in corpus_rows(candidate, text_field, id_field):
                claim(doc, f"{candidate} row")
                yield Document(doc, split_paragraphs(text), size=len(text.encode("utf-8")))
            continue
        for path, doc in _expand(item):
            claim(doc, str(path))
            yield from _file_documents(path, doc, keep_all)


def input_bytes(inputs: Iterable[str | os.PathLike]) -> int | None:
    """The bytes of the files behind ``inputs`` (what :attr:`Document.size` adds up to), or
    None when that is unknown (standard input). A streamed run's ETA scales by it."""
    from bitext.ingest.corpus_files import is_corpus_file

    total = 0
    for item in (os.fspath(given) for given in inputs):
        if item == STDIN:
            return None
        candidate = Path(item)
        try:
            files = [candidate] if is_corpus_file(candidate) and not candidate.is_dir() else [p for p, _ in _expand(item)]
            total += sum(path.stat().st_size for path in files)
        except (OSError, InputError):  # reading the inputs reports it, in its own words
            return None
    return total


def with_text(documents: Iterable[Document]) -> Iterator[Document]:
    """The same documents, once it is known that some input holds text: they are read only
    as far as the first document with a paragraph (so a bad or empty input fails before a
    model loads, and a large one is still read once)."""
    documents = iter(documents)
    head: list[Document] = []
    for document in documents:
        head.append(document)
        if document.paragraphs:
            return itertools.chain(head, documents)
    if not head:
        raise InputError("no input given")
    names = ", ".join(d.doc for d in head[:3])
    raise InputError(f"the input holds no text ({names}{', ...' if len(head) > 3 else ''})")


def read_documents(
    inputs: str | os.PathLike | Iterable[str | os.PathLike], stdin: BinaryIO | TextIO | None = None,
    keep_all: bool = False, text_field: str = "text", id_field: str | None = None,
) -> list[Document]:
    """Every document of :func:`iter_documents`, as a list; an error when there is none,
    or none holds any text."""
    documents = list(iter_documents(inputs, stdin, keep_all, text_field, id_field))
    if not documents:
        raise InputError("no input given")
    if not any(document.paragraphs for document in documents):
        names = ", ".join(d.doc for d in documents[:3])
        raise InputError(f"the input holds no text ({names}{', ...' if len(documents) > 3 else ''})")
    return documents
