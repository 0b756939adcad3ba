"""The output folder as a project (issues 19 and 24): each way a new user once lost typed
work or hit a dead end, tried again."""

from __future__ import annotations

import json
import shutil

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from bitext.cli import main
from bitext.files import safe_file_name
from bitext.formats import read_corpus

from .conftest import SEEDS

XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(arg) for arg in args], **kwargs)


def translate(out, model, *extra, inputs=SEEDS):
    result = invoke("translate", inputs, "-o", out, "--model", model, "--beam-size", "1", "--no-glossary", "-q",
                    *extra)
    assert result.exit_code == 0, result.output
    return result


def by_id(path):
    return {segment.id: segment for segment in read_corpus(path)}


@pytest.fixture(scope="module")
def project(tmp_path_factory, tiny_model):
    """The seeds translated into JSONL, TMX, PO and XLIFF."""
    root = tmp_path_factory.mktemp("project")
    (root / "seeds").mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[2:4]:
        shutil.copy(page, root / "seeds")
    translate(root / "out", tiny_model, "-f", "jsonl", "-f", "tmx", "-f", "po", "-f", "xliff", inputs=root / "seeds")
    return root / "out"


@pytest.fixture
def folder(project, tmp_path):
    shutil.copytree(project, tmp_path / "out")
    return tmp_path / "out"


def test_a_fuzzy_edit_survives_review_apply_of_its_confirmed_neighbour(folder):
    po = polib.pofile(str(folder / "id-en.po"), wrapwidth=0)
    confirmed, fuzzy = [entry for entry in po if entry.msgstr][:2]
    confirmed.msgstr, fuzzy.msgstr = "Confirmed by the translator.", "Typed, still fuzzy."
    confirmed.flags.remove("fuzzy")
    po.save()
    result = invoke("review", "apply", folder / "id-en.po", folder / "id-en.jsonl")
    assert result.exit_code == 0, result.output
    assert "1 edited, still marked for review: not applied, kept as drafts" in result.stderr
    rewritten = {entry.msgctxt: entry for entry in polib.pofile(str(folder / "id-en.po"))}
    assert rewritten[confirmed.msgctxt].msgstr == "Confirmed by the translator." and not rewritten[confirmed.msgctxt].fuzzy
    assert rewritten[fuzzy.msgctxt].msgstr == "Typed, still fuzzy." and rewritten[fuzzy.msgctxt].fuzzy
    record = by_id(folder / "id-en.jsonl")[fuzzy.msgctxt]
    assert record.status == "mt" and record.draft == "Typed, still fuzzy." and record.target != record.draft
    units = {u.get("id"): u for u in etree.parse(str(folder / "id-en.xlf")).iter(f"{XLIFF}trans-unit")}
    target = units[fuzzy.msgctxt].find(f"{XLIFF}target")
    assert target.text == "Typed, still fuzzy." and target.get("state") == "needs-review-translation"


def test_an_approved_unit_in_a_sibling_xliff_is_applied_not_lost(folder):
    tree = etree.parse(str(folder / "id-en.xlf"))
    unit = next(tree.iter(f"{XLIFF}trans-unit"))
    unit.set("approved", "yes")
    unit.find(f"{XLIFF}target").text = "Approved in the XLIFF."
    unit.find(f"{XLIFF}target").set("state", "translated")
    tree.write(str(folder / "id-en.xlf"), xml_declaration=True, encoding="UTF-8")
    po = polib.pofile(str(folder / "id-en.po"), wrapwidth=0)
    entry = [e for e in po if e.msgstr][5]
    entry.msgstr = "Confirmed in the PO."
    entry.flags.remove("fuzzy")
    po.save()
    result = invoke("review", "apply", folder / "id-en.po", folder / "id-en.jsonl")
    assert result.exit_code == 0, result.output
    assert "also applied 1 confirmed edits from id-en.xlf" in result.stderr
    records = by_id(folder / "id-en.jsonl")
    assert records[unit.get("id")].target == "Approved in the XLIFF." and records[unit.get("id")].status == "reviewed"
    assert by_id(folder / "id-en.xlf")[unit.get("id")].target == "Approved in the XLIFF."


