"""The translator review loop: all formats from one run agree; reviewed PO, XLIFF and TMX
come back into the corpus with the machine translation kept."""

import json

import polib
import pytest
from click.testing import CliRunner
from lxml import etree

from bitext.cli import main
from bitext.errors import ReviewError
from bitext.formats import read_corpus, write_corpus
from bitext.project.review import apply_review

from .conftest import SEEDS

FORMATS = ["tmx", "jsonl", "po", "xliff", "moses"]


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def run(tiny_model, tmp_path):
    """A fresh translate run writing all five formats."""
    formats = [option for name in FORMATS for option in ("--format", name)]
    result = invoke("translate", SEEDS, "-o", tmp_path, "--model", tiny_model, "--beam-size", "1", "--no-cache", *formats)
    assert result.exit_code == 0, result.stderr
    return tmp_path


def records(folder):
    return [json.loads(line) for line in (folder / "id-en.jsonl").read_text("utf-8").splitlines()]


def test_all_five_formats_agree_on_segments_and_text(run):
    jsonl = read_corpus(run / "id-en.jsonl")
    for path in ["id-en.tmx", "id-en.po", "id-en.xlf", "id-en.moses"]:
        other = read_corpus(run / path)
        assert [s.id for s in other] == [s.id for s in jsonl], path
        assert [(s.source, s.target) for s in other] == [(s.source, s.target) for s in jsonl], path
    lines = [(run / name).read_text("utf-8").splitlines() for name in ("id-en.id", "id-en.en", "id-en.ids")]
    assert len(lines[0]) == len(lines[1]) == len(lines[2]) == len(jsonl)


def edit_po_like_poedit(path, edits: dict[int, str]):
    """Change msgstr and clear the fuzzy flag of some entries, as a translator in Poedit does."""
    po = polib.pofile(str(path))
    entries = [entry for entry in po if not entry.obsolete]
    changed = {}
    for index, text in edits.items():
        entry = entries[index]
        entry.msgstr = text
        entry.flags.remove("fuzzy")
        changed[entry.msgctxt] = text
    po.save(str(path))
    return changed


def test_reviewed_po_comes_back_into_jsonl_and_tmx(run):
    before = {r["id"]: r for r in records(run)}
    changed = edit_po_like_poedit(run / "id-en.po", {0: "Putin and Kim promise closer ties", 5: "Hello.", 9: "Third edit."})
    result = invoke("review", "apply", run / "id-en.po", run / "id-en.jsonl")
    assert result.exit_code == 0, result.stderr
    assert "Applied 3 reviewed units (3 edited, 0 approved as they were)" in result.stderr

    after = {r["id"]: r for r in records(run)}
    assert list(after) == list(before)
    for segment_id, record in after.items():
        if segment_id in changed:
            assert record["status"] == "reviewed" and record["target"] == changed[segment_id]
            assert record["mt"] == before[segment_id]["target"]  # the machine translation is kept
        else:
            assert record == before[segment_id]

    units = {tu.get("tuid"): tu for tu in etree.parse(str(run / "id-en.tmx")).iter("tu")}
    for segment_id, text in changed.items():
        assert units[segment_id].findall("tuv")[1].findtext("seg") == text
        props = {p.get("type"): p.text for p in units[segment_id].findall("prop")}
        assert props["x-status"] == "reviewed" and props["x-mt"] == before[segment_id]["target"]
    assert read_corpus(run / "id-en.xlf").by_id()[next(iter(changed))].status == "reviewed"
    manifest = json.loads((run / "manifest.json").read_text("utf-8"))
    assert manifest["reviews"][-1]["applied"] == 3


def test_approving_without_change_in_xliff(run):
    tree = etree.parse(str(run / "id-en.xlf"))
    namespace = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    unit = tree.find(".//x:trans-unit", namespace)
    unit.set("approved", "yes")
    unit.find("x:target", namespace).set("state", "translated")
    tree.write(str(run / "reviewed.xlf"), xml_declaration=True, encoding="UTF-8")
    result = invoke("review", "apply", run / "reviewed.xlf", run / "id-en.jsonl")
    assert result.exit_code == 0, result.stderr
    assert "Applied 1 reviewed units (0 edited, 1 approved as they were)" in result.stderr
    record = records(run)[0]
    assert record["status"] == "reviewed" and record["mt"] == record["target"]


def test_edited_tmx_counts_as_reviewed(run):
    corpus = read_corpus(run / "id-en.tmx")
    corpus.segments[2].target = "An edited translation."
    write_corpus(corpus, run / "edited.tmx")
    result = invoke("review", "apply", run / "edited.tmx", run / "id-en.jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["target"] for r in records(run) if r["status"] == "reviewed"] == ["An edited translation."]


def test_unknown_ids_are_an_error_and_nothing_is_written(run):
    corpus = read_corpus(run / "id-en.po")
    corpus.segments[0].doc = "not-in-corpus.txt"
    corpus.segments[0].status = "reviewed"
    write_corpus(corpus, run / "foreign.po")
    before = (run / "id-en.jsonl").read_bytes(), (run / "id-en.tmx").read_bytes()
    result = invoke("review", "apply", run / "foreign.po", run / "id-en.jsonl")
    assert result.exit_code == 1
    assert "1 reviewed unit(s) have ids not in the corpus: not-in-corpus.txt:2:1" in result.stderr
    assert ((run / "id-en.jsonl").read_bytes(), (run / "id-en.tmx").read_bytes()) == before


def test_a_unit_for_a_different_source_is_refused():
    from bitext.model import Corpus, Segment

    corpus = Corpus([Segment("d", 1, 1, "Satu.", "One.", "mt")])
    reviewed = Corpus([Segment("d", 1, 1, "Dua.", "Two.", "reviewed")])
    with pytest.raises(ReviewError, match="translate a different source text: d:1:1"):
        apply_review(corpus, reviewed)


def test_reviewed_po_is_still_valid_for_translate_toolkit(run):
    factory = pytest.importorskip("translate.storage.factory")
    edit_po_like_poedit(run / "id-en.po", {1: "Reviewed."})
    invoke("review", "apply", run / "id-en.po", run / "id-en.jsonl")
    units = [u for u in factory.getobject(str(run / "id-en.po")).units if not u.isheader()]
    reviewed = [u for u in units if not u.isfuzzy()]
    assert [u.target for u in reviewed] == ["Reviewed."]
