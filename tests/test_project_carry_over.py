"""Reruns keep translators' work: a store is updated in place, never silently reset."""

from __future__ import annotations

import json
import shutil

import polib
import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import FormatError
from bitext.formats import read_corpus

from .conftest import SEEDS

FORMATS = ("--format", "jsonl", "--format", "tmx", "--format", "po")


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def translate(inputs, out, model, *extra):
    result = invoke("translate", inputs, "-o", out, "--model", model, "--beam-size", "1", "--no-glossary",
                    *FORMATS, *extra)
    assert result.exit_code == 0, result.stderr
    return result


def review_three_in_po(po_path) -> list[str]:
    """Edit and un-fuzzy three entries with polib, as Poedit does; return their ids."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    edited = []
    for number, entry in enumerate([e for e in po if e.msgstr][:3]):
        entry.msgstr = f"Reviewed sentence number {number}."
        entry.flags.remove("fuzzy")
        edited.append(entry.msgctxt)
    po.save()
    return edited


def edit_first_fuzzy(po_path, text, saved_as):
    """Change the first fuzzy entry's translation and leave it fuzzy; return the entry."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    entry = next(e for e in po if e.fuzzy)
    entry.msgstr = text
    po.save(str(saved_as))
    return entry


def copy_of(out, tmp_path):
    """A copy of a run's output folder to change in one test."""
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "out"


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def by_id(folder, name="id-en.jsonl"):
    return {segment.id: segment for segment in read_corpus(folder / name)}


@pytest.fixture(scope="module")
def reviewed_run(tmp_path_factory, tiny_model):
    """Seeds translated, three PO entries reviewed and applied; the folder copied aside."""
    root = tmp_path_factory.mktemp("rerun")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = root / "out"
    translate(seeds, out, tiny_model)
    ids = review_three_in_po(out / "id-en.po")
    result = invoke("review", "apply", out / "id-en.po", out / "id-en.jsonl")
    assert result.exit_code == 0 and "Applied 3 reviewed units (3 edited" in result.stderr
    return root, seeds, out, ids


def test_rerun_keeps_reviews_and_changes_nothing_but_the_manifest_run(reviewed_run, tiny_model, tmp_path):
    _, seeds, out, ids = reviewed_run
    folder = copy_of(out, tmp_path)
    before = snapshot(folder)
    result = translate(seeds, folder, tiny_model)
    assert "kept 160 (3 reviewed)" in result.stderr
    for name in ("id-en.jsonl", "id-en.tmx", "id-en.po", "dropped.jsonl"):
        assert (folder / name).read_bytes() == before[name], name
    for name in ("id-en.jsonl", "id-en.tmx", "id-en.po"):
        records = by_id(folder, name)
        assert [records[i].status for i in ids] == ["reviewed"] * 3, name
        assert [records[i].target for i in ids] == [f"Reviewed sentence number {n}." for n in range(3)], name
    assert all(by_id(folder)[i].mt for i in ids)  # the MT is kept beside the review
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert len(manifest["reviews"]) == 1 and manifest["reviews"][0]["applied"] == 3
    assert manifest["counts"]["kept_reviewed"] == 3 and manifest["counts"]["translated"] == 0


def test_a_sentence_gone_from_the_input_is_set_aside_and_comes_back(reviewed_run, tiny_model, tmp_path):
    _, seeds, out, ids = reviewed_run
    folder, inputs = copy_of(out, tmp_path), tmp_path / "seeds"
    shutil.copytree(seeds, inputs)
    doc, paragraph, _ = ids[1].rsplit(":", 2)
    reviewed_line = by_id(folder)[ids[1]].source
    page = inputs / doc
    text = page.read_text("utf-8")
    assert reviewed_line in text
    page.write_text(text.replace(reviewed_line, "Kalimat yang benar-benar baru."), "utf-8")
    result = translate(inputs, folder, tiny_model)
    assert "set aside 1" in result.stderr and "translated 1 new or changed" in result.stderr
    aside = read_corpus(folder / "set-aside.jsonl").segments
    assert [(s.id, s.status, s.target) for s in aside] == [(ids[1], "reviewed", "Reviewed sentence number 1.")]
    assert ids[1] not in by_id(folder) or by_id(folder)[ids[1]].status == "mt"
    page.write_text(text, "utf-8")  # the sentence is back: so is its review
    result = translate(inputs, folder, tiny_model)
    assert by_id(folder)[ids[1]].status == "reviewed"
    aside = read_corpus(folder / "set-aside.jsonl").segments  # now the replacement is gone
    assert [(s.source, s.status) for s in aside] == [("Kalimat yang benar-benar baru.", "mt")]


def test_overwrite_starts_a_new_store(reviewed_run, tiny_model, tmp_path):
    _, seeds, out, _ = reviewed_run
    folder = copy_of(out, tmp_path)
    translate(seeds, folder, tiny_model, "--overwrite")
    assert {s.status for s in by_id(folder).values()} == {"mt"}
    assert "reviews" not in json.loads((folder / "manifest.json").read_text("utf-8"))


def test_unapplied_po_edits_stop_a_rerun_and_nothing_changes(reviewed_run, tiny_model, tmp_path):
    _, seeds, out, _ = reviewed_run
    folder = copy_of(out, tmp_path)
    edit_first_fuzzy(folder / "id-en.po", "A translator's edit, not applied yet.", folder / "id-en.po")
    before = snapshot(folder)
    result = invoke("translate", seeds, "-o", folder, "--model", tiny_model, "--beam-size", "1", "--no-glossary",
                    *FORMATS)
    assert result.exit_code == 1
    assert "1 translator edit(s) not in the store" in result.stderr and "review apply" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(folder) == before


