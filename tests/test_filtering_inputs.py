"""Reading the filter's inputs (bitext.filtering.inputs)."""

import json

import pytest

from bitext.errors import BitextError
from bitext.filtering.inputs import read_pairs

from .filtering_pairs import CLEAN


def test_any_store_is_read(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"x-{n}", "source": s, "target": t}) + "\n" for n, (s, t) in enumerate(CLEAN)))
    pairs = list(read_pairs(path))
    assert [p.id for p in pairs] == [f"x-{n}" for n in range(len(CLEAN))] and pairs[0].target == CLEAN[0][1]


@pytest.mark.parametrize("rows", [
    [{"source": s, "target": t} for s, t in CLEAN[:3]],
    [{"id": s, "en": t} for s, t in CLEAN[:3]],
    [{"translation": {"id": s, "en": t}} for s, t in CLEAN[:3]],
])
def test_parquet_rows(tmp_path, rows):
    pyarrow = pytest.importorskip("pyarrow")
    import pyarrow.parquet as parquet

    path = tmp_path / "c.parquet"
    parquet.write_table(pyarrow.Table.from_pylist(rows), path)
    pairs = list(read_pairs(path))
    assert [(p.source, p.target) for p in pairs] == CLEAN[:3]
    assert pairs[1].id == "c:2:1" or "id" in rows[0]


def test_mismatched_moses_line_counts_are_one_error(tmp_path):
    (tmp_path / "c.id").write_text("Satu.\nDua.\n")
    (tmp_path / "c.en").write_text("One.\n")
    (tmp_path / "c.ids").write_text("a:1:1\tmt\nb:1:1\tmt\n")
    with pytest.raises(BitextError, match="line counts differ"):
        list(read_pairs(tmp_path / "c.ids", "moses"))


def test_a_parquet_row_without_the_sides_is_one_error(tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    import pyarrow.parquet as parquet

    path = tmp_path / "c.parquet"
    parquet.write_table(pyarrow.Table.from_pylist([{"text": "x"}]), path)
    with pytest.raises(BitextError, match="c.parquet:1: no 'source' and 'target'"):
        list(read_pairs(path))
