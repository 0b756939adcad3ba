"""The command line, through click's CliRunner, on the tiny random-weight model."""

import json
import shutil

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext.cli import main

from .conftest import SEEDS


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(arg) for arg in args], input=input)


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.fixture(scope="module")
def translated(tmp_path_factory, tiny_model):
    out = tmp_path_factory.mktemp("run") / "out"
    result = invoke("translate", SEEDS, "-o", out, "--model", tiny_model, "--beam-size", "2", "--no-glossary")
    assert result.exit_code == 0, result.stderr
    return out, result


def test_translate_writes_tmx_jsonl_dropped_and_manifest(translated):
    out, result = translated
    assert sorted(p.name for p in out.iterdir()) == [
        "cache.sqlite3", "dropped.jsonl", "id-en.jsonl", "id-en.tmx", "manifest.json",
    ]  # the folder itself is locked: no lock, staging or temporary file is left
    assert "Translated" in result.stderr and f"Wrote {out}/" in result.stderr


def test_tmx_and_jsonl_hold_the_same_segments_from_all_documents(translated, tmx_dtd):
    out, _ = translated
    tree = etree.parse(str(out / "id-en.tmx"))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log
    records = [json.loads(line) for line in (out / "id-en.jsonl").read_text("utf-8").splitlines()]
    units = tree.findall("body/tu")
    assert len(units) == len(records) > 100
    assert [u.get("tuid") for u in units] == [r["id"] for r in records]
    assert {r["doc"] for r in records} == {p.name for p in SEEDS.glob("*.txt")}
    assert all(r["target"] and r["status"] == "mt" for r in records)
    assert all(r["signature"].startswith("bitext:") for r in records)
    header = tree.find("header")
    assert header.get("srclang") == "id" and header.get("segtype") == "sentence"
    assert all(tuv.get("{http://www.w3.org/XML/1998/namespace}lang") in ("id", "en") for tuv in tree.iter("tuv"))


def test_manifest_records_model_settings_counts_and_timings(translated, tiny_model):
    out, _ = translated
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["model"]["model"] == str(tiny_model)
    assert manifest["model"]["revision"].startswith("sha256:")
    assert manifest["model"]["beam_size"] == 2
    assert manifest["counts"]["documents"] == 5
    assert manifest["counts"]["segments"] == len((out / "id-en.jsonl").read_text("utf-8").splitlines())
    assert manifest["counts"]["split_segments"] > 0  # the tiny model reads 64 tokens: long ones are split
    assert set(manifest["timings"]) >= {"load_model", "clean_and_segment", "translate", "write"}


def test_second_run_comes_from_the_cache(translated, tiny_model):
    out, _ = translated
    result = invoke("translate", SEEDS, "-o", out, "--model", tiny_model, "--beam-size", "2", "--no-glossary")
    assert result.exit_code == 0
    assert "(0 by the model," in result.stderr


def test_default_output_folder_and_all_formats(tiny_model, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, "seeds")
    formats = ["--format", "tmx", "--format", "jsonl", "--format", "po", "--format", "xliff", "--format", "moses"]
    result = invoke("translate", "seeds/", "--model", tiny_model, "--beam-size", "1", "--no-cache", *formats)
    assert result.exit_code == 0, result.stderr
    assert "Wrote out/" in result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != ".bitext.lock")
    assert names == ["dropped.jsonl", "id-en.en", "id-en.id", "id-en.ids", "id-en.jsonl", "id-en.po", "id-en.tmx",
                     "id-en.xlf", "manifest.json"]


def test_quiet_prints_nothing(tiny_model, tmp_path):
    result = invoke("translate", SEEDS / "002_3ffcf151adeb4a7b.txt", "-o", tmp_path, "--model", tiny_model, "-q",
                    "--no-glossary")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_stdin_input(tiny_model, tmp_path):
    result = invoke("translate", "-", "-o", tmp_path, "--model", tiny_model, "-q", input="Korea Utara menolak. Itu saja.\n")
    assert result.exit_code == 0, result.stderr
    ids = [json.loads(line)["id"] for line in (tmp_path / "id-en.jsonl").read_text("utf-8").splitlines()]
    assert ids == ["stdin:1:1", "stdin:1:2"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["translate", "no-such-dir", "--model", "x"], "no such file or directory: no-such-dir"),
        (["translate", SEEDS, "--model", "./no/model/here"], "no model folder at ./no/model/here"),
        (["translate", SEEDS, "--format", "docx"], "unknown format 'docx'"),
        (["segment", "no-such-file.txt"], "no such file or directory"),
        (["convert", "a.docx", "b.tmx"], "cannot tell the format of a.docx"),
    ],
)
def test_user_errors_are_one_line_without_traceback(args, message):
    assert message in one_error_line(invoke(*args))


