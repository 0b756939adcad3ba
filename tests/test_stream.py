"""The streamed run: chunk by chunk into the staged outputs, the same result as one chunk (issue 13)."""

import json

from bitext.engines.base import EngineOptions
from bitext.ingest.reader import iter_documents
from bitext.project.run import TranslateOptions, run_translation

from .conftest import SEEDS

FORMATS = ("jsonl", "tmx", "po", "xliff", "moses", "tsv")


def run(folder, translator, chunk_paragraphs):
    options = TranslateOptions(formats=FORMATS, glossaries=(), use_cache=False,
                               engine=EngineOptions(chunk_paragraphs=chunk_paragraphs))
    result = run_translation(folder, iter_documents(SEEDS), options, translator=translator)
    return result, result.written


def without_dates(text: str) -> str:
    import re

    return re.sub(r'creationdate="\d+T\d+Z"|\d{4}-\d\d-\d\d \d\d:\d\d\+0000', "DATE", text)


def test_small_chunks_give_the_outputs_of_one_chunk(tmp_path, tiny_translator):
    whole, _ = run(tmp_path / "whole", tiny_translator, 10**9)
    chunked, written = run(tmp_path / "chunked", tiny_translator, 7)  # a chunk every few paragraphs
    assert {p.name for p in written} >= {"id-en.jsonl", "id-en.tmx", "id-en.po", "id-en.xlf", "id-en.id", "id-en.tsv"}
    for name in ("id-en.jsonl", "id-en.tmx", "id-en.po", "id-en.xlf", "id-en.id", "id-en.en", "id-en.ids", "id-en.tsv",
                 "dropped.jsonl"):
        assert without_dates((tmp_path / "chunked" / name).read_text("utf-8")) == without_dates(
            (tmp_path / "whole" / name).read_text("utf-8")), name
    counts = {k: v for k, v in chunked.manifest["counts"].items()}
    assert counts == whole.manifest["counts"] and counts["segments"] == 160 and counts["documents"] == 5
    assert chunked.manifest["glossary"] == whole.manifest["glossary"]


def test_a_streamed_rerun_keeps_the_store_and_its_bytes(tmp_path, tiny_translator):
    folder = tmp_path / "out"
    run(folder, tiny_translator, 7)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"}
    again, _ = run(folder, tiny_translator, 5)
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"}
    assert after == before  # unchanged rerun: same bytes, dates included
    assert again.stats.kept == 160 and again.stats.translated == 0
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["counts"]["kept"] == 160


def test_a_sentence_translates_the_same_whatever_its_batch(tiny_translator):
    """Each sentence has its own token budget, so batching (chunks, cache, workers) never
    changes a translation."""
    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents

    sources = [s.source for s in segment_documents(read_documents(SEEDS))[0]][:40]
    assert tiny_translator.translate(sources) == [tiny_translator.translate([s])[0] for s in sources]


def test_a_streamed_run_estimates_its_whole_total_from_the_bytes_read(tmp_path, tiny_translator):
    """The bar's total (and so its ETA) is for the run, not the chunk in hand: the
    sentences so far, scaled by the share of the input's bytes read."""
    calls = []
    options = TranslateOptions(formats=("jsonl",), glossaries=(), use_cache=False,
                               engine=EngineOptions(chunk_paragraphs=7))
    run_translation(tmp_path / "out", SEEDS, options, translator=tiny_translator,
                    progress=lambda done, total: calls.append((done, total)))
    first_chunk = next(total for done, total in calls if done > 0)
    final = calls[-1][0]
    assert len({total for _, total in calls}) > 2  # several chunks, each with its own estimate
    assert final / 2 <= first_chunk <= final * 2  # five articles of unequal length: near, not exact
    assert calls[-1] == (final, final)  # the last chunk is known to be the last: exact
    assert all(done <= total for done, total in calls)


def test_run_scale_is_one_when_the_input_size_is_unknown():
    from bitext.engines.local import run_scale

    assert run_scale(100, None) == 1.0 and run_scale(0, 1000) == 1.0
    assert run_scale(250, 1000) == 4.0 and run_scale(2000, 1000) == 1.0  # never below what is known
