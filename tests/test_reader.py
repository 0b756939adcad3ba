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
