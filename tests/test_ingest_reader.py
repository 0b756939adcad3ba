import io
import os
from pathlib import Path

import pytest

from bitext.errors import InputError
from bitext.ingest.reader import read_documents, split_paragraphs


def test_every_nonempty_line_is_a_paragraph():
    text = "Judul\n\nKalimat satu.\nKalimat dua.\n\n\n  Kalimat   tiga.  \n"
    assert split_paragraphs(text) == ["Judul", "Kalimat satu.", "Kalimat dua.", "Kalimat tiga."]


def test_folder_is_read_recursively_with_relative_doc_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Satu.", "utf-8")
    (tmp_path / "b.txt").write_text("Dua.", "utf-8")
    (tmp_path / "ignored.md").write_text("Tiga.", "utf-8")
    documents = read_documents([str(tmp_path)])
    assert [d.doc for d in documents] == ["a/x.txt", "b.txt"]
    assert documents[0].paragraphs == ["Satu."]


def test_bom_is_accepted_and_text_normalised_to_nfc(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffKe\u0301tua.".encode("utf-8"))
    (document,) = read_documents([str(path)])
    assert document.paragraphs == ["K\u00e9tua."]


def test_stdin_is_a_document():
    stream = io.BytesIO(b"Halo dunia.\n")
    (document,) = read_documents(["-"], stdin=stream)
    assert (document.doc, document.paragraphs) == ("stdin", ["Halo dunia."])


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: str(p / "missing.txt"), "no such file or directory"),
        (lambda p: str(p), "no *.txt, *.html, *.htm files"),
        (lambda p: (p / "e.txt").write_text("  \n\n", "utf-8") and str(p / "e.txt"), "holds no text"),
        (lambda p: (p / "l.txt").write_bytes(b"caf\xe9") and str(p / "l.txt"), "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
    ],
    ids=["missing", "empty-folder", "blank-file", "latin1"],
)
def test_bad_input_is_a_clear_error(tmp_path, setup, message):
    with pytest.raises(InputError, match=message.replace("*", r"\*").replace("(", r"\(").replace(")", r"\)")):
        read_documents([setup(tmp_path)])


def test_two_inputs_with_the_same_doc_id_are_refused(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("Teks.", "utf-8")
    with pytest.raises(InputError, match="same document id 'same.txt'"):
        read_documents([str(tmp_path / "one" / "same.txt"), str(tmp_path / "two" / "same.txt")])


# -- issue 14: the library call, hidden failures, control characters, encodings ------------


@pytest.mark.parametrize("as_type", [str, Path])
def test_read_documents_takes_one_path_as_str_or_path(tmp_path, as_type):
    (tmp_path / "a.txt").write_text("Satu kalimat.\n", "utf-8")
    assert [d.doc for d in read_documents(as_type(tmp_path))] == ["a.txt"]
    assert [d.doc for d in read_documents([as_type(tmp_path / "a.txt")])] == ["a.txt"]


def test_an_unreadable_subfolder_is_named_in_a_warning(tmp_path, monkeypatch, capsys):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Satu kalimat.\n", "utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # root reads every folder, so refuse one the way chmod 000 would
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [d.doc for d in read_documents(tmp_path)] == ["ok/a.txt"]
    err = capsys.readouterr().err
    assert err.startswith("Warning: skipped ") and "locked: Permission denied" in err


def test_a_paragraph_of_control_characters_is_no_paragraph(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"\x01\x02\x7f\n\xc2\x85\x1b[0m\nKalimat ini ada.\n")
    (document,) = read_documents(path)
    assert document.paragraphs == ["[0m", "Kalimat ini ada."]


@pytest.mark.parametrize(
    "data, suggestion",
    [
        ("Kalimat Indonesia.\n".encode("utf-16"), "iconv -f UTF-16 "),
        ("Kalimat Indonesia.\n".encode("utf-16-le"), "iconv -f UTF-16LE "),
        ("Caf\u00e9 di Jakarta.\n".encode("cp1252"), "iconv -f WINDOWS-1252 "),
    ],
)
def test_the_encoding_hint_names_the_likely_encoding(tmp_path, data, suggestion):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=suggestion):
        read_documents(path)


def test_a_file_name_with_a_line_break_gives_an_escaped_one_line_id(tmp_path):
    (tmp_path / "bad\nname\t.txt").write_text("Satu kalimat.\n", "utf-8")
    (document,) = read_documents(tmp_path)
    assert document.doc == "bad\\nname\\t.txt"


