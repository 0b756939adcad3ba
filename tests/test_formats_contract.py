"""The store contract on other tools' files: every file of the third-party corpus
(tests/thirdparty.py: made by gettext and translate-toolkit, or written in the shape of
Weblate, Django, Sphinx, Okapi, Xcode, npm xliff, OmegaT, Trados, TBX tools) goes
file -> JSONL -> the same format, and comes back as translate-toolkit reads it: the same
units, ids, texts, plurals, contexts, notes, states, locations, inline codes and
languages; msgfmt -c accepts a PO it accepted before; bitext reads the same segments.
One suite for every format.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bitext.formats import read_corpus, store_for_path, write_corpus

from . import thirdparty

CORPUS: dict[str, list[Path]] = {}


@pytest.fixture(scope="session")
def corpus_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("thirdparty")
    CORPUS.update(thirdparty.build(folder))
    return folder


def _cases() -> list[tuple[str, str]]:
    names = {
        "po": ["weblate.id.po", "django.pt_BR.po", "sphinx.id.po", "latin9.fr.po", "gnu.po", "csv2po.po"],
        "xliff": ["okapi.xlf", "xcode.xliff", "winres-1.0.xlf", "npm-2.0.xlf", "po2xliff.xlf"],
        "tmx": ["omegat4.tmx", "omegat3.tmx", "trados.tmx", "perl-3langs.tmx", "tico.tmx", "po2tmx.tmx"],
        "tbx": ["basic.tbx", "v3-dca.tbx", "v3-dct.tbx", "min.tbx", "csv2tbx.tbx", "weblate.tbx"],
        "moses": ["opus.id"],
        "tsv": ["pairs.tsv"],
    }
    return [(kind, name) for kind, files in names.items() for name in files]


def _source(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        pytest.skip(f"{name}: the tool that makes it is not installed")
    return path


def _round_trip(path: Path, work: Path) -> tuple[Path, object, object]:
    """``path`` -> JSONL -> the same format; the file written and both corpora."""
    original = read_corpus(path)
    store = store_for_path(path)
    write_corpus(original, work / "via.jsonl")
    again = read_corpus(work / "via.jsonl")
    back = work / (path.name if store.name != "moses" else path.stem + ".moses")
    write_corpus(again, back)
    return back, original, again


def _segments(corpus) -> list[tuple]:
    return [(s.id, s.source, s.target, s.status, s.needs_review, s.source_plural, s.target_plurals, s.context,
             [(n.text, n.origin) for n in s.notes], s.locations, s.format_flags, s.previous, [c.to_dict() for c in s.codes])
            for s in corpus]


@pytest.mark.parametrize("kind, name", _cases())
def test_a_file_comes_back_as_it_went(corpus_folder, tmp_path, kind, name):
    path = _source(corpus_folder, name)
    back, original, again = _round_trip(path, tmp_path)
    assert _segments(again) == _segments(original)
    assert (again.source_lang, again.target_lang) == (original.source_lang, original.target_lang)
    assert _segments(read_corpus(back)) == _segments(original)


@pytest.mark.parametrize("kind, name", [case for case in _cases() if case[0] in ("po", "xliff", "tmx", "tbx")])
def test_translate_toolkit_reads_the_same_units(corpus_folder, tmp_path, kind, name):
    pytest.importorskip("translate.storage.factory")
    path = _source(corpus_folder, name)
    try:
        before = thirdparty.tt_view(path)
    except Exception as error:  # noqa: BLE001 - a file translate-toolkit cannot read itself
        pytest.skip(f"translate-toolkit cannot read {name} ({type(error).__name__})")
    back, _, _ = _round_trip(path, tmp_path)
    assert thirdparty.tt_view(back) == before


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("name", [name for kind, name in _cases() if kind == "po"])
def test_msgfmt_accepts_a_po_it_accepted_before(corpus_folder, tmp_path, name):
    path = _source(corpus_folder, name)

    def check(file: Path) -> int:
        return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(file)], capture_output=True).returncode

    if check(path) != 0:
        pytest.skip(f"msgfmt refuses {name} itself")
    back, _, _ = _round_trip(path, tmp_path)
    assert check(back) == 0


@pytest.mark.parametrize("kind, name", [case for case in _cases() if case[0] in ("moses", "tsv")])
def test_line_formats_come_back_byte_for_byte(corpus_folder, tmp_path, kind, name):
    path = _source(corpus_folder, name)
    back, _, _ = _round_trip(path, tmp_path)
    if kind == "moses":
        for language in ("id", "en"):
            assert back.with_suffix(f".{language}").read_bytes() == path.with_suffix(f".{language}").read_bytes()
        assert not back.with_suffix(".ids").exists()
    else:
        assert back.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name, version", [("npm-2.0.xlf", "2.0"), ("winres-1.0.xlf", "1.0"), ("po2xliff.xlf", "1.1"),
                                           ("okapi.xlf", "1.2"), ("omegat3.tmx", "1.1"), ("omegat4.tmx", "1.4")])
def test_a_file_is_written_back_in_its_version(corpus_folder, tmp_path, name, version):
    from lxml import etree

    back, _, _ = _round_trip(_source(corpus_folder, name), tmp_path)
    assert etree.parse(str(back)).getroot().get("version") == version


@pytest.mark.slow
def test_tmx_that_omegat_itself_writes_comes_back_the_same(tmp_path):
    pytest.importorskip("translate.storage.factory")
    memories = thirdparty.omegat_memories(tmp_path / "omegat")
    if not memories:
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    assert {path.name for path in memories} == {"kebun-level1.tmx", "kebun-level2.tmx", "kebun-omegat.tmx"}
    level2 = read_corpus(next(path for path in memories if path.name == "kebun-level2.tmx"))
    assert "<g1>eat</g1>" in next(s.source for s in level2 if "eat" in s.source)
    for path in memories:
        work = tmp_path / path.stem
        work.mkdir()
        back, original, again = _round_trip(path, work)
        assert _segments(again) == _segments(original)
        assert thirdparty.tt_view(back) == thirdparty.tt_view(path), path.name
