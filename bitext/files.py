"""File helpers every writer shares: atomic output through a temporary file, dates,
names that stay inside a folder, and document ids made file names.

Every temporary file bitext creates starts with :data:`TEMPORARY_PREFIX`, so clean-up
after a crash removes bitext's own debris and never a user's file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Protocol

from bitext.errors import OutputError


class Dated(Protocol):
    """Anything with a ``date`` (ISO 8601 text, or "" for now): a corpus, a file's corpus information."""

    date: str


TEMPORARY_PREFIX = ".bitext-tmp."


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
            handle, name = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{path.name[:80]}.", suffix=suffix, dir=path.parent)
            self.name = Path(name)
            self.stream = os.fdopen(handle, "wb")
        except OSError as error:
            raise OutputError(f"cannot write to {path.parent}: {error.strerror or error}") from None

    def write(self, data: str | bytes) -> None:
        """Append text (as UTF-8) or bytes; a write error is one line naming the target."""
        try:
            self.stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None
        except UnicodeEncodeError as error:  # lone surrogates from a library caller
            self.discard()
            raise OutputError(f"cannot write {self.path}: text that is not valid Unicode ({error.reason})") from None

    def copy_into(self, other: TemporaryBeside) -> None:
        """Append this file's bytes to ``other`` (a dated header's body behind its header)."""
        self.stream.flush()
        with open(self.name, "rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                other.write(chunk)

    def publish(self) -> None:
        """Rename the temporary file into place (the write becomes visible whole)."""
        try:
            self.stream.close()
            os.chmod(self.name, _default_mode())  # mkstemp creates 0600; outputs are shared files
            os.replace(self.name, self.path)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    def discard(self) -> None:
        """Remove the temporary file; the target is left as it was."""
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


# -- names inside a folder ----------------------------------------------------------------


def safe_relative(name: str) -> PurePosixPath:
    """``name`` as a relative path that stays inside the folder it is joined to: no
    absolute path, no ``..``, no empty or ``.`` part, no NUL or control character, no
    backslash. Anything else is a ``ValueError`` naming it (names read from a journal, a
    manifest or a project file are never trusted)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"not a file name: {name!r}")
    if _UNSAFE_CHARACTER.search(name):
        raise ValueError(f"not a name inside the folder: {name!r}")
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise ValueError(f"not a name inside the folder: {name!r}")
    return path


_UNSAFE_CHARACTER = re.compile(r"[\x00-\x1f\x7f\\]")
_CLEAN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MAX_NAME_LENGTH = 120  # characters of a document id kept readable in a file name


def safe_file_name(doc: str, suffix: str = ".txt") -> str:
    """A file name for document ``doc``, ending ``suffix``: one folder level, at most
    ~150 characters, no NUL, control character or path separator, and injective: two
    different ids never give the same name.

    A clean id (letters, digits, ``.``, ``_``, ``-``, already ending ``suffix``) is its own
    name; any other id is made readable (unsafe characters become ``_``, long ones cut)
    and gets ``~`` and a hash of the whole id, a character no clean name holds::

        >>> safe_file_name("berita.txt"), safe_file_name("berita")
        ('berita.txt', 'berita~cff66608bdf0df35.txt')
    """
    if len(doc) <= MAX_NAME_LENGTH and _CLEAN_NAME.fullmatch(doc) and doc.endswith(suffix) and doc != suffix:
        return doc
    stem = doc[: -len(suffix)] if doc.endswith(suffix) else doc
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:MAX_NAME_LENGTH] or "document"
    digest = hashlib.sha256(doc.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{readable}~{digest}{suffix}"


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks (outputs may be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