# -- issue 24: inputs that are not files, inputs larger than a page, line ends --------------


def test_a_fifo_is_refused_with_one_line(tmp_path):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"page.txt: not a regular file \(a device, FIFO or socket\)"):
        read_documents(fifo)


def test_a_symlink_to_dev_zero_is_refused_not_read(tmp_path):
    from .timing import finishes_within

    link = tmp_path / "page.txt"
    os.symlink("/dev/zero", link)
    with pytest.raises(InputError, match="not a regular file"):
        finishes_within(10, lambda: read_documents(link))


def test_a_device_in_a_folder_is_skipped_with_a_warning(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Satu kalimat.\n", "utf-8")
    os.symlink("/dev/null", tmp_path / "b.txt")
    assert [d.doc for d in read_documents(tmp_path)] == ["a.txt"]
    assert "skipped" in capsys.readouterr().err


def test_a_text_input_over_the_limit_is_streamed_in_parts(tmp_path, monkeypatch):
    import bitext.ingest.opening as opening
    import bitext.ingest.reader as reader

    monkeypatch.setattr(reader, "READ_LIMIT", 1000)
    monkeypatch.setattr(reader, "PART_PARAGRAPHS", 40)
    monkeypatch.setattr(opening, "PIECE", 64)  # pieces that cut lines and characters in two
    lines = [f"Kalimat nomor {n} tentang ke\u0301tua RT.\r\n" for n in range(100)]
    path = tmp_path / "besar.txt"
    path.write_bytes("".join(lines).encode("utf-8"))
    documents = read_documents(path)
    assert [d.doc for d in documents] == ["besar.txt#1", "besar.txt#2", "besar.txt#3"]
    paragraphs = [p for d in documents for p in d.paragraphs]
    assert paragraphs == [f"Kalimat nomor {n} tentang k\u00e9tua RT." for n in range(100)]


def test_a_streamed_line_longer_than_the_limit_is_cut_at_a_space(tmp_path, monkeypatch):
    import bitext.ingest.opening as opening
    import bitext.ingest.reader as reader

    monkeypatch.setattr(reader, "READ_LIMIT", 100)
    monkeypatch.setattr(opening, "LINE_LIMIT", 50)
    path = tmp_path / "panjang.txt"
    path.write_text("kata " * 100, "utf-8")
    (document,) = read_documents(path)
    assert all(len(p) <= 50 for p in document.paragraphs)
    assert " ".join(document.paragraphs).split() == ["kata"] * 100


def test_a_streamed_file_that_is_not_utf8_is_one_line_with_the_offset(tmp_path, monkeypatch):
    import bitext.ingest.reader as reader

    monkeypatch.setattr(reader, "READ_LIMIT", 10)
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Kalimat pertama.\nCaf\xe9 di kota.\n")
    with pytest.raises(InputError, match=r"invalid byte 0xe9 at offset 20"):
        read_documents(path)


def test_standard_input_over_the_limit_is_streamed(monkeypatch):
    import bitext.ingest.reader as reader

    monkeypatch.setattr(reader, "READ_LIMIT", 20)
    documents = read_documents(["-"], stdin=io.BytesIO(b"Satu kalimat panjang.\nDua kalimat lagi.\n"))
    assert [d.doc for d in documents] == ["stdin#1"]
    assert documents[0].paragraphs == ["Satu kalimat panjang.", "Dua kalimat lagi."]


def test_an_html_page_over_the_limit_is_refused(tmp_path, monkeypatch):
    import bitext.ingest.reader as reader

    monkeypatch.setattr(reader, "READ_LIMIT", 20)
    path = tmp_path / "besar.html"
    path.write_text("<html><body>" + "<p>Kalimat.</p>" * 10 + "</body></html>", "utf-8")
    with pytest.raises(InputError, match="an HTML page larger than"):
        read_documents(path)


def test_only_line_feeds_end_paragraphs_a_line_separator_is_a_space(tmp_path):
    path = tmp_path / "ls.txt"
    path.write_text("Joko Widodo\u2028tiba di Solo.\rKalimat kedua.\n", "utf-8")
    (document,) = read_documents(path)
    assert document.paragraphs == ["Joko Widodo tiba di Solo.", "Kalimat kedua."]
