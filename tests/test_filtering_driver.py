"""The streaming driver (bitext.filtering.driver) and its engines."""

import pytest

from bitext.errors import InputError
from bitext.filtering import FilterConfig, FilterOptions, FilterTally, filter_segments
from bitext.filtering.engines import InProcess, WorkerProcesses
from bitext.model import Segment

from .filtering_pairs import CLEAN, segments

NOISY = [
    *CLEAN,
    CLEAN[0],  # an exact copy
    (CLEAN[0][0], CLEAN[6][1]),  # misaligned
    (CLEAN[2][0], CLEAN[2][0]),  # untranslated
    ("Baca juga: Harga minyak naik tiga persen", "Read also: Oil prices rise three percent"),
    (CLEAN[3][0], ""),  # an empty target
]


def run(pairs, tmp_path, **options):
    tally = FilterTally()
    job = FilterOptions(FilterConfig(), engine=options.pop("engine", InProcess()), **options)
    judged = list(filter_segments(segments(pairs), tmp_path / "work", job, tally=tally))
    return judged, tally


def test_every_pair_comes_out_once_in_order_kept_or_removed(tmp_path):
    judged, tally = run(NOISY, tmp_path)
    assert [j.segment.id for j in judged] == [s.id for s in segments(NOISY)]
    assert [j.kept for j in judged] == [True] * len(CLEAN) + [False] * 5
    assert (tally.pairs, tally.kept, tally.removed) == (17, 12, 5)
    assert {name: tally.removed_by[name] for name in ("duplicates", "lexical", "untranslated", "shapes", "length")} \
        == {"duplicates": 1, "lexical": 2, "untranslated": 1, "shapes": 1, "length": 1}
    assert (tally.duplicate_groups, tally.pairs_in_duplicate_groups) == (1, 2)
    assert "copy of test:1:1" in judged[12].reasons[-1]
    assert all("lexical" in j.segment.scores and "copies" in j.segment.scores for j in judged)
    assert not list((tmp_path / "work").iterdir())  # the spool and the index are gone


def test_score_only_keeps_everything_and_counts_what_would_go(tmp_path):
    judged, tally = run(NOISY, tmp_path, score_only=True)
    assert all(j.kept for j in judged) and (tally.kept, tally.removed, tally.flagged) == (17, 0, 5)


def test_worker_processes_give_the_same_result(tmp_path):
    local, _ = run(NOISY * 3, tmp_path)
    parallel, _ = run(NOISY * 3, tmp_path, engine=WorkerProcesses(2), chunk_pairs=7)
    assert [(j.segment.scores, j.reasons) for j in local] == [(j.segment.scores, j.reasons) for j in parallel]


def test_the_input_is_consumed_lazily(tmp_path):
    taken = []

    def stream():
        for segment in segments(CLEAN * 50):
            taken.append(segment)
            yield segment

    judged = filter_segments(stream(), tmp_path / "work", FilterOptions(engine=InProcess(), chunk_pairs=10))
    next(judged)  # the whole input is scored before the first pair comes out (duplicates need it)
    assert len(taken) == len(CLEAN) * 50
    assert sum(1 for _ in judged) == len(CLEAN) * 50 - 1


@pytest.mark.parametrize("pairs,complaint", [
    ([("Polisi menangkap lima orang.", ""), ("Harga naik.", "")], "the target side is empty"),
    ([("", "Police arrested five people.")], "the source side is empty"),
    ([], "holds no pairs"),
])
def test_an_empty_side_is_one_clear_error(tmp_path, pairs, complaint):
    with pytest.raises(InputError, match=complaint):
        run(pairs, tmp_path)


@pytest.mark.slow
def test_the_ray_engine_gives_the_same_result(tmp_path):
    pytest.importorskip("ray")
    from bitext.filtering.ray_engine import RayScoring

    local, _ = run(NOISY, tmp_path)
    on_ray, _ = run(NOISY, tmp_path, engine=RayScoring(2))
    assert [(j.segment.scores, j.reasons) for j in local] == [(j.segment.scores, j.reasons) for j in on_ray]


def test_the_mt_filter_uses_the_translation(tmp_path):
    from bitext.filtering.base import FilterContext

    translations = {source: target for source, target in CLEAN}

    def translate(sources):
        return [translations.get(source, "") for source in sources]

    pairs = [*CLEAN[:4], (CLEAN[4][0], "The visit is the first in many years.")]
    job = FilterOptions(FilterConfig(), FilterContext(translate=translate), InProcess())
    judged = list(filter_segments(segments(pairs), tmp_path, job))
    assert [j.segment.scores["mt_overlap"] for j in judged[:4]] == [1.0] * 4
    assert any(reason.startswith("mt:") for reason in judged[4].reasons)


def test_segments_keep_their_fields(tmp_path):
    segment = Segment("d", 3, 2, CLEAN[0][0], CLEAN[0][1], "reviewed", key="qa-7", flags=["low-confidence"])
    judged = list(filter_segments([segment], tmp_path, FilterOptions(engine=InProcess())))
    kept = judged[0].segment
    assert (kept.id, kept.status, kept.flags, kept.paragraph) == ("qa-7", "reviewed", ["low-confidence"], 3)
