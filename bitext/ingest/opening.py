"""Opening inputs safely: regular files only, and text read in bounded pieces.

A device, a FIFO or a socket given as an input (or a symlink to ``/dev/zero``) would be
read forever or block; :func:`open_regular` opens without blocking and checks what it
opened, so such an input is one clear error. Text larger than :data:`READ_LIMIT` is not
one page: :func:`stream_lines` decodes it piece by piece (never the whole file in memory),
and a line longer than :data:`LINE_LIMIT` characters is cut at a space into lines of at
most that length.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bitext.errors import InputError

READ_LIMIT = 64 << 20  # bytes: a larger text input is streamed in parts, a larger HTML page refused
LINE_LIMIT = 1 << 20  # characters of one line (paragraph) when streaming
PIECE = 1 << 20  # bytes decoded at a time when streaming


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """``path`` opened for binary reading; an error unless it is a regular file (symlinks
    are followed to what they name, and that must be a regular file too)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file ({_kind(mode)}); give bitext text, HTML or corpus files")
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"


def file_size(handle: BinaryIO) -> int:
    """The size of an open file in bytes."""
    return os.fstat(handle.fileno()).st_size


def stream_lines(handle: BinaryIO, name: str, head: bytes = b"") -> Iterator[str]:
    """The NFC lines of a UTF-8 stream (``head``: bytes already read from it), decoded a
    piece at a time; lines end at ``\\n``, ``\\r\\n`` or ``\\r``; a line longer than
    LINE_LIMIT is cut at its last space before the limit (or at the limit)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset, pending, first = 0, "", True
    while True:
        data = head if first else handle.read(PIECE)
        if first and not data:
            data = handle.read(PIECE)
        last = not data
        if first and data.startswith(codecs.BOM_UTF8):
            data, offset = data[3:], 3
        if b"\x00" in data:
            raise InputError(f"{name}: not UTF-8 text (zero bytes at offset {offset + data.index(0)}: UTF-16 or a "
                             "binary file); if it is text, convert it first, e.g. iconv -f UTF-16 -t UTF-8")
        first = False
        try:
            pending += decoder.decode(data, final=last)
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset "
                             f"{offset + error.start}); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8") from None
        offset += len(data)
        # A \r\n cut between two pieces gives one empty line more: empty lines are no paragraphs.
        pending = pending.replace("\r\n", "\n").replace("\r", "\n")
        *lines, pending = pending.split("\n")
        for line in lines:
            yield from _bounded(line)
        while len(pending) > LINE_LIMIT:
            cut = pending.rfind(" ", 0, LINE_LIMIT)
            cut = cut if cut > 0 else LINE_LIMIT
            yield unicodedata.normalize("NFC", pending[:cut])
            pending = pending[cut:]
        if last:
            if pending:
                yield from _bounded(pending)
            return


def _bounded(line: str) -> Iterator[str]:
    while len(line) > LINE_LIMIT:
        cut = line.rfind(" ", 0, LINE_LIMIT)
        cut = cut if cut > 0 else LINE_LIMIT
        yield unicodedata.normalize("NFC", line[:cut])
        line = line[cut:]
    yield unicodedata.normalize("NFC", line)


def read_regular(path: Path, limit: int = READ_LIMIT) -> bytes:
    """A regular file's bytes, refused beyond ``limit`` (a page larger than that is no page)."""
    with open_regular(path) as handle:
        if file_size(handle) > limit:
            raise InputError(f"{path}: larger than {limit >> 20} MiB, too large to read as one page")
        return handle.read(limit + 1)
