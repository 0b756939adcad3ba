"""The store contract every format implements, and atomic file writing."""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from bitext import __version__
from bitext.errors import FormatError, OutputError
from bitext.segments import Corpus, TermMatch

def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def now_iso() -> str:
    """The current time as bitext dates corpora: ISO 8601, UTC, seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def corpus_moment(corpus: Corpus) -> datetime:
    """When the corpus's content last changed (its ``date``), else now; formats that
    carry a date write this one, so an unchanged corpus gives the same bytes."""
    if corpus.date:
        try:
            moment = datetime.fromisoformat(corpus.date.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc).replace(microsecond=0)


TOOL_NAME = "bitext"
TOOL_VERSION = __version__


def glossary_note(match: TermMatch) -> str:
    """A glossary match as a note or comment line (TMX, XLIFF and PO carry them)."""
    state = {True: "met", False: "NOT MET", None: "unchecked"}[match.met]
    return f"glossary: {match.source} [{match.start}:{match.end}] -> {match.required} ({state})"


class Store(ABC):
    """Reads and writes a :class:`~bitext.segments.Corpus` in one file format.

    A store keeps segment ids (``doc:paragraph:sentence``), source, target and status
    through a write and a read; formats that can also keep kind, MT, glossary matches and
    the signature do.
    """

    name: str  # the --format name
    extensions: tuple[str, ...]  # file name endings, first is the default
    # Whether the format records a review state a translator sets (PO's fuzzy flag,
    # XLIFF's state and approved). Where it does not (TMX, TSV, Moses), an edited target
    # is the only sign of review.
    marks_review: bool = False

    def default_path(self, folder: Path, corpus: Corpus) -> Path:
        return folder / f"{corpus.source_lang}-{corpus.target_lang}{self.extensions[0]}"

    @abstractmethod
    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        """Write ``corpus`` to ``path`` atomically; return the files written."""

    @abstractmethod
    def read(self, path: Path) -> Corpus:
        """Read a corpus; raise :class:`FormatError` with the file name on bad input."""

    def read_bytes(self, path: Path) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise FormatError(f"cannot read {path}: {error.strerror or error}") from None

    def read_text(self, path: Path) -> str:
        try:
            return self.read_bytes(path).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FormatError(f"{path}: not UTF-8 (byte offset {error.start})") from None


@contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator:
    """Write to a temporary file beside ``path`` and rename it into place on success, so
    a failed run never leaves a half-written file behind."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot write to {path.parent}: {error.strerror or error}") from None
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else "\n"
    try:
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            yield stream
        os.chmod(temporary, _default_mode())  # mkstemp creates 0600; outputs are shared files
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise
