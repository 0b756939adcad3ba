"""PO catalogues of other tools: languages, charsets, plurals, contexts, comments, states."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

from bitext.errors import FormatError
from bitext.formats import read_corpus, write_corpus

from .thirdparty import DJANGO_PO, LATIN9_PO, SPHINX_PO, WEBLATE_PO


@pytest.fixture
def weblate(tmp_path):
    path = tmp_path / "weblate.id.po"
    path.write_text(WEBLATE_PO, "utf-8")
    return path


def test_the_language_pair_comes_from_the_header(weblate, tmp_path):
    corpus = read_corpus(weblate)
    assert (corpus.source_lang, corpus.target_lang) == ("en", "id")
    assert read_corpus(weblate, source_lang="en", target_lang="id").source_lang == "en"
    django = tmp_path / "django.po"
    django.write_text(DJANGO_PO, "utf-8")
    assert read_corpus(django).target_lang == "pt_BR"  # as written; XML formats get pt-BR


def test_an_undeclared_source_language_is_the_one_asked_for(weblate):
    corpus = read_corpus(weblate, source_lang="ms", target_lang="id")
    assert (corpus.source_lang, corpus.target_lang) == ("ms", "id")


def test_plurals_are_read_and_written(weblate, tmp_path):
    segment = next(s for s in read_corpus(weblate) if s.source_plural)
    assert (segment.source, segment.source_plural, segment.target, segment.target_plurals) == (
        "%(count)s plant", "%(count)s plants", "%(count)s tanaman", [])
    django = tmp_path / "django.po"
    django.write_text(DJANGO_PO, "utf-8")
    plural = next(s for s in read_corpus(django) if s.source_plural)
    assert plural.target_plurals and plural.target_plurals[0].endswith("caracteres (ele possui %(show_value)d).")
    write_corpus(read_corpus(django), tmp_path / "back.po")
    entry = next(e for e in polib.pofile(str(tmp_path / "back.po")) if e.msgid_plural)
    assert sorted(entry.msgstr_plural) == [0, 1] and entry.msgstr_plural[1] == plural.target_plurals[0]


def test_no_context_is_added_and_shared_contexts_keep_apart(weblate, tmp_path):
    corpus = read_corpus(weblate)
    assert len({s.id for s in corpus}) == len(corpus)
    assert [s.context for s in corpus if s.source == "May"] == ["month name", "verb"]
    write_corpus(corpus, tmp_path / "back.po")
    entries = polib.pofile(str(tmp_path / "back.po"))
    assert next(e for e in entries if e.msgid == "Delete").msgctxt is None
    assert {e.msgctxt for e in entries if e.msgid == "May"} == {"month name", "verb"}


def test_a_duplicated_context_and_msgid_gets_distinct_ids(tmp_path):
    path = tmp_path / "twice.po"
    path.write_text('msgid ""\nmsgstr "Language: id\\n"\n\nmsgid "A"\nmsgstr "B"\n\nmsgid "A"\nmsgstr "C"\n', "utf-8")
    corpus = read_corpus(path)
    assert [s.target for s in corpus] == ["B", "C"] and len({s.id for s in corpus}) == 2


def test_comments_references_flags_and_previous_msgids_survive(weblate, tmp_path):
    corpus = read_corpus(weblate)
    delete = corpus.segments[0]
    assert [(n.origin, n.text) for n in delete.notes] == [("developer", "Label of the button that removes a plant")]
    assert delete.locations == ["kebun/views.py:41", "kebun/templates/plant.html:12"]
    plural = corpus.segments[1]
    assert plural.format_flags == ["python-format"] and plural.notes[0].origin == "translator"
    save = next(s for s in corpus if s.source == "Save %s files")
    assert save.previous == {"source": "Save %s file"} and save.format_flags == ["python-format"]
    write_corpus(corpus, tmp_path / "back.po")
    back = {e.msgid: e for e in polib.pofile(str(tmp_path / "back.po"))}
    assert back["Save %s files"].previous_msgid == "Save %s file" and back["Save %s files"].fuzzy
    assert back["%(count)s plant"].tcomment == "Translators: keep it short"
    assert back["Delete"].occurrences == [("kebun/views.py", "41"), ("kebun/templates/plant.html", "12")]


def test_obsolete_entries_and_the_header_are_kept(weblate, tmp_path):
    write_corpus(read_corpus(weblate), tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.po")
    po = polib.pofile(str(tmp_path / "back.po"))
    assert [e.msgid for e in po.obsolete_entries()] == ["Old label"]
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;" and po.metadata["Last-Translator"].startswith("Budi")
    assert po.metadata["X-Generator"] == "Weblate 5.4" and po.header.startswith("Indonesian translation for Kebun.")


def test_a_fuzzy_human_translation_is_imported_marked_for_review_never_mt(weblate):
    statuses = {s.source: (s.status, s.needs_review) for s in read_corpus(weblate)}
    assert statuses["Save %s files"] == ("imported", True)
    assert statuses["Delete"] == ("imported", False)
    assert statuses["Water the plants"] == ("new", False)


def test_a_multiline_msgid_writes_back(weblate, tmp_path):
    corpus = read_corpus(weblate)
    write_corpus(corpus, tmp_path / "back.po")
    assert "Plants need light.\nWater them weekly." in {e.msgid for e in polib.pofile(str(tmp_path / "back.po"))}
    write_corpus(corpus, tmp_path / "lines.tsv")  # the id of a line format holds no line break
    assert len(read_corpus(tmp_path / "lines.tsv")) == len(corpus)


# -- issue 24: line ends, NFC, charsets ---------------------------------------------------


def test_u2028_in_a_translation_is_text_not_a_line_end(weblate, tmp_path):
    corpus = read_corpus(weblate)
    assert next(s for s in corpus if s.source == "Joko Widodo arrived").target == "Joko Widodo\u2028tiba"
    own = tmp_path / "own.po"
    corpus.extra = {}
    corpus.segments[0].target = "Joko Widodo\u2028arrived"
    write_corpus(corpus, own)
    assert read_corpus(own).segments[0].target == "Joko Widodo\u2028arrived"


def test_text_is_read_as_nfc(tmp_path):
    path = tmp_path / "nfd.po"
    path.write_text('msgid ""\nmsgstr "Language: id\\n"\n\nmsgid "Cafe\u0301"\nmsgstr "Kafe\u0301"\n', "utf-8")
    (segment,) = read_corpus(path)
    assert (segment.source, segment.target) == ("Café", "Kafé")


def test_a_declared_charset_is_the_one_read_and_written(tmp_path):
    path = tmp_path / "latin9.po"
    path.write_bytes(LATIN9_PO.encode("iso-8859-15"))
    corpus = read_corpus(path)
    assert corpus.segments[0].target == "Prix en €, été comme hiver"
    write_corpus(corpus, tmp_path / "back.po")
    assert (tmp_path / "back.po").read_bytes().decode("iso-8859-15") == path.read_bytes().decode("iso-8859-15")
    corpus.segments[0].target = "Prix 中"  # a text the charset cannot hold: the file becomes UTF-8
    write_corpus(corpus, tmp_path / "utf8.po")
    text = (tmp_path / "utf8.po").read_text("utf-8")
    assert "charset=UTF-8" in text and "Prix 中" in text


def test_a_file_that_cannot_be_decoded_is_one_line_naming_file_and_encoding(tmp_path):
    path = tmp_path / "broken.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "\xe9t\xe9"\n')
    with pytest.raises(FormatError, match=r"broken.po: not UTF-8 \(invalid byte 0xe9 at offset \d+\)"):
        read_corpus(path)
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON-8\\n"\n')
    with pytest.raises(FormatError, match="broken.po: declares the charset 'KLINGON-8'"):
        read_corpus(path)


def test_a_reviewed_bitext_po_saved_as_nfd_matches_its_store(tmp_path):
    from bitext.model import Corpus, Segment
    from bitext.project.review import apply_review

    corpus = Corpus([Segment("d", 1, 1, "Kafé itu.", "The café.", "mt")])
    write_corpus(corpus, tmp_path / "x.po")
    text = (tmp_path / "x.po").read_text("utf-8").replace("Kafé", "Kafe\u0301").replace('"The café."', '"The coffee."')
    (tmp_path / "x.po").write_text(text.replace("#, fuzzy\n", ""), "utf-8")
    report = apply_review(corpus, read_corpus(tmp_path / "x.po"))
    assert report.applied == ["d:1:1"] and corpus.segments[0].target == "The coffee."


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_a_sphinx_catalogue_still_passes_msgfmt(tmp_path):
    path = tmp_path / "sphinx.po"
    path.write_text(SPHINX_PO, "utf-8")
    write_corpus(read_corpus(path), tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.po")
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "back.po")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_empty_context_is_a_context(tmp_path):
    path = tmp_path / "ctx.po"
    path.write_text('msgid ""\nmsgstr "Language: id\\n"\n\nmsgctxt ""\nmsgid "A"\nmsgstr "B"\n\nmsgid "A"\nmsgstr "C"\n', "utf-8")
    write_corpus(read_corpus(path), tmp_path / "via.jsonl")
    assert [s.context for s in read_corpus(tmp_path / "via.jsonl")] == ["", None]
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.po")
    assert [e.msgctxt for e in polib.pofile(str(tmp_path / "back.po"))] == ["", None]


def test_a_template_and_an_empty_catalogue_round_trip(tmp_path):
    path = tmp_path / "kebun.pot"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "Seed"\nmsgstr ""\n', "utf-8")
    corpus = read_corpus(path)
    assert [(s.source, s.status) for s in corpus] == [("Seed", "new")]
    empty = tmp_path / "empty.po"
    empty.write_text('msgid ""\nmsgstr ""\n"Language: id\\n"\n', "utf-8")
    write_corpus(read_corpus(empty), tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.po")
    assert polib.pofile(str(tmp_path / "back.po")).metadata == {"Language": "id"}


def test_an_empty_msgid_after_the_header_stays_an_entry_and_loose_comments_read(tmp_path):
    path = tmp_path / "odd.po"
    path.write_text('#: ref\nmsgid ""\nmsgstr ""\n"Language: uk\\n"\n\n#Note without a space\nmsgid "A"\nmsgstr "B"\n\n'
                    '#: ../late.c:3\nmsgid ""\nmsgstr ""\n', "utf-8")
    corpus = read_corpus(path)
    assert corpus.target_lang == "uk"
    assert [(s.source, s.locations) for s in corpus] == [("A", []), ("", ["../late.c:3"])]
    assert corpus.segments[0].notes[0].text == "Note without a space"
    write_corpus(corpus, tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.po")
    text = (tmp_path / "back.po").read_text("utf-8")
    assert text.startswith('#: ref\nmsgid ""\nmsgstr ""\n"Language: uk\\n"\n') and "#: ../late.c:3" in text
