"""--engine ray in local mode with the tiny model (issue 13): same output, resumed shards."""

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.engines.base import EngineOptions
from bitext.errors import RunInterrupted
from bitext.ingest.reader import iter_documents
from bitext.project.run import TranslateOptions, run_translation

from .conftest import SEEDS

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'bitext[ray]')")


@pytest.fixture(scope="module")
def ray_local():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


@pytest.mark.slow
def test_ray_gives_the_local_engines_output(ray_local, tiny_model, tmp_path):
    common = ["--model", str(tiny_model), "--beam-size", "1", "--no-cache", "--no-glossary", "-f", "jsonl", "-f", "tmx", "-q"]
    local = CliRunner().invoke(main, ["translate", str(SEEDS), "-o", str(tmp_path / "local"), *common])
    distributed = CliRunner().invoke(main, ["translate", str(SEEDS), "-o", str(tmp_path / "ray"), *common,
                                            "--engine", "ray", "--workers", "2"])
    assert local.exit_code == 0 and distributed.exit_code == 0, distributed.output
    assert (tmp_path / "ray" / "id-en.jsonl").read_bytes() == (tmp_path / "local" / "id-en.jsonl").read_bytes()
    assert not (tmp_path / "ray" / ".bitext-shards").exists()  # working files go once published


@pytest.mark.slow
def test_finished_shards_are_not_translated_again(ray_local, tiny_translator, tmp_path, monkeypatch):
    from bitext.engines.ray_cluster import RayEngine
    from bitext.formats import jsonl

    options = TranslateOptions(formats=("jsonl",), glossaries=(), use_cache=False,
                               engine=EngineOptions("ray", workers=2, chunk_paragraphs=40))
    folder = tmp_path / "out"

    def crash(self, date=None):  # the driver dies after every shard is translated, before publishing
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(jsonl._JsonlWriter, "close", crash)
        with pytest.raises(RunInterrupted):
            run_translation(folder, iter_documents(SEEDS), options, translator=tiny_translator)
    assert not (folder / "id-en.jsonl").exists() and list((folder / ".bitext-shards").glob("*.result.json"))
    ran = []
    monkeypatch.setattr(RayEngine, "_run", lambda self, pending, job: ran.append(pending))
    run = run_translation(folder, iter_documents(SEEDS), options, translator=tiny_translator)
    assert ran == [] and run.stats.segments == 160  # every shard came from the first run


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_doubles_nothing(ray_local, tiny_translator, tmp_path):
    """SIGKILL one translator actor once the first shards are done: Ray restarts it and
    retries its shard; the output equals the local engine's, every segment once."""
    import json
    import os
    import signal
    import threading
    import time

    import psutil

    from bitext.engines.ray_cluster import SHARDS_FOLDER

    rows = [json.dumps({"text": "\n".join(d.paragraphs[:6])}) for d in iter_documents(SEEDS)] * 6
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(rows) + "\n", "utf-8")
    local = run_translation(tmp_path / "local", iter_documents(corpus),
                            TranslateOptions(formats=("jsonl",), glossaries=(), use_cache=False,
                                             engine=EngineOptions(chunk_paragraphs=6)), translator=tiny_translator)
    killed = []

    def kill_one_worker():
        shards = tmp_path / "ray" / SHARDS_FOLDER
        deadline = time.time() + 120
        while time.time() < deadline and not killed:
            if shards.exists() and len(list(shards.glob("*.result.json"))) >= 2:
                for process in psutil.process_iter(["cmdline"]):
                    if "MapWorker" in " ".join(process.info["cmdline"] or []):
                        os.kill(process.pid, signal.SIGKILL)
                        killed.append(process.pid)
                        break
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    options = TranslateOptions(formats=("jsonl",), glossaries=(), use_cache=False,
                               engine=EngineOptions("ray", workers=2, chunk_paragraphs=6))
    distributed = run_translation(tmp_path / "ray", iter_documents(corpus), options, translator=tiny_translator)
    killer.join()
    assert killed, "no worker was found to kill"
    assert (tmp_path / "ray" / "id-en.jsonl").read_bytes() == (tmp_path / "local" / "id-en.jsonl").read_bytes()
    assert distributed.stats.segments == local.stats.segments
