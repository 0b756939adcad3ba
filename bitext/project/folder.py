"""The one write path for an output folder: locked, staged, published whole, and never
steered outside the folder.

Every command that writes a set of files into a folder (``translate``, ``align``,
``filter``, ``review apply``, ``export omegat``) goes through :class:`OutputFolder`::

    with OutputFolder("out/") as folder:
        write_corpus(corpus, folder.stage("id-en.tmx"))
        write_corpus(corpus, folder.stage("id-en.jsonl"))
        folder.commit()

* **A lock.** Only one bitext process writes a folder at a time: the folder itself is
  locked (``flock`` on the directory, so there is no lock file to delete, replace or link
  elsewhere); a second process fails at once with a clear message, or waits with
  ``wait=True`` (``--wait``).
* **Staging.** Files are written into ``.bitext-staging/`` inside the folder; the
  published files are untouched while anything can still fail (a full disk fails here).
* **Publishing whole.** :meth:`OutputFolder.commit` syncs the staged files, then writes a
  journal listing them (the commit point), then renames each into place. If the process
  dies between two renames, the next bitext run on the folder finishes them before
  anything else (roll forward); without a journal, leftover staging is debris of a run
  that never committed and is removed. A reader sees the old set or the new set.
* **Inside the folder, always.** Every name (staged, in a journal, to remove) is checked
  with :func:`bitext.files.safe_relative`, and every file is reached through directory
  descriptors opened without following symbolic links: a journal naming ``../x`` or an
  absolute path, or a symlink planted inside the folder (``source -> ../outside``), is
  refused with one line and nothing is touched. Clean-up removes only names bitext
  creates (the staging folder, ``.bitext-tmp.*`` temporaries).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from bitext.errors import OutputError
from bitext.files import TEMPORARY_PREFIX, safe_relative

STAGING_NAME = ".bitext-staging"
JOURNAL_NAME = ".publish.json"  # a dot name: never taken for a staged output
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


class FolderBusyError(OutputError):
    """Another bitext process holds the folder's lock."""


class UnsafeFolderError(OutputError):
    """The folder holds something that would steer a write outside it (a link, a journal
    naming a path outside the folder)."""


def check_writable(folder: str | Path) -> None:
    """Fail early (before a model loads) when ``folder`` cannot be created or written:
    a probe file is created exclusively under a fresh bitext name, then removed."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}probe.", dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as error:
        raise OutputError(f"cannot write to output folder {folder}: {_describe(error)}") from None


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
        self._fd: int | None = None
        self._removals: set[str] = set()
        self.published: list[Path] = []

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> OutputFolder:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            self._discard()  # what is still staged was never committed
        finally:
            self.release()

    def acquire(self) -> None:
        """Lock the folder, then repair what an earlier crash left behind."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # The folder as given may be a link (the user's choice); inside it, nothing is followed.
            self._fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise OutputError(f"cannot write to output folder {self.folder}: {_describe(error)}") from None
        self._lock()
        try:
            recover(self.folder, self._fd)
            os.mkdir(STAGING_NAME, dir_fd=self._fd)
        except OSError as error:
            self.release()
            raise OutputError(f"cannot write to output folder {self.folder}: {_describe(error)}") from None
        except BaseException:
            self.release()
            raise

    def _lock(self) -> None:
        assert self._fd is not None
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    self.release()
                    raise OutputError(f"cannot lock output folder {self.folder}: {_describe(error)}") from None
            if not self.wait:
                self.release()
                raise FolderBusyError(
                    f"output folder {self.folder} is in use by another bitext process; "
                    "wait for it to finish, or pass --wait to wait for it"
                )
            time.sleep(self.poll_seconds)

    def release(self) -> None:
        """Unlock the folder (closing its descriptor releases the lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- staging and publishing ------------------------------------------------------------

    def stage(self, name: str) -> Path:
        """The staging path for the published file ``name`` (a name inside the folder,
        sub-folders allowed). Write the file there; :meth:`commit` publishes it."""
        relative = safe_relative(name)
        path = self.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def staged_files(self) -> list[str]:
        """Every file under the staging folder (writers may add siblings, as Moses does)."""
        return sorted(
            path.relative_to(self.staging).as_posix()
            for path in self.staging.rglob("*")
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
        )

    def remove(self, name: str) -> None:
        """Remove the published file ``name`` when the staged files are published (an
        output the new set no longer has, e.g. an emptied ``set-aside.jsonl``)."""
        self._removals.add(safe_relative(name).as_posix())

    def commit(self) -> list[Path]:
        """Publish every staged file together; return the published paths."""
        assert self._fd is not None, "commit() outside the with block"
        names = self.staged_files()
        removals = sorted(self._removals - set(names))
        try:
            for name in names:
                _fsync_path(self.staging / name)
            journal_tmp = self.staging / (JOURNAL_NAME + ".tmp")
            journal_tmp.write_text(json.dumps({"files": names, "remove": removals}), "utf-8")
            _fsync_path(journal_tmp)
            os.replace(journal_tmp, self.staging / JOURNAL_NAME)  # the commit point
            _fsync_path(self.staging)
        except OSError as error:
            self._discard()
            raise OutputError(
                f"cannot write to output folder {self.folder}: {_describe(error)}; the previous outputs are unchanged"
            ) from None
        _roll_forward(self.folder, self._fd)
        self.published = [self.folder / name for name in names]
        self._removals = set()
        os.mkdir(STAGING_NAME, dir_fd=self._fd)  # a later stage() in the same block still works
        return self.published

    def _discard(self) -> None:
        if self._fd is not None:
            _remove_tree(self.folder, self._fd, STAGING_NAME)


# -- publishing through directory descriptors -----------------------------------------------


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _parent_of(root_fd: int, name: str, create: bool) -> Iterator[tuple[int, str]]:
    """The directory holding ``name`` (relative to ``root_fd``), opened component by
    component without following links, and the last component. A component that is a
    link, or not a folder, is an :class:`UnsafeFolderError`."""
    parts = safe_relative(name).parts
    fd = os.dup(root_fd)
    try:
        for part in parts[:-1]:
            if create:
                try:
                    os.mkdir(part, dir_fd=fd)
                except FileExistsError:
                    pass
            try:
                next_fd = os.open(part, _DIRECTORY, dir_fd=fd)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafeFolderError(f"{name}: {part!r} is a link or not a folder; bitext writes only "
                                            "inside the output folder and follows no links there") from None
                raise
            os.close(fd)
            fd = next_fd
        yield fd, parts[-1]
    finally:
        os.close(fd)


def _is_link(dir_fd: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except FileNotFoundError:
        return False


def _read_journal(root_fd: int) -> tuple[list[str], list[str]]:
    """The names a committed journal lists, each checked to stay inside the folder."""
    with _parent_of(root_fd, f"{STAGING_NAME}/{JOURNAL_NAME}", create=False) as (fd, base):
        handle = os.open(base, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=fd)
    with os.fdopen(handle, "rb") as stream:
        plan = json.loads(stream.read().decode("utf-8"))
    files, removals = plan.get("files", []), plan.get("remove", [])
    if not isinstance(files, list) or not isinstance(removals, list):
        raise ValueError("the journal's 'files' and 'remove' must be lists")
    for name in [*files, *removals]:
        safe_relative(name)  # ValueError names it
    return files, removals


def _roll_forward(folder: Path, root_fd: int) -> None:
    """Finish publishing a committed staging folder (its journal lists the files)."""
    try:
        files, removals = _read_journal(root_fd)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise UnsafeFolderError(
            f"{folder}/{STAGING_NAME}/{JOURNAL_NAME} cannot be trusted ({error}); nothing was changed. "
            f"Remove {folder}/{STAGING_NAME} to go on"
        ) from None
    for name in removals:
        with _parent_of(root_fd, name, create=False) as (fd, base):
            try:
                os.unlink(base, dir_fd=fd)  # a link named here is removed itself, never its target
            except FileNotFoundError:
                pass
    for name in files:
        with _parent_of(root_fd, f"{STAGING_NAME}/{name}", create=False) as (source_fd, source_base):
            if _is_link(source_fd, source_base):
                raise UnsafeFolderError(f"{folder}/{STAGING_NAME}/{name} is a link; nothing more was published")
            with _parent_of(root_fd, name, create=True) as (target_fd, target_base):
                try:  # gone already: renamed before a crash
                    os.replace(source_base, target_base, src_dir_fd=source_fd, dst_dir_fd=target_fd)
                except FileNotFoundError:
                    pass
    os.fsync(root_fd)
    _remove_tree(folder, root_fd, STAGING_NAME)


def _remove_tree(folder: Path, root_fd: int, name: str) -> None:
    """Remove ``name`` inside the folder: a link is unlinked, a folder removed with its
    contents (shutil's rmtree follows no links inside the tree)."""
    if _is_link(root_fd, name):
        os.unlink(name, dir_fd=root_fd)
        return
    shutil.rmtree(folder / name, ignore_errors=True)


def recover(folder: str | Path, root_fd: int | None = None) -> str | None:
    """Repair an output folder after a crash (call with the lock held): finish a committed
    publish, or remove an uncommitted staging folder and bitext's stray temporary files.
    Returns what was done, or None. A journal that names anything outside the folder is
    an :class:`UnsafeFolderError` and nothing is touched."""
    own_fd = root_fd is None
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY) if root_fd is None else root_fd
    try:
        return _recover(Path(folder), fd)
    finally:
        if own_fd:
            os.close(fd)


def _recover(folder: Path, fd: int) -> str | None:
    done = None
    try:
        staging = os.stat(STAGING_NAME, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        staging = None
    if staging is not None:
        if stat.S_ISDIR(staging.st_mode) and _has_journal(fd):
            _roll_forward(folder, fd)
            done = "finished publishing an interrupted run"
        else:
            _remove_tree(folder, fd, STAGING_NAME)
            done = "removed the staging files of a run that did not finish"
    for entry in os.scandir(fd):
        if entry.name.startswith(TEMPORARY_PREFIX) and entry.is_file(follow_symlinks=False):
            os.unlink(entry.name, dir_fd=fd)
            done = done or "removed temporary files of a run that did not finish"
    return done


def _has_journal(fd: int) -> bool:
    try:
        with _parent_of(fd, f"{STAGING_NAME}/{JOURNAL_NAME}", create=False) as (staging_fd, base):
            return _exists_at(staging_fd, base)
    except UnsafeFolderError:
        return False


def _exists_at(dir_fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False
