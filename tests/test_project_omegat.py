"""bitext export omegat: a project OmegaT opens with one segment per record, and back."""

from __future__ import annotations

import shutil
import subprocess
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.formats import read_corpus, write_corpus
from bitext.model import Corpus, Segment
from bitext.project.omegat import (
    MT_MEMORY,
    PROJECT_SAVE,
    export_project,
    reviewed_units,
    source_file_name,
)

from .conftest import GLOSSARY, SEEDS

OMEGAT = shutil.which("omegat")
needs_omegat = pytest.mark.skipif(OMEGAT is None, reason="OmegaT is not installed (apt-get install omegat)")


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory, tiny_model):
    """The seeds translated, three records reviewed (as review apply leaves them)."""
    out = tmp_path_factory.mktemp("omegat") / "out"
    result = invoke("translate", SEEDS, "-o", out, "--model", tiny_model, "--beam-size", "1", "-g", GLOSSARY,
                    "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    corpus = read_corpus(out / "id-en.jsonl")
    for number, segment in enumerate(corpus.segments[:3]):
        segment.mt, segment.target, segment.status = segment.target, f"Reviewed number {number}.", "reviewed"
    write_corpus(corpus, out / "id-en.jsonl")
    return out / "id-en.jsonl"


@pytest.fixture
def project(store, tmp_path):
    result = invoke("export", "omegat", store, tmp_path / "project", "-g", GLOSSARY)
    assert result.exit_code == 0, result.stderr
    assert "160 segments in 5 source files, 3 confirmed (reviewed), 157 machine translations" in result.stderr
    return tmp_path / "project"


def omegat_project_save(pairs: list[tuple[str, str]]) -> str:
    """project_save.tmx as OmegaT writes it: TMX 1.1 layout, `lang`, author attributes."""
    units = "".join(
        f'    <tu>\n      <tuv lang="id">\n        <seg>{escape(source)}</seg>\n      </tuv>\n'
        f'      <tuv lang="en" changeid="translator" changedate="20261123T120000Z" creationid="translator" '
        f'creationdate="20261123T120000Z">\n        <seg>{escape(target)}</seg>\n      </tuv>\n    </tu>\n'
        for source, target in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.1">\n'
        '  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" '
        'creationtoolversion="3.6.0_10" segtype="sentence" srclang="id"/>\n  <body>\n'
        f"<!-- Default translations -->\n{units}  </body>\n</tmx>\n"
    )


def test_project_layout_one_source_paragraph_per_record(project, store):
    corpus = read_corpus(store)
    assert (project / "omegat.project").read_text("utf-8").count("<sentence_seg>false</sentence_seg>") == 1
    sources = sorted(p.name for p in (project / "source").iterdir())
    assert sources == sorted(source_file_name(doc) for doc in corpus.documents())
    first = corpus.documents()[0]
    text = (project / "source" / source_file_name(first)).read_text("utf-8")
    assert text.split("\n\n")[:-1] == [s.source for s in corpus if s.doc == first]
    glossary = (project / "glossary" / "glossary.txt").read_text("utf-8").splitlines()
    assert "Korea Utara\tNorth Korea\tproper noun; also accepted: North Korean" in glossary


def test_confirmed_translations_come_back_from_project_save(project, store):
    corpus = read_corpus(store)
    units = reviewed_units(project, corpus)
    assert [(u.id, u.target) for u in units] == [(s.id, s.target) for s in corpus.segments[:3]]


def test_a_source_reviewed_two_ways_gets_an_alternative_translation(tmp_path):
    segments = [Segment("a.txt", 1, 1, "Ya.", "Yes.", "reviewed"), Segment("a.txt", 2, 1, "Tidak.", "No.", "mt"),
                Segment("a.txt", 3, 1, "Ya.", "Indeed.", "reviewed")]
    corpus = Corpus(segments)
    export_project(corpus, tmp_path / "p")
    save = (tmp_path / "p" / PROJECT_SAVE).read_text("utf-8")
    assert save.count("<tu>") == 2 and '<prop type="prev">Tidak.</prop>' in save
    assert [(u.id, u.target) for u in reviewed_units(tmp_path / "p", corpus)] == [("a.txt:1:1", "Yes."),
                                                                                ("a.txt:3:1", "Indeed.")]


def test_export_refuses_to_overwrite_a_project_holding_a_translators_work(project, store):
    save = project / PROJECT_SAVE
    save.write_text(save.read_text("utf-8").replace("Reviewed number 0.", "Confirmed in OmegaT."), "utf-8")
    before = save.read_bytes()
    result = invoke("export", "omegat", store, project)
    assert result.exit_code == 1 and "already an OmegaT project" in result.stderr
    assert save.read_bytes() == before


def test_an_untouched_export_is_replaced_by_the_next_export(project, store):
    """Nothing was confirmed since bitext wrote it (or an export was killed mid-publish and
    finished by the next run): exporting again needs no --overwrite."""
    result = invoke("export", "omegat", store, project)
    assert result.exit_code == 0, result.stderr


def test_review_apply_reads_what_the_translator_confirmed(project, store, tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    shutil.copy(store, folder / "id-en.jsonl")
    corpus = read_corpus(store)
    confirmed = [(s.source, s.target) for s in corpus.segments[:3]]
    confirmed += [(corpus.segments[5].source, "Confirmed in OmegaT."), (corpus.segments[9].source, "Also confirmed.")]
    (project / PROJECT_SAVE).write_text(omegat_project_save(confirmed), "utf-8")
    result = invoke("review", "apply", project, folder / "id-en.jsonl")
    assert result.exit_code == 0, result.stderr
    assert "Applied 2 reviewed units (2 edited" in result.stderr and "3 already reviewed" in result.stderr
    after = read_corpus(folder / "id-en.jsonl")
    reviewed = [s for s in after if s.status == "reviewed"]
    assert len(reviewed) == 5
    assert after.segments[5].target == "Confirmed in OmegaT." and after.segments[5].mt == corpus.segments[5].target


@needs_omegat
def test_omegat_counts_one_segment_per_record_and_only_reviews_as_translated(project, store, tmp_path):
    corpus = read_corpus(store)
    run = subprocess.run(
        [OMEGAT, "--mode=console-translate", f"--config-dir={tmp_path / 'config'}", str(project)],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    stats = (project / "omegat" / "project_stats.txt").read_text("utf-8").splitlines()
    total = next(line for line in stats if line.startswith("Total:")).split()
    remaining = next(line for line in stats if line.startswith("Remaining:")).split()
    assert int(total[1]) == len(corpus) == 160
    assert int(remaining[1]) == len([s for s in corpus if s.status == "mt"]) == 157
    first = corpus.documents()[0]
    target = (project / "target" / source_file_name(first)).read_text("utf-8").split("\n\n")
    assert target[:3] == [s.target for s in corpus.segments[:3]]  # the reviewed text, confirmed
    assert target[3] == corpus.segments[3].source  # MT is a match to post-edit, not a translation
    assert f"Reading TMX file {project / MT_MEMORY}" in run.stdout + run.stderr  # the MT memory is loaded