def test_empty_input_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("\n\n", "utf-8")
    assert "holds no text" in one_error_line(invoke("translate", tmp_path / "empty.txt", "--model", "x"))


def test_output_folder_that_cannot_be_written(tmp_path, tiny_model):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    line = one_error_line(invoke("translate", SEEDS, "-o", blocker / "out", "--model", tiny_model))
    assert "cannot write to output folder" in line


def test_unloadable_hub_model_says_how_to_fix_it(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    line = one_error_line(invoke("translate", SEEDS, "-o", tmp_path / "o", "--model", "Helsinki-NLP/opus-mt-id-en"))
    assert "HF_HUB_OFFLINE" in line and "--model" in line and "hf download" in line


def test_a_failed_run_leaves_no_half_written_output(tiny_model, tmp_path, monkeypatch):
    def explode(self, *args):
        raise RuntimeError("model crashed")

    monkeypatch.setattr("bitext.translation.hf.TransformersTranslator._translate_batch", explode)
    result = invoke("translate", SEEDS, "-o", tmp_path, "--model", tiny_model, "--no-glossary")
    assert result.exit_code != 0
    assert not (tmp_path / "id-en.tmx").exists() and not (tmp_path / "id-en.jsonl").exists()


def test_glossary_error_is_one_line(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("source\ttarget\nPBB\t\n", "utf-8")
    assert "g.tsv:2: empty target term" in one_error_line(invoke("translate", SEEDS, "-g", bad, "--model", "x"))


def test_segment_prints_sentences_with_blank_lines_between_paragraphs():
    result = invoke("segment", SEEDS / "002_3ffcf151adeb4a7b.txt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Presiden Rusia, Vladimir Putin, dan pemimpin Korea Utara, Kim Jong-un, menandatangani sebuah pakta "
        "pertahanan bersama pada Rabu (19/6).",
        "Keduanya berjanji untuk saling membantu, jika diserang oleh pihak lain.",
        "",
    ]
    assert "Your browser doesn’t support HTML5" not in lines


def test_segment_jsonl_carries_ids_and_classes():
    result = invoke("segment", "--format", "jsonl", "--keep-all", SEEDS / "002_3ffcf151adeb4a7b.txt")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["id"] == "002_3ffcf151adeb4a7b.txt:1:1"
    assert {"id", "doc", "paragraph", "sentence", "kind", "source"} <= set(records[0])
    assert any(r["kind"] == "boilerplate" for r in records)


def test_help_is_fast_and_imports_no_torch():
    import subprocess
    import sys

    code = "import sys; from bitext.cli import main; print('torch' in sys.modules, 'transformers' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]


def test_segment_imports_no_torch_polib_or_lxml():
    import subprocess
    import sys

    from .conftest import SEEDS

    code = (
        "import sys; from click.testing import CliRunner; from bitext.cli import main; "
        f"result = CliRunner().invoke(main, ['segment', {str(SEEDS)!r}]); assert result.exit_code == 0; "
        "print(sorted(m for m in ('torch', 'transformers', 'polib', 'lxml') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_seeds_with_the_default_glossary_meet_99_percent_of_terms(tiny_model, tmp_path, monkeypatch):
    from .conftest import REPO

    monkeypatch.chdir(REPO)  # the default glossary is glossary/id-en.tsv in the current folder
    result = invoke("translate", "seeds/", "-o", tmp_path, "--model", tiny_model, "--beam-size", "2", "--no-cache")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["glossary"]["files"] == ["glossary/id-en.tsv"]
    accuracy = manifest["glossary"]["term_accuracy"]
    assert accuracy["matched"] == 165 and accuracy["accuracy"] >= 0.99
    assert "glossary glossary/id-en.tsv: terms met" in result.stderr
    records = [json.loads(line) for line in (tmp_path / "id-en.jsonl").read_text("utf-8").splitlines()]
    matches = [match for record in records for match in record["glossary"]]
    assert len(matches) == 165 and set(matches[0]) <= {"start", "end", "source", "term", "required", "met", "accepted"}
    assert {"start", "end", "source", "term", "required", "met"} <= set(matches[0])
    record = next(r for r in records if r["glossary"])
    first = record["glossary"][0]
    assert record["source"][first["start"]:first["end"]] == first["source"]
