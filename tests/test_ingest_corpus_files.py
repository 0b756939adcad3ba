"""Corpus files as input: JSONL, TSV and Parquet rows become documents (issue 13)."""

import json

import pytest
from click.testing import CliRunner

from bitext.cli import main
from bitext.errors import InputError
from bitext.ingest.reader import iter_documents, read_documents

ROWS = [
    {"url": "https://contoh.id/a", "text": "Harga beras naik. Pedagang mengeluh.", "lang": "id"},
    {"url": "https://contoh.id/b", "text": "Banjir merendam desa.\nWarga mengungsi ke masjid.", "lang": "id"},
]


def write(tmp_path, kind, rows=ROWS):
    if kind == "jsonl":
        path = tmp_path / "corpus.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    elif kind == "tsv":
        path = tmp_path / "corpus.tsv"
        lines = ["url\ttext\tlang"] + [f"{r['url']}\t{r['text'].replace(chr(10), ' ')}\t{r['lang']}" for r in rows]
        path.write_text("\n".join(lines) + "\n", "utf-8")
    else:
        parquet = pytest.importorskip("pyarrow.parquet")
        import pyarrow

        path = tmp_path / "corpus.parquet"
        parquet.write_table(pyarrow.Table.from_pylist(rows), path)
    return path


@pytest.mark.parametrize("kind", ["jsonl", "tsv", "parquet"])
def test_rows_become_documents_with_ids_from_a_field(tmp_path, kind):
    documents = read_documents(write(tmp_path, kind), id_field="url")
    assert [d.doc for d in documents] == ["https://contoh.id/a", "https://contoh.id/b"]
    assert documents[0].paragraphs == ["Harga beras naik. Pedagang mengeluh."]


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_without_an_id_field_rows_are_numbered(tmp_path, kind):
    documents = read_documents(write(tmp_path, kind))
    assert [d.doc for d in documents] == [f"corpus.{kind}#1", f"corpus.{kind}#2"]


@pytest.mark.parametrize(
    "rows, complaint",
    [
        ([{"body": "x"}], r"corpus.jsonl:1: no 'text' field \(fields: body\)"),
        ([{"text": 5}], r"corpus.jsonl:1: the 'text' field is int, not text"),
        ([{"text": "  "}], r"corpus.jsonl:1: the 'text' field is empty"),
        ([ROWS[0], [1, 2]], r"corpus.jsonl:2: a row must be an object"),
    ],
)
def test_bad_rows_name_the_file_and_row(tmp_path, rows, complaint):
    with pytest.raises(InputError, match=complaint):
        read_documents(write(tmp_path, "jsonl", rows))


def test_an_empty_line_and_an_unreadable_parquet_are_errors(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n\n", "utf-8")
    with pytest.raises(InputError, match=r"corpus.jsonl:2: an empty row"):
        read_documents(path)
    pytest.importorskip("pyarrow")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really parquet")
    with pytest.raises(InputError, match=r"broken.parquet: not a readable Parquet file"):
        read_documents(broken)


def test_rows_are_read_one_at_a_time(tmp_path):
    path = write(tmp_path, "jsonl", ROWS + [{"text": 7}])
    documents = iter_documents(path)
    assert next(documents).doc == "corpus.jsonl#1"  # the bad third row is not read yet
    assert next(documents).doc == "corpus.jsonl#2"
    with pytest.raises(InputError):
        next(documents)


def test_segment_reads_a_corpus_with_fields(tmp_path):
    path = write(tmp_path, "jsonl")
    result = CliRunner().invoke(main, ["segment", str(path), "--id-field", "url", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["https://contoh.id/a:1:1", "https://contoh.id/a:1:2", "https://contoh.id/b:1:1", "https://contoh.id/b:2:1"]
    bad = CliRunner().invoke(main, ["segment", str(path), "--text-field", "isi"])
    assert bad.exit_code == 1 and "corpus.jsonl:1: no 'isi' field" in bad.stderr and "Traceback" not in bad.output


# -- issue 24: corpus rows normalised like text files, rows end only at line feeds -----------


@pytest.mark.parametrize("kind", ["jsonl", "tsv", "parquet"])
def test_corpus_text_and_ids_are_nfc_like_text_files(tmp_path, kind):
    rows = [{"url": "https://contoh.id/ke\u0301tua", "text": "Ke\u0301tua RT memimpin rapat.", "lang": "id"}]
    (document,) = read_documents(write(tmp_path, kind, rows), id_field="url")
    assert document.paragraphs == ["K\u00e9tua RT memimpin rapat."]
    assert document.doc == "https://contoh.id/k\u00e9tua"


def test_a_line_separator_inside_a_jsonl_value_is_no_row_or_paragraph_end(tmp_path):
    rows = [{"text": "Joko Widodo\u2028tiba di Solo.\nWarga menyambut.", "lang": "id"}, ROWS[1]]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    documents = read_documents(path)
    assert [d.doc for d in documents] == ["corpus.jsonl#1", "corpus.jsonl#2"]
    assert documents[0].paragraphs == ["Joko Widodo tiba di Solo.", "Warga menyambut."]


def test_a_fifo_named_like_a_corpus_is_refused(tmp_path):
    import os

    fifo = tmp_path / "corpus.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_documents(fifo)
