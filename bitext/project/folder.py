"""The one write path for an output folder: locked, staged, published whole.

Every command that writes a set of files into a folder (``translate``, ``review apply``,
``export omegat``) goes through :class:`OutputFolder`::

    with OutputFolder("out/") as folder:
        write_corpus(corpus, folder.stage("id-en.tmx"))
        write_corpus(corpus, folder.stage("id-en.jsonl"))
        folder.commit()

* **A lock.** Only one bitext process writes a folder at a time: a second one fails at
  once with a clear message, or waits with ``wait=True`` (``--wait``).
* **Staging.** Files are written into ``.bitext-staging/`` inside the folder; the
  published files are untouched while anything can still fail (a full disk fails here).
* **Publishing whole.** :meth:`OutputFolder.commit` syncs the staged files, then writes a
  journal listing them (the commit point), then renames each into place. Renames within
  one file system need no space and cannot half-happen; if the process dies between
  two of them, the next bitext run on the folder finds the journal and finishes the
  renames before anything else (roll forward). Without a journal, leftover staging is
  the debris of a run that never committed and is removed: the previous complete set
  stays. So a reader sees either the old set or the new set, after at most one recovery.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from bitext.errors import OutputError

LOCK_NAME = ".bitext.lock"
STAGING_NAME = ".bitext-staging"
JOURNAL_NAME = ".publish.json"  # a dot name: never taken for a staged output


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


class FolderBusyError(OutputError):
    """Another bitext process holds the folder's lock."""


class OutputFolder:
    """A locked output folder whose files are staged and published together.

    Use as a context manager; call :meth:`commit` to publish what was staged. Leaving the
    block without a commit (an exception, Ctrl-C) discards the staged files and leaves
    the folder as it was.
    """

    def __init__(self, folder: str | Path, *, wait: bool = False, poll_seconds: float = 0.5) -> None:
        self.folder = Path(folder)
        self.wait = wait
        self.poll_seconds = poll_seconds
        self.staging = self.folder / STAGING_NAME
        self._lock_fd: int | None = None
        self._removals: set[str] = set()
        self.published: list[Path] = []

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> OutputFolder:
        self.acquire()
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            self._discard()  # what is still staged was never committed
        finally:
            self.release()

    def acquire(self) -> None:
        """Take the folder's lock, then repair what an earlier crash left behind."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputError(f"cannot write to output folder {self.folder}: {_describe(error)}") from None
        self._lock()
        try:
            recover(self.folder)
            self.staging.mkdir()
        except OSError as error:
            self.release()
            raise OutputError(f"cannot write to output folder {self.folder}: {_describe(error)}") from None

    def _lock(self) -> None:
        assert self._lock_fd is not None
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise OutputError(f"cannot lock output folder {self.folder}: {_describe(error)}") from None
            if not self.wait:
                os.close(self._lock_fd)
                self._lock_fd = None
                raise FolderBusyError(
                    f"output folder {self.folder} is in use by another bitext process; "
                    "wait for it to finish, or pass --wait to wait for it"
                )
            time.sleep(self.poll_seconds)

    def release(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- staging and publishing ------------------------------------------------------------

    def stage(self, name: str) -> Path:
        """The staging path for the published file ``name`` (a name inside the folder,
        sub-folders allowed). Write the file there; :meth:`commit` publishes it."""
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"not a name inside the output folder: {name}")
        path = self.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def staged_files(self) -> list[str]:
        """Every file under the staging folder (writers may add siblings, as Moses does)."""
        return sorted(
            path.relative_to(self.staging).as_posix()
            for path in self.staging.rglob("*")
            if path.is_file() and not path.name.startswith(".")
        )

    def remove(self, name: str) -> None:
        """Remove the published file ``name`` when the staged files are published (an
        output the new set no longer has, e.g. an emptied ``set-aside.jsonl``)."""
        self.stage(name)  # validates the name
        self._removals.add(Path(name).as_posix())

    def commit(self) -> list[Path]:
        """Publish every staged file together; return the published paths."""
        names = self.staged_files()
        removals = sorted(self._removals - set(names))
        try:
            for name in names:
                _fsync_path(self.staging / name)
            journal = self.staging / JOURNAL_NAME
            journal_tmp = self.staging / (JOURNAL_NAME + ".tmp")
            journal_tmp.write_text(json.dumps({"files": names, "remove": removals}), "utf-8")
            _fsync_path(journal_tmp)
            os.replace(journal_tmp, journal)  # the commit point
            _fsync_path(self.staging)
        except OSError as error:
            self._discard()
            raise OutputError(
                f"cannot write to output folder {self.folder}: {_describe(error)}; the previous outputs are unchanged"
            ) from None
        _roll_forward(self.folder)
        self.published = [self.folder / name for name in names]
        self._removals = set()
        self.staging.mkdir(exist_ok=True)  # a later stage() in the same block still works
        return self.published

    def _discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _roll_forward(folder: Path) -> None:
    """Finish publishing a committed staging folder (its journal lists the files)."""
    staging = folder / STAGING_NAME
    journal = staging / JOURNAL_NAME
    plan = json.loads(journal.read_text("utf-8"))
    for name in plan.get("remove", []):
        (folder / name).unlink(missing_ok=True)
    for name in plan["files"]:
        staged = staging / name
        if staged.exists():  # gone already: renamed before a crash
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
    _fsync_path(folder)
    shutil.rmtree(staging, ignore_errors=True)


def recover(folder: str | Path) -> str | None:
    """Repair an output folder after a crash (call with the lock held): finish a committed
    publish, or remove an uncommitted staging folder and stray temporary files.
    Returns what was done, or None."""
    folder = Path(folder)
    staging = folder / STAGING_NAME
    done = None
    if staging.is_dir():
        journal = staging / JOURNAL_NAME
        if journal.is_file():
            try:
                _roll_forward(folder)
                done = "finished publishing an interrupted run"
            except (OSError, ValueError, KeyError):
                shutil.rmtree(staging, ignore_errors=True)
                done = "removed an unreadable staging folder"
        else:
            shutil.rmtree(staging, ignore_errors=True)
            done = "removed the staging files of a run that did not finish"
    for stray in _stray_temporaries(folder.glob(".*.tmp")):
        stray.unlink(missing_ok=True)
        done = done or "removed temporary files of a run that did not finish"
    return done


def _stray_temporaries(paths: Iterable[Path]) -> list[Path]:
    # atomic_output's temporaries are ".NAME.XXXX.tmp"; only those are bitext's to remove.
    return [path for path in paths if path.is_file() and path.name.count(".") >= 3]
