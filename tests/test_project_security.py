"""The write path cannot be steered outside the output folder (issue 24): hostile journals,
planted links, lock and probe files, clean-up of other people's files."""

from __future__ import annotations

import json
import os

import pytest

from bitext.project.folder import (
    JOURNAL_NAME,
    STAGING_NAME,
    OutputFolder,
    UnsafeFolderError,
    check_writable,
    recover,
)


@pytest.fixture
def layout(tmp_path):
    """P/proj (the output folder), P/victim.txt and P/outside/ (things outside it)."""
    project = tmp_path / "proj"
    project.mkdir()
    (tmp_path / "victim.txt").write_text("keep me", "utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "berita.txt").write_text("outside", "utf-8")
    return tmp_path, project


def _plant_journal(project, plan: dict) -> None:
    staging = project / STAGING_NAME
    staging.mkdir()
    (staging / "x").write_text("evil", "utf-8")
    (staging / JOURNAL_NAME).write_text(json.dumps(plan), "utf-8")


@pytest.mark.parametrize("plan", [
    {"files": ["a/../../.evil"], "remove": []},
    {"files": [], "remove": ["../victim.txt"]},
    {"files": [], "remove": ["ABSOLUTE"]},
    {"files": ["x"], "remove": ["ok.txt", "../victim.txt"]},
    {"files": "x", "remove": []},
])
def test_a_journal_naming_anything_outside_the_folder_is_refused_and_nothing_is_touched(layout, plan):
    root, project = layout
    plan = json.loads(json.dumps(plan).replace("ABSOLUTE", str(root / "victim.txt")))
    (project / "ok.txt").write_text("published", "utf-8")
    _plant_journal(project, plan)
    with pytest.raises(UnsafeFolderError, match="cannot be trusted"):
        OutputFolder(project).acquire()
    assert (root / "victim.txt").read_text("utf-8") == "keep me"
    assert not (root / ".evil").exists() and not (project.parent.parent / ".evil").exists()
    assert (project / "ok.txt").read_text("utf-8") == "published"
    assert (project / STAGING_NAME / JOURNAL_NAME).exists()  # left for the user to look at


def test_a_link_planted_as_a_subfolder_is_never_written_through(layout):
    root, project = layout
    os.symlink(root / "outside", project / "source")
    with OutputFolder(project) as output:
        output.stage("source/berita.txt").write_text("exported", "utf-8")
        with pytest.raises(UnsafeFolderError, match="'source' is a link"):
            output.commit()
    assert (root / "outside" / "berita.txt").read_text("utf-8") == "outside"


def test_a_link_at_a_published_name_is_replaced_not_followed(layout):
    root, project = layout
    os.symlink(root / "outside" / "berita.txt", project / "id-en.tmx")
    with OutputFolder(project) as output:
        output.stage("id-en.tmx").write_text("<tmx/>", "utf-8")
        output.commit()
    assert not (project / "id-en.tmx").is_symlink() and (project / "id-en.tmx").read_text("utf-8") == "<tmx/>"
    assert (root / "outside" / "berita.txt").read_text("utf-8") == "outside"


def test_a_staging_folder_that_is_a_link_is_removed_as_a_link(layout):
    root, project = layout
    os.symlink(root / "outside", project / STAGING_NAME)
    assert recover(project) == "removed the staging files of a run that did not finish"
    assert (root / "outside" / "berita.txt").read_text("utf-8") == "outside"
    assert not os.path.lexists(project / STAGING_NAME)


def test_removing_a_link_named_in_a_journal_removes_the_link_only(layout):
    root, project = layout
    os.symlink(root / "victim.txt", project / "old.txt")
    with OutputFolder(project) as output:
        output.remove("old.txt")
        output.commit()
    assert not os.path.lexists(project / "old.txt")
    assert (root / "victim.txt").read_text("utf-8") == "keep me"


def test_no_lock_or_probe_file_is_created_through_a_link(layout):
    root, project = layout
    for name in (".bitext.lock", ".bitext-write-test"):  # the names earlier versions used
        os.symlink(root / "outside" / name, project / name)
    check_writable(project)
    with OutputFolder(project) as output:
        output.stage("a.txt").write_text("A", "utf-8")
        output.commit()
    assert sorted(p.name for p in (root / "outside").iterdir()) == ["berita.txt"]


def test_the_lock_is_the_folder_itself_so_deleting_files_cannot_unlock_it(tmp_path):
    from bitext.project.folder import FolderBusyError

    with OutputFolder(tmp_path):
        for path in tmp_path.iterdir():  # whatever a user deletes mid-run
            if path.is_file():
                path.unlink()
        with pytest.raises(FolderBusyError):
            OutputFolder(tmp_path).acquire()
