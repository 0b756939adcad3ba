"""One contract every store passes, then each format against its real clients."""

import os
import shutil
import subprocess

import pytest

from bitext.errors import FormatError, OutputError
from bitext.formats import (
    FORMAT_NAMES,
    get_store,
    read_corpus,
    store_for_path,
    write_corpus,
)
from bitext.model import Corpus, Segment, TermMatch
from bitext.xmlsafe import parse_xml

SIGNATURE = "bitext:0.1.0|model:tiny|rev:sha256:0|backend:transformers|compute:float32|beam:4|maxlen:auto|glossary:none|langs:id-en"
# Formats that keep kind, mt and the signature besides id, source, target and status
# (Moses files are bare line-aligned text).
KEEPS_DETAILS = {"jsonl", "tmx", "xliff", "po", "tsv"}
LINE_FORMATS = {"moses", "tsv"}


def sample_corpus() -> Corpus:
    return Corpus(
        [
            Segment("a/000.txt", 1, 1, "Putin & Kim <bertemu> di “Pyongyang”.", "Putin & Kim <met> in “Pyongyang”.",
                    "mt", "heading", terms=[TermMatch(0, 5, "Putin", "Putin", "Putin", True)]),
            Segment("a/000.txt", 3, 1, "Korut menolak.", "North Korea refused.", "reviewed", "body", mt="Korut refused."),
            Segment("a/000.txt", 3, 2, "Kalimat 'kedua' ini.", "This 'second' sentence.", "mt", "caption"),
            Segment("b.txt", 2, 1, "Korut menolak.", "North Korea declined.", "mt", "body"),
        ],
        "id",
        "en",
        SIGNATURE,
    )


@pytest.fixture(params=FORMAT_NAMES)
def store(request):
    return get_store(request.param)


def roundtrip(store, corpus, tmp_path):
    path = store.default_path(tmp_path, corpus)
    written = store.write(corpus, path)
    assert all(p.exists() for p in written)
    return store.read(path)


def test_roundtrip_keeps_ids_text_and_status(store, tmp_path):
    corpus = sample_corpus()
    back = roundtrip(store, corpus, tmp_path)
    assert [s.id for s in back] == [s.id for s in corpus]
    assert [(s.source, s.target, s.status) for s in back] == [(s.source, s.target, s.status) for s in corpus]
    assert (back.source_lang, back.target_lang) == ("id", "en")


@pytest.mark.parametrize("name", sorted(KEEPS_DETAILS))
def test_roundtrip_keeps_kind_mt_and_signature(name, tmp_path):
    store = get_store(name)
    back = roundtrip(store, sample_corpus(), tmp_path)
    assert [s.kind for s in back] == ["heading", "body", "caption", "body"]
    assert [s.mt for s in back] == [None, "Korut refused.", None, None]
    assert back.signature == SIGNATURE


def test_untranslated_segments(store, tmp_path):
    corpus = Corpus([Segment("d", 1, 1, "Belum diterjemahkan."), Segment("d", 1, 2, "Sudah.", "Done.", "mt")])
    back = roundtrip(store, corpus, tmp_path)
    if store.name == "moses":  # line-aligned files hold translated pairs only
        assert [s.id for s in back] == ["d:1:2"]
    else:
        assert [(s.id, s.target, s.status) for s in back] == [("d:1:1", "", "new"), ("d:1:2", "Done.", "mt")]


def test_characters_xml_forbids_never_crash_a_write(store, tmp_path):
    corpus = Corpus([Segment("d", 1, 1, "Teks\x0bdari Word\x00.", "Text\x0bfrom Word.", "mt")])
    (segment,) = roundtrip(store, corpus, tmp_path)
    assert segment.source.replace(" ", "").startswith("TeksdariWord") or "\x0b" in segment.source
    assert "from Word." in segment.target


