"""Model revisions: the content hash of a local model, kept in the cache by file stats."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from bitext.translation.hub import REVISIONS_NAME, content_revision


@pytest.fixture()
def model_folder(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"d_model": 8}', "utf-8")
    (folder / "model.bin").write_bytes(b"weights" * 1000)
    return folder


def expected(folder) -> str:
    digest = hashlib.sha256((folder / "config.json").read_bytes() + (folder / "model.bin").read_bytes())
    return "sha256:" + digest.hexdigest()[:16]


def test_the_revision_is_the_content_hash_and_is_kept_in_the_cache(model_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path / "cache"))
    assert content_revision(model_folder) == expected(model_folder)
    kept = json.loads((tmp_path / "cache" / REVISIONS_NAME).read_text("utf-8"))
    assert list(kept.values()) == [expected(model_folder)]
    # The second run reads the cache: without a hash function it still answers.
    revision = expected(model_folder)
    monkeypatch.setattr("bitext.translation.hub.hashlib", None)
    assert content_revision(model_folder) == revision


def test_rewritten_weights_are_hashed_again(model_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path / "cache"))
    before = content_revision(model_folder)
    weights = model_folder / "model.bin"
    stat = weights.stat()
    weights.write_bytes(b"WEIGHTS" * 1000)  # same size
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after = content_revision(model_folder)
    assert after != before and after == expected(model_folder)


def test_an_unwritable_cache_only_costs_the_hash(model_folder, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(blocked))
    assert content_revision(model_folder) == expected(model_folder)
    assert content_revision(model_folder) == expected(model_folder)