def test_status_filter_applies_to_exchange_formats_not_the_store(reviewed_run, tmp_path):
    _, _, out, ids = reviewed_run
    for status, expected in (("reviewed", set(ids)), ("mt", set(by_id(out)) - set(ids))):
        for extension in (".tmx", ".po", ".xlf", ".tsv"):
            target = tmp_path / f"{status}{extension}"
            result = invoke("convert", out / "id-en.jsonl", target, "--status", status)
            assert result.exit_code == 0, result.stderr
            assert set(by_id(tmp_path, target.name)) == expected, (status, extension)


def test_translate_status_reviewed_writes_reviewed_tmx_and_a_whole_store(reviewed_run, tiny_model, tmp_path):
    _, seeds, out, ids = reviewed_run
    folder = copy_of(out, tmp_path)
    translate(seeds, folder, tiny_model, "--status", "reviewed")
    assert set(by_id(folder, "id-en.tmx")) == set(ids)
    assert len(by_id(folder)) == 160


def test_applying_the_same_review_twice_changes_nothing(reviewed_run, tmp_path):
    _, _, out, _ = reviewed_run
    folder = copy_of(out, tmp_path)
    before = snapshot(folder)
    result = invoke("review", "apply", folder / "id-en.po", folder / "id-en.jsonl")
    assert result.exit_code == 0
    assert "Applied 0 reviewed units" in result.stderr and "3 already reviewed" in result.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("include_fuzzy", [False, True])
def test_an_edit_left_fuzzy_is_reported_not_applied_unless_asked(reviewed_run, tmp_path, include_fuzzy):
    _, _, out, _ = reviewed_run
    folder = copy_of(out, tmp_path)
    entry = edit_first_fuzzy(folder / "id-en.po", "Edited but still fuzzy.", tmp_path / "edited.po")
    extra = ["--include-fuzzy"] if include_fuzzy else []
    result = invoke("review", "apply", tmp_path / "edited.po", folder / "id-en.jsonl", *extra)
    assert result.exit_code == 0, result.stderr
    record = by_id(folder)[entry.msgctxt]
    if include_fuzzy:
        assert "Applied 1 reviewed units" in result.stderr
        assert (record.status, record.target) == ("reviewed", "Edited but still fuzzy.")
    else:
        assert "1 edited, still marked for review: not applied" in result.stderr
        assert record.status == "mt"


def test_one_id_twice_with_different_targets_is_an_error(reviewed_run, tmp_path):
    _, _, out, _ = reviewed_run
    po = polib.pofile(str(out / "id-en.po"), wrapwidth=0)
    twin = polib.POEntry(msgctxt=po[0].msgctxt, msgid=po[0].msgid + " ", msgstr="Another target.")
    po.append(twin)
    po.save(str(tmp_path / "twice.po"))
    result = invoke("review", "apply", tmp_path / "twice.po", out / "id-en.jsonl")
    assert result.exit_code == 1
    assert "appear twice with different targets" in result.stderr and po[0].msgctxt in result.stderr


def test_a_po_whose_content_names_a_file_is_read_as_content(tmp_path):
    other = tmp_path / "other.po"
    other.write_text('msgctxt "d:1:1"\nmsgid "a"\nmsgstr "b"\n', "utf-8")
    reviewed = tmp_path / "reviewed.po"
    reviewed.write_text(str(other), "utf-8")  # the whole content is another file's path
    with pytest.raises(FormatError, match="not a readable PO file"):  # not other.po's entry
        read_corpus(reviewed)


def test_interrupt_message_counts_what_was_saved(tmp_path):
    from bitext.cli import common
    from bitext.translation.cache import TranslationCache

    cache = TranslationCache(tmp_path / "cache.sqlite3", "model")
    common.OPEN_CACHES.append(cache)
    try:
        assert "no translation of this run had been saved yet" in common.saved_message()
        cache.put_many([("k1", "a", "A"), ("k2", "b", "B")])
        assert "2 translations of this run are saved in" in common.saved_message()
    finally:
        common.OPEN_CACHES.remove(cache)
        cache.close()


def test_the_cache_is_committed_every_round_of_batches(tiny_model, tmp_path):
    """An interrupt loses at most the batches in flight: each round is committed at once."""
    from bitext.model import Segment
    from bitext.translation import TranslationSettings, load_translator
    from bitext.translation.cache import TranslationCache
    from bitext.translation.service import translate_segments

    translator = load_translator(TranslationSettings(model=str(tiny_model), beam_size=1, batch_size=2))

    class Counting(TranslationCache):
        commits: list[int] = []

        def put_many(self, items):
            items = list(items)
            self.commits.append(len(items))
            super().put_many(items)

    segments = [Segment("d", 1, n, f"Kalimat nomor {n} dalam uji ini.") for n in range(1, 8)]
    cache = Counting(tmp_path / "c.sqlite3", "m")
    translate_segments(segments, translator, cache=cache)
    assert sum(cache.commits) == 7 and max(cache.commits) <= 2 * translator.parallel_batches
    assert len(cache.commits) >= 4


def test_a_write_that_fails_midway_leaves_the_previous_set(reviewed_run, tiny_model, tmp_path, monkeypatch):
    """Disk full midway through the PO file (the third format, streamed): the folder keeps
    the whole previous set."""
    import errno

    from bitext.formats import po

    _, seeds, out, _ = reviewed_run
    folder = copy_of(out, tmp_path)
    before = snapshot(folder)
    render = po._PoWriter.render

    def disk_full_after_ten(self, segment):
        if self.count >= 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        return render(self, segment)

    monkeypatch.setattr(po._PoWriter, "render", disk_full_after_ten)
    result = invoke("translate", seeds, "-o", folder, "--model", tiny_model, "--beam-size", "1", "--no-glossary",
                    "--overwrite", *FORMATS)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # no staging, no temporary
