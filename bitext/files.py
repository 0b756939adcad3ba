"""File helpers every writer shares: atomic output through a temporary file, dates."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from bitext.errors import OutputError


class Dated(Protocol):
    """Anything with a ``date`` (ISO 8601 text, or "" for now): a corpus, a file's corpus information."""

    date: str


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def now_iso() -> str:
    """The current time as bitext dates corpora: ISO 8601, UTC, seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def corpus_moment(corpus: Dated) -> datetime:
    """When the corpus's content last changed (its ``date``), else now; formats that
    carry a date write this one, so an unchanged corpus gives the same bytes."""
    if corpus.date:
        try:
            moment = datetime.fromisoformat(corpus.date.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc).replace(microsecond=0)


class TemporaryBeside:
    """A temporary file beside ``path`` (same folder, so the rename is atomic), with the
    write errors bitext reports as one line."""

    def __init__(self, path: Path, suffix: str = ".tmp") -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
            self.name = Path(name)
            self.stream = os.fdopen(handle, "wb")
        except OSError as error:
            raise OutputError(f"cannot write to {path.parent}: {error.strerror or error}") from None

    def write(self, data: str | bytes) -> None:
        try:
            self.stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None
        except UnicodeEncodeError as error:  # lone surrogates from a library caller
            self.discard()
            raise OutputError(f"cannot write {self.path}: text that is not valid Unicode ({error.reason})") from None

    def copy_into(self, other: TemporaryBeside) -> None:
        self.stream.flush()
        with open(self.name, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                other.write(chunk)

    def publish(self) -> None:
        try:
            self.stream.close()
            os.chmod(self.name, _default_mode())  # mkstemp creates 0600; outputs are shared files
            os.replace(self.name, self.path)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        try:
            os.unlink(self.name)
        except OSError:
            pass


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[TemporaryBeside]:
    """Write to a temporary file beside ``path`` and rename it into place on success, so
    a failed run never leaves a half-written file behind. The stream takes text or bytes
    (``mode`` is kept for callers that name it)."""
    output = TemporaryBeside(Path(path))
    try:
        yield output
        output.publish()
    except BaseException as error:
        output.discard()
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise
