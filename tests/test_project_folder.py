"""The one write path: a locked output folder whose files are published whole."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bitext.errors import OutputError
from bitext.files import TEMPORARY_PREFIX
from bitext.project.folder import (
    JOURNAL_NAME,
    STAGING_NAME,
    FolderBusyError,
    OutputFolder,
    recover,
)


def _publish(folder, files: dict[str, str]) -> list:
    with OutputFolder(folder) as output:
        for name, text in files.items():
            output.stage(name).write_text(text, "utf-8")
        return output.commit()


def _contents(folder) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def test_commit_publishes_every_staged_file_and_leaves_no_staging(tmp_path):
    published = _publish(tmp_path, {"a.txt": "A1", "b.txt": "B1"})
    assert sorted(p.name for p in published) == ["a.txt", "b.txt"]
    assert _contents(tmp_path) == {"a.txt": "A1", "b.txt": "B1"}
    assert not (tmp_path / STAGING_NAME).exists()


def test_a_failure_before_commit_leaves_the_previous_set_whole(tmp_path):
    _publish(tmp_path, {"a.txt": "A1", "b.txt": "B1"})
    with pytest.raises(RuntimeError):
        with OutputFolder(tmp_path) as output:
            output.stage("a.txt").write_text("A2", "utf-8")
            raise RuntimeError("disk full while writing b.txt")
    assert _contents(tmp_path) == {"a.txt": "A1", "b.txt": "B1"}
    assert not (tmp_path / STAGING_NAME).exists()


def test_a_crash_after_the_commit_point_is_rolled_forward_by_the_next_run(tmp_path):
    _publish(tmp_path, {"a.txt": "A1", "b.txt": "B1"})
    staging = tmp_path / STAGING_NAME
    staging.mkdir()
    (staging / "b.txt").write_text("B2", "utf-8")  # a.txt was already renamed when the process died
    (tmp_path / "a.txt").write_text("A2", "utf-8")
    (staging / JOURNAL_NAME).write_text(json.dumps({"files": ["a.txt", "b.txt"], "remove": []}), "utf-8")
    assert recover(tmp_path) == "finished publishing an interrupted run"
    assert _contents(tmp_path) == {"a.txt": "A2", "b.txt": "B2"}


def test_uncommitted_staging_and_stray_temporaries_are_removed(tmp_path):
    _publish(tmp_path, {"a.txt": "A1"})
    (tmp_path / STAGING_NAME).mkdir()
    (tmp_path / STAGING_NAME / "a.txt").write_text("half", "utf-8")
    (tmp_path / f"{TEMPORARY_PREFIX}a.txt.x1y2.tmp").write_text("half", "utf-8")
    (tmp_path / ".notes.v2.tmp").write_text("a user's file, not bitext's", "utf-8")
    with OutputFolder(tmp_path):
        pass
    assert _contents(tmp_path) == {"a.txt": "A1"}
    # Only bitext's own temporaries go; a file that merely looks temporary is a user's.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.v2.tmp", "a.txt"]


def test_remove_deletes_a_published_file_with_the_commit(tmp_path):
    _publish(tmp_path, {"a.txt": "A1", "gone.txt": "G"})
    with OutputFolder(tmp_path) as output:
        output.stage("a.txt").write_text("A2", "utf-8")
        output.remove("gone.txt")
        output.commit()
    assert _contents(tmp_path) == {"a.txt": "A2"}


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd"])
def test_stage_refuses_names_outside_the_folder(tmp_path, name):
    with OutputFolder(tmp_path) as output, pytest.raises(ValueError):
        output.stage(name)


def test_a_second_writer_fails_at_once_with_a_clear_message(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from bitext.project.folder import OutputFolder\n"
         f"with OutputFolder({str(tmp_path)!r}):\n    print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(FolderBusyError, match="in use by another bitext process.*--wait"):
            OutputFolder(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with OutputFolder(tmp_path, wait=True):  # released when its holder died
        pass


def test_a_folder_that_cannot_be_made_is_an_output_error(tmp_path):
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(OutputError, match="cannot write to output folder"):
        OutputFolder(tmp_path / "file" / "out").acquire()
