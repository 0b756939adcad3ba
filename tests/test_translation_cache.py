"""The translation cache: a second run, or a run restarted after a crash, translates only
what is missing and loses nothing."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bitext.ingest.reader import read_documents
from bitext.segmentation.documents import segment_documents
from bitext.translation import TranslationSettings, Translator
from bitext.translation.cache import TranslationCache, model_key
from bitext.translation.service import translate_segments

from .conftest import SEEDS


class CountingTranslator(Translator):
    """Upper-cases its input; counts what it translates; can crash after n batches."""

    def __init__(self, crash_after: int | None = None) -> None:
        self.settings = TranslationSettings(model="counting", batch_size=8)
        self.model_id, self.revision = "counting", "1"
        self.translated: list[str] = []
        self.crash_after = crash_after

    def count_tokens(self, texts):
        return [len(text.split()) + 1 for text in texts]

    def count_target_tokens(self, texts):
        return [len(text.split()) for text in texts]

    def _translate_batch(self, sources, terms, max_new_tokens):
        if self.crash_after is not None and len(self.translated) >= self.crash_after:
            raise KeyboardInterrupt  # Ctrl-C in the middle of a run
        self.translated.extend(sources)
        return [source.upper() for source in sources]


def fresh_segments():
    return segment_documents(read_documents([str(SEEDS)]))[0]


def test_restart_after_interrupt_translates_only_what_is_missing(tmp_path):
    path = tmp_path / "cache.sqlite3"
    crashing = CountingTranslator(crash_after=40)
    key = model_key(crashing.describe())
    cache = TranslationCache(path, key)
    try:
        translate_segments(fresh_segments(), crashing, cache=cache)
        raise AssertionError("the run should have been interrupted")
    except KeyboardInterrupt:
        pass
    finally:
        cache.close()
    saved = TranslationCache(path, key).count()
    assert 0 < saved <= len(crashing.translated)  # committed chunks survived the crash

    resumed = CountingTranslator()
    segments = fresh_segments()
    cache = TranslationCache(path, key)
    counts = translate_segments(segments, resumed, cache=cache)
    cache.close()
    assert counts.cached == saved and counts.translated == counts.inputs - saved
    assert not set(resumed.translated) & set(crashing.translated[:saved])  # nothing cached is redone
    assert all(s.target == s.source.upper() for s in segments)  # every segment translated
    assert len({s.id for s in segments}) == len(segments)  # each exactly once


def test_cache_keys_depend_on_model_settings_and_terms(tmp_path):
    translator = CountingTranslator()
    cache = TranslationCache(tmp_path / "c.sqlite3", model_key(translator.describe()))
    cache.put_many([(cache.key("Halo.", []), "Halo.", "HELLO.")])
    assert cache.get_many([cache.key("Halo.", [])]) == {cache.key("Halo.", []): "HELLO."}
    assert cache.get_many([cache.key("Halo.", ["North Korea"])]) == {}
    other = TranslationCache(tmp_path / "c.sqlite3", model_key({**translator.describe(), "beam_size": 1}))
    assert other.get_many([other.key("Halo.", [])]) == {}


def test_killed_process_resumes_with_every_segment_once(tiny_model, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "bitext", "translate", str(SEEDS), "-o", str(out), "--model", str(tiny_model),
               "--batch-size", "4", "--beam-size", "1", "--no-glossary", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database, deadline, saved = out / "cache.sqlite3", time.time() + 120, 0
    while time.time() < deadline and process.poll() is None:
        if database.exists():
            try:
                saved = sqlite3.connect(database).execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            except sqlite3.Error:
                saved = 0
            if saved:
                break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "id-en.jsonl").exists()

    result = subprocess.run(command[:-1], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (out / "id-en.jsonl").read_text("utf-8").splitlines()]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert len(records) == len({r["id"] for r in records}) == manifest["counts"]["segments"]
    assert all(r["target"] for r in records)
    assert manifest["counts"]["cached"] >= saved > 0
    assert manifest["counts"]["translated"] == manifest["counts"]["inputs"] - manifest["counts"]["cached"]


@pytest.mark.parametrize("damage", ["corrupt", "not a database"])
def test_a_damaged_cache_is_one_line_before_any_work(tmp_path, damage):
    from bitext.errors import OutputError
    from bitext.translation.cache import TranslationCache

    path = tmp_path / "cache.sqlite3"
    if damage == "corrupt":
        TranslationCache(path, "m").put_many([("k", "a", "A")])
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
        path.write_bytes(bytes(data))
    else:
        path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(OutputError, match="cannot use the translation cache .*--no-cache"):
        TranslationCache(path, "m")


def test_a_cache_failing_mid_run_costs_no_translation(tmp_path, capsys):
    import sqlite3

    from bitext.translation.cache import TranslationCache

    cache = TranslationCache(tmp_path / "cache.sqlite3", "m")
    cache._db.close()  # as if the disk went away under it
    cache._db = sqlite3.connect(":memory:")  # no table: every statement fails
    cache.put_many([("k", "a", "A")])
    assert cache.get_many(["k"]) == {} and cache.failed
    assert "continuing without it" in capsys.readouterr().err