def test_a_failed_write_leaves_no_file_behind(store, tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        store.write(sample_corpus(), store.default_path(tmp_path, sample_corpus()))
    assert list(tmp_path.iterdir()) == []


def test_garbage_is_a_format_error_naming_the_file(store, tmp_path):
    path = store.default_path(tmp_path, sample_corpus())
    if store.name == "moses":
        for suffix in (".id", ".en", ".ids"):
            path.with_suffix(suffix).write_text("only one line\n" if suffix != ".ids" else "some-id\tbogus-status\n", "utf-8")
    else:
        path.write_bytes(b"\xff\xfe not this format {{{ <")
    with pytest.raises(FormatError, match=path.stem):
        store.read(path)


@pytest.mark.parametrize(
    "name, expected",
    [("x.jsonl", "jsonl"), ("x.tmx", "tmx"), ("x.xlf", "xliff"), ("x.xliff", "xliff"), ("x.po", "po"),
     ("x.moses", "moses"), ("x.tsv", "tsv")],
)
def test_format_is_picked_by_extension(name, expected):
    assert store_for_path(name).name == expected


def test_unknown_extension_asks_for_format():
    with pytest.raises(FormatError, match="cannot tell the format of x.docx"):
        store_for_path("x.docx")


# -- real clients ------------------------------------------------------------------------------

def test_tmx_validates_against_the_tmx14_dtd(tmp_path, tmx_dtd):
    from lxml import etree

    path = tmp_path / "x.tmx"
    write_corpus(sample_corpus(), path)
    assert tmx_dtd.validate(etree.parse(str(path))), tmx_dtd.error_log


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_po_passes_msgfmt_check(tmp_path):
    path = tmp_path / "x.po"
    write_corpus(sample_corpus(), path)
    result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("suffix", [".tmx", ".xlf", ".po"])
def test_translate_toolkit_reads_our_files(tmp_path, suffix):
    factory = pytest.importorskip("translate.storage.factory")
    path = tmp_path / f"x{suffix}"
    corpus = sample_corpus()
    write_corpus(corpus, path)
    units = [unit for unit in factory.getobject(str(path)).units if not unit.isheader()]
    assert [(u.source, u.target) for u in units] == [(s.source, s.target) for s in corpus]
    if suffix == ".po":
        assert [u.isfuzzy() for u in units] == [True, False, True, True]
    if suffix == ".xlf":
        assert [u.isapproved() for u in units] == [False, True, False, False]


def test_moses_files_are_line_aligned(tmp_path):
    written = write_corpus(sample_corpus(), tmp_path / "id-en.moses")
    assert [p.name for p in written] == ["id-en.id", "id-en.en", "id-en.ids"]
    lines = [p.read_text("utf-8").splitlines() for p in written]
    assert len({len(column) for column in lines}) == 1 and all(all(line for line in c) for c in lines)


def test_xml_entity_declarations_are_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="id"><seg>&b;</seg></tuv></tu></body></tmx>"""
    with pytest.raises(FormatError, match="entity declarations are not accepted"):
        parse_xml(bomb, "bomb.tmx")


def test_external_entities_are_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    xxe = f"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>""".encode()
    with pytest.raises(FormatError):
        parse_xml(xxe, "xxe.xml")


def test_convert_between_all_formats_keeps_ids(tmp_path):
    corpus = sample_corpus()
    write_corpus(corpus, tmp_path / "start.jsonl")
    for name in FORMAT_NAMES:
        store = get_store(name)
        path = tmp_path / f"via{store.extensions[0]}"
        write_corpus(read_corpus(tmp_path / "start.jsonl"), path)
        assert [s.id for s in read_corpus(path)] == [s.id for s in corpus], name


def test_unknown_status_in_jsonl_is_a_format_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "d:1:1", "source": "Satu.", "target": "One.", "status": "approved"}\n', "utf-8")
    with pytest.raises(FormatError, match=r"x.jsonl:1: not a bitext record \(unknown status 'approved'"):
        read_corpus(path)


def test_a_signature_formats_and_parses_back_with_every_field():
    from bitext.signature import FIELDS, Signature

    description = {"model": "tiny", "revision": "sha256:0", "backend": "ctranslate2", "compute_type": "int8",
                   "beam_size": 1, "max_length": None, "degenerate": "flag", "shortlist": "abc123"}
    signature = Signature.from_translator(description, None)
    text = signature.format()
    assert Signature.parse(text) == signature and [name for name, _ in signature.fields] == list(FIELDS)
    assert signature.get("degenerate") == "flag" and signature.get("shortlist") == "abc123"
    assert signature.get("glossary") == "none" and signature.get("maxlen") == "auto"
    assert Signature.parse(SIGNATURE).get("degenerate") is None  # an older signature lacks the field