def test_no_stale_exchange_file_after_a_run_with_fewer_formats(tmp_path, tiny_model):
    """Default run (TMX), then -f jsonl -f po, a review, a changed source sentence, a default
    run again: the TMX was kept up to date all along, so nothing stops the last run."""
    inputs, out = tmp_path / "seeds", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[2], inputs)  # one article keeps three runs short
    translate(out, tiny_model, inputs=inputs)
    result = translate(out, tiny_model, "-f", "jsonl", "-f", "po", inputs=inputs)
    po = polib.pofile(str(out / "id-en.po"), wrapwidth=0)
    entry = next(e for e in po if e.msgstr)
    entry.msgstr = "Reviewed."
    entry.flags.remove("fuzzy")
    po.save()
    assert invoke("review", "apply", out / "id-en.po", out / "id-en.jsonl").exit_code == 0
    assert by_id(out / "id-en.tmx")[entry.msgctxt].target == "Reviewed."  # the TMX follows the store
    page = inputs / entry.msgctxt.rsplit(":", 2)[0]
    page.write_text(page.read_text("utf-8").replace(entry.msgid, "Kalimat yang sudah diubah."), "utf-8")
    result = invoke("translate", inputs, "-o", out, "--model", tiny_model, "--beam-size", "1", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "set aside 1" in result.stderr
    aside = read_corpus(out / "set-aside.jsonl").segments
    assert [(s.id, s.status, s.target) for s in aside] == [(entry.msgctxt, "reviewed", "Reviewed.")]


def test_a_review_of_a_sentence_that_changed_is_kept_aside_not_refused(folder):
    """A PO reviewed after its sentence changed in the store: no dead end, the review waits in set-aside."""
    po = polib.pofile(str(folder / "id-en.po"), wrapwidth=0)
    entry = next(e for e in po if e.msgstr)
    entry.msgstr = "Reviewed for the old sentence."
    entry.flags.remove("fuzzy")
    po.save(str(folder.parent / "reviewed.po"))
    store = read_corpus(folder / "id-en.jsonl")
    store.segments[0].source = "Kalimat baru yang lain."
    from bitext.formats import write_corpus

    write_corpus(store, folder / "id-en.jsonl")
    result = invoke("review", "apply", folder.parent / "reviewed.po", folder / "id-en.jsonl")
    assert result.exit_code == 0, result.output
    assert "1 reviews of sentences no longer in the store kept in set-aside.jsonl" in result.stderr
    aside = read_corpus(folder / "set-aside.jsonl").segments
    assert [(s.source, s.target, s.status) for s in aside] == [(entry.msgid, "Reviewed for the old sentence.", "reviewed")]


def test_align_never_replaces_a_translated_store(folder, tmp_path):
    source, target = tmp_path / "id.txt", tmp_path / "en.txt"
    source.write_text("Polisi menangkap lima orang.\n", "utf-8")
    target.write_text("Police arrested five people.\n", "utf-8")
    before = (folder / "id-en.jsonl").read_bytes()
    result = invoke("align", source, target, "-o", folder, "--presegmented", "--no-glossary")
    assert result.exit_code == 1 and "made by `bitext translate`" in result.stderr and "--overwrite" in result.stderr
    assert (folder / "id-en.jsonl").read_bytes() == before


def test_align_keeps_set_aside_records_and_lists_unaligned_in_the_manifest(tmp_path):
    source, target, out = tmp_path / "id.txt", tmp_path / "en.txt", tmp_path / "out"
    source.write_text("Polisi menangkap lima orang.\nIni kalimat tanpa pasangan.\n", "utf-8")
    target.write_text("Police arrested five people.\n", "utf-8")
    out.mkdir()
    aside = '{"id": "old:1:1", "source": "Lama.", "target": "Old.", "status": "reviewed"}\n'
    (out / "set-aside.jsonl").write_text(aside, "utf-8")
    result = invoke("align", source, target, "-o", out, "--presegmented", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert (out / "set-aside.jsonl").read_text("utf-8") == aside
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert "unaligned.jsonl" in manifest["outputs"] and manifest["command"] == "align"


def test_review_apply_to_an_exchange_file_names_the_store(folder):
    po = polib.pofile(str(folder / "id-en.po"), wrapwidth=0)
    entry = next(e for e in po if e.msgstr)
    entry.msgstr, entry.flags = "Reviewed.", []
    po.save(str(folder.parent / "reviewed.po"))
    before = (folder / "id-en.jsonl").read_bytes()
    result = invoke("review", "apply", folder.parent / "reviewed.po", folder / "id-en.tmx")
    assert result.exit_code == 1 and f"whose store is {folder / 'id-en.jsonl'}" in result.stderr
    assert (folder / "id-en.jsonl").read_bytes() == before
    assert invoke("review", "apply", folder.parent / "reviewed.po", folder).exit_code == 0  # the folder names the store
    assert by_id(folder / "id-en.jsonl")[entry.msgctxt].target == "Reviewed."


def test_an_edited_file_bitext_cannot_read_stops_the_run_and_is_kept(folder, tiny_model):
    po = folder / "id-en.po"
    po.write_bytes(po.read_text("utf-8").replace('msgstr "', 'msgstr "Disunting \xe9 ', 1).encode("latin-1", "replace"))
    before = po.read_bytes()
    result = invoke("translate", SEEDS, "-o", folder, "--model", tiny_model, "--beam-size", "1", "--no-glossary")
    assert result.exit_code == 1 and "id-en.po may hold a translator's edits but bitext cannot read it" in result.stderr
    assert po.read_bytes() == before and "Traceback" not in result.output


def test_untouched_exchange_files_are_recognised_by_their_hash(project):
    manifest = json.loads((project / "manifest.json").read_text("utf-8"))
    from bitext.files import sha256_file

    for name in ("id-en.jsonl", "id-en.tmx", "id-en.po", "id-en.xlf", "dropped.jsonl"):
        assert manifest["files"][name] == sha256_file(project / name), name


def test_the_default_glossary_is_used_and_named_outside_a_clone(tmp_path, tiny_model, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no glossary/ here: bitext's own, shipped in the package
    page = tmp_path / "page.txt"
    page.write_text("Korea Utara menolak tawaran itu.\nDewan Keamanan PBB bersidang.\n", "utf-8")
    result = invoke("translate", page, "-o", tmp_path / "out", "--model", tiny_model, "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert "Glossary: 24 entries from bitext's default glossary" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["glossary"]["entries"] == 24 and manifest["glossary"]["hash"]


def test_the_package_ships_its_glossary_and_the_repository_its_licence():
    from importlib import resources

    from .conftest import REPO

    assert resources.files("bitext.data").joinpath("glossary-id-en.tsv").is_file()
    assert "Apache License" in (REPO / "LICENSE").read_text("utf-8")


# -- OmegaT projects (issue 24) -------------------------------------------------------------


def _store_with_docs(tmp_path, docs):
    from bitext.formats import write_corpus
    from bitext.model import Corpus, Segment

    segments = [Segment(doc, 1, 1, f"Kalimat {n}.", f"Sentence {n}.", "mt") for n, doc in enumerate(docs)]
    write_corpus(Corpus(segments), tmp_path / "store.jsonl")
    return tmp_path / "store.jsonl"


@pytest.mark.parametrize("docs", [
    ["berita", "berita.txt", "a b", "a_b", "a.txt", "a.txt/b"],
    ["x" * 380, "x" * 381, "a\x00b", "../../etc/passwd", "/abs/path.txt", "CON"],
])
def test_export_omegat_writes_every_segment_whatever_the_document_ids(tmp_path, docs):
    store = _store_with_docs(tmp_path, docs)
    result = invoke("export", "omegat", store, tmp_path / "project", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "6 segments in 6 source files" in result.stderr
    files = list((tmp_path / "project" / "source").iterdir())
    assert len(files) == 6 and all(path.parent.name == "source" for path in files)
    assert not (tmp_path / "etc").exists()


def test_export_omegat_on_a_full_disk_is_one_line(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    store = _store_with_docs(tmp_path, ["a.txt"])
    real = Path.write_text

    def full(self, *args, **kwargs):
        if "source" in self.parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    result = invoke("export", "omegat", store, tmp_path / "project", "--no-glossary")
    assert result.exit_code == 1 and "No space left on device" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "project" / "omegat.project").exists()


def test_an_export_killed_mid_publish_is_finished_by_the_next_export(tmp_path, monkeypatch):
    """The process dies between two renames: rerunning the export (or review apply on the
    project) finishes or redoes it; no --overwrite is needed."""
    import os

    from bitext.project import folder as folder_module

    store = _store_with_docs(tmp_path, ["a.txt", "b.txt"])
    real_replace, calls = os.replace, []

    def die_on_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt  # stands for SIGKILL: nothing after this point runs
        return real_replace(*args, **kwargs)

    monkeypatch.setattr(folder_module.os, "replace", die_on_third)
    invoke("export", "omegat", store, tmp_path / "project", "--no-glossary")
    monkeypatch.setattr(folder_module.os, "replace", real_replace)
    result = invoke("export", "omegat", store, tmp_path / "project", "--no-glossary")
    assert result.exit_code == 0, result.output
    result = invoke("review", "apply", tmp_path / "project", store)
    assert result.exit_code == 0, result.output


@given(st.lists(st.text(min_size=1, max_size=300), min_size=2, max_size=20, unique=True))
def test_document_file_names_are_injective_bounded_and_flat(docs):
    names = [safe_file_name(doc) for doc in docs]
    assert len(set(names)) == len(names)
    for name in names:
        assert len(name) <= 160 and name.endswith(".txt")
        assert "/" not in name and "\\" not in name and "\x00" not in name and name not in (".", "..")
        assert not name.startswith(".")


def test_a_review_saved_in_nfd_is_the_same_sentence(folder):
    """An editor that saves decomposed characters (NFD) does not make a review a different source."""
    import unicodedata

    from bitext.formats import write_corpus
    from bitext.model import Corpus, Segment

    store = read_corpus(folder / "id-en.jsonl")
    store.segments[0].source = "Kafe di Jakarta menjual kopi seharga Rp20.000 per cangkir, kata pemiliknya Andrés."
    write_corpus(store, folder / "id-en.jsonl")
    first = store.segments[0]
    nfd = Segment(first.doc, first.paragraph, first.sentence, unicodedata.normalize("NFD", first.source),
                  "Reviewed in NFD.", "reviewed")
    write_corpus(Corpus([nfd]), folder.parent / "nfd.tmx")
    result = invoke("review", "apply", folder.parent / "nfd.tmx", folder / "id-en.jsonl")
    assert result.exit_code == 0, result.output
    assert by_id(folder / "id-en.jsonl")[first.id].target == "Reviewed in NFD."


@pytest.mark.parametrize("command", ["report", "convert"])
def test_one_file_commands_never_write_over_the_store(command, tmp_path):
    from bitext.formats import write_corpus
    from bitext.model import Corpus, Segment

    store = tmp_path / "id-en.jsonl"
    write_corpus(Corpus([Segment("d", 1, 1, "Halo.", "Hello.", status="reviewed")]), store)
    before = store.read_bytes()
    arguments = [command, str(store), *(["-o", str(store)] if command == "report" else [str(store)])]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1 and "is also the input" in result.output
    assert store.read_bytes() == before
