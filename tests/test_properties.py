"""Property tests: random and hostile records and bytes through every writer and reader.

Whatever goes in, the only exceptions are bitext's own (one line for the user); a corpus
a writer accepts reads back with the same ids, statuses and texts (as far as the format
keeps them).
"""

import json
import string

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bitext.errors import BitextError  # noqa: E402
from bitext.formats import FORMAT_NAMES, get_store, read_corpus  # noqa: E402
from bitext.model import STATUSES, Corpus, Segment, one_line

# Text with what breaks formats: markup, quotes, tabs, line breaks, controls, non-BMP.
HOSTILE = st.text(
    alphabet=st.sampled_from(list(string.printable) + list("<>&\"'\t\n\r\x00\x0b\x1b\x85\u2028\ufeff\ufffe\ud800é😀ꦲ")),
    max_size=40,
)
WORDS = st.text(alphabet=st.sampled_from(list(string.ascii_letters + " .,")), min_size=1, max_size=30)


@st.composite
def segments(draw):
    status = draw(st.sampled_from(STATUSES))
    return Segment(
        doc=draw(st.one_of(WORDS, HOSTILE)),
        paragraph=draw(st.integers(0, 10**9)),
        sentence=draw(st.integers(0, 10**9)),
        source=draw(st.one_of(WORDS, HOSTILE)),
        target="" if status == "new" else draw(st.one_of(WORDS, HOSTILE)),
        status=status,
        kind=draw(st.sampled_from(["body", "heading", "caption"])),
        mt=draw(st.one_of(st.none(), WORDS)),
        key=draw(st.one_of(st.just(""), WORDS)),
        flags=draw(st.lists(st.sampled_from(["repeats", "copy"]), max_size=2, unique=True)),
    )


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", FORMAT_NAMES)
@SETTINGS
@given(records=st.lists(segments(), min_size=1, max_size=5))
def test_any_corpus_is_written_and_read_or_refused_with_bitexts_error(tmp_path_factory, name, records):
    store = get_store(name)
    folder = tmp_path_factory.mktemp(name)
    corpus = Corpus(records)
    path = store.default_path(folder, corpus)
    try:
        store.write(corpus, path)
    except BitextError:
        return
    try:
        back = store.read(path)
    except BitextError:
        return
    if name == "moses":  # keeps only translated records, on one line each
        return
    assert len(back) == len(records)
    if name in ("jsonl",):
        assert [(s.id, s.status, s.source, s.target) for s in back] == [
            (s.id, s.status, s.source, s.target) for s in records
        ]


@pytest.mark.parametrize("name", FORMAT_NAMES)
@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_are_read_or_refused_with_bitexts_error(tmp_path_factory, name, data):
    store = get_store(name)
    path = store.default_path(tmp_path_factory.mktemp(name), Corpus([]))
    if name == "moses":
        for suffix in (".id", ".en", ".ids"):
            path.with_suffix(suffix).write_bytes(data)
    else:
        path.write_bytes(data)
    try:
        store.read(path)
    except BitextError:
        pass


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | HOSTILE,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(HOSTILE, children, max_size=3),
    max_leaves=8,
)


@SETTINGS
@given(record=st.fixed_dictionaries(
    {},
    optional={key: JSON_VALUES for key in
              ("id", "doc", "paragraph", "sentence", "source", "target", "status", "kind", "mt", "glossary", "flags")},
))
def test_hostile_jsonl_records_are_read_or_refused_with_bitexts_error(tmp_path_factory, record):
    path = tmp_path_factory.mktemp("jsonl") / "x.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    try:
        corpus = read_corpus(path)
    except BitextError:
        return
    for name in FORMAT_NAMES:  # what reads must also write, or be refused
        store = get_store(name)
        try:
            store.write(corpus, store.default_path(path.parent / name, corpus))
        except BitextError:
            pass


def test_one_line_keeps_no_line_breaks():
    assert one_line("a\u2028b\nc\td") == "a b c d"
