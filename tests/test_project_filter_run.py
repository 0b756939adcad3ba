"""Publishing a filter run (bitext.project.filter_run) and the ``bitext filter`` command."""

import json

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import BitextError
from bitext.filtering import FilterConfig, FilterOptions
from bitext.filtering.engines import InProcess
from bitext.formats import read_corpus
from bitext.project.filter_run import filter_into

from .filtering_pairs import segments
from .test_filtering_driver import NOISY


def records(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_pair_is_in_the_store_or_in_filtered(tmp_path):
    out = tmp_path / "out"
    options = FilterOptions(FilterConfig(), engine=InProcess(), formats=("tmx", "moses"))
    tally, written = filter_into(out, segments(NOISY), options)
    kept, removed = records(out / "id-en.jsonl"), records(out / "filtered.jsonl")
    assert sorted(r["id"] for r in kept + removed) == sorted(s.id for s in segments(NOISY))
    assert len(kept) == tally.kept == 12 and len(removed) == tally.removed == 5
    assert all(r["reasons"] and r["scores"]["lexical"] >= 0 for r in removed)
    assert all("scores" in r and "reasons" not in r for r in kept)
    assert len(read_corpus(out / "id-en.tmx")) == 12 and (out / "id-en.id").read_text().count("\n") == 12
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["removed_by_filter"]["duplicates"] == 1
    assert manifest["thresholds"]["lexical"]["min_lexical"] == FilterConfig().settings["lexical"].min_lexical
    assert {p.name for p in written} >= {"id-en.jsonl", "filtered.jsonl", "manifest.json", "id-en.tmx"}
    assert not [p.name for p in out.iterdir() if p.name.startswith(".filter")]


def test_bad_input_found_late_publishes_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(BitextError, match="target side is empty"):
        filter_into(out, segments([(s, "") for s, _ in NOISY]), FilterOptions(engine=InProcess()))
    assert not (out / "id-en.jsonl").exists() and not (out / "filtered.jsonl").exists()


def invoke(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def corpus_file(tmp_path, pairs=NOISY):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"p-{n}", "source": s, "target": t}) + "\n" for n, (s, t) in enumerate(pairs)))
    return path


def test_the_command_writes_and_summarises(tmp_path):
    result = invoke("filter", corpus_file(tmp_path), "-o", tmp_path / "out", "--no-glossary", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "kept 12, removed 5" in result.stderr and "filtered.jsonl" in result.stderr
    quiet = invoke("filter", corpus_file(tmp_path), "-o", tmp_path / "q", "--no-glossary", "--workers", "1", "-q",
                   "--keep-all")
    assert quiet.exit_code == 0 and quiet.output == "" and len(records(tmp_path / "q" / "id-en.jsonl")) == 17


@pytest.mark.parametrize("setup,complaint", [
    ("unknown-filter", "unknown filter [lenght]"),
    ("unknown-threshold", "[length] has no threshold 'min'"),
    ("moses", "line counts differ"),
    ("empty-side", "target side is empty"),
    ("missing", "no such file"),
])
def test_bad_input_is_one_line_and_nothing_is_published(tmp_path, setup, complaint):
    config = tmp_path / "filter.toml"
    config.write_text("[lenght]\nmin_words = 2\n" if setup == "unknown-filter" else "[length]\nmin = 2\n")
    source = corpus_file(tmp_path)
    args = ["--config", config] if setup.startswith("unknown") else []
    if setup == "moses":
        (tmp_path / "c.id").write_text("Satu.\nDua.\n")
        (tmp_path / "c.en").write_text("One.\n")
        (tmp_path / "c.ids").write_text("a:1:1\tmt\nb:1:1\tmt\n")
        source, args = tmp_path / "c.ids", ["--from", "moses"]
    elif setup == "empty-side":
        source = corpus_file(tmp_path, [(s, "") for s, _ in NOISY])
    elif setup == "missing":
        source = tmp_path / "nothing.jsonl"
    result = invoke("filter", source, "-o", tmp_path / "out", "--no-glossary", "--workers", "1", *args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: ") and complaint in lines[0], lines
    assert not (tmp_path / "out" / "id-en.jsonl").exists()


def test_show_config_prints_the_documented_defaults():
    result = invoke("filter", "--show-config")
    assert result.exit_code == 0 and "[lexical]" in result.output and "min_lexical = 0.1  #" in result.output
