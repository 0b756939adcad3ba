"""Document matching (bitext.alignment.matching) and ``bitext align --match``."""

import json

from click.testing import CliRunner

from bitext.alignment.matching import MatchSettings, match_documents
from bitext.cli import main

from .filtering_pairs import CLEAN

EXTRA = [  # written for these tests: documents with no counterpart on the other side
    "Gempa bumi berkekuatan 6,2 mengguncang Sulawesi Tengah pada Selasa malam. Warga berlarian keluar rumah.",
    "The festival drew record crowds to the beach this weekend. Organisers said 80,000 tickets were sold.",
]


def documents():
    """Four documents of three sentences each, in both languages."""
    groups = [CLEAN[k:k + 3] for k in range(0, 12, 3)]
    return [" ".join(s for s, _ in g) for g in groups], [" ".join(t for _, t in g) for g in groups]


def test_documents_are_matched_whatever_their_order():
    sources, targets = documents()
    order = [2, 0, 3, 1]
    found = match_documents(sources + EXTRA[:1], [targets[k] for k in order] + EXTRA[1:])
    assert [(m.source, m.target) for m in found.pairs] == [(0, 1), (1, 3), (2, 0), (3, 2)]
    assert found.unpaired_sources == [4] and found.unpaired_targets == [4]
    assert all(0 < m.score <= 1 for m in found.pairs)


def test_a_threshold_leaves_weak_pairs_unpaired():
    sources, targets = documents()
    found = match_documents(sources, targets, settings=MatchSettings(min_score=0.99, sure_score=0.99))
    assert found.pairs == [] and found.unpaired_sources == [0, 1, 2, 3]


def test_only_documents_sharing_a_distinctive_key_are_scored():
    sources, targets = documents()
    found = match_documents(sources * 5, targets * 5)
    assert found.candidates < 20 * 20  # the index, not all pairs


def test_align_match_writes_the_pairs_and_aligns_them(tmp_path):
    sources, targets = documents()
    (tmp_path / "id").mkdir()
    (tmp_path / "en" / "sub").mkdir(parents=True)
    for k, text in enumerate(sources + EXTRA[:1]):
        (tmp_path / "id" / f"berita-{k}.txt").write_text(text.replace(". ", ".\n\n"), "utf-8")
    for name, text in zip(["z.txt", "sub/y.txt", "x.txt", "w.txt", "v.txt"], [targets[2], targets[0], targets[3],
                                                                               targets[1], EXTRA[1]]):
        (tmp_path / "en" / name).write_text(text.replace(". ", ".\n\n"), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["align", str(tmp_path / "id"), str(tmp_path / "en"), "--match", "-o", str(out),
                                       "--no-glossary", "--presegmented"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in (out / "document-pairs.tsv").read_text("utf-8").splitlines()]
    assert rows[0] == ["source", "target", "score"]
    assert [row[:2] for row in rows[1:]] == [["berita-0.txt", "sub/y.txt"], ["berita-1.txt", "w.txt"],
                                             ["berita-2.txt", "z.txt"], ["berita-3.txt", "x.txt"]]
    unpaired = (out / "unpaired.tsv").read_text("utf-8").splitlines()
    assert unpaired == ["side\tpath", "source\tberita-4.txt", "target\tv.txt"]
    records = [json.loads(line) for line in (out / "id-en.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 12 and {r["doc"] for r in records} == {f"berita-{k}.txt" for k in range(4)}
