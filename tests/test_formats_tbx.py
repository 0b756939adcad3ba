"""TBX from the usual producers: as glossaries for any language pair, and as a convert source."""

from __future__ import annotations

import pytest

from bitext.errors import GlossaryError
from bitext.formats import read_corpus, write_corpus
from bitext.terms.glossary import Glossary

from . import thirdparty

PRODUCERS = ["basic.tbx", "v3-dca.tbx", "v3-dct.tbx", "min.tbx", "csv2tbx.tbx", "weblate.tbx"]


@pytest.fixture(scope="module")
def termbases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tbx")
    thirdparty.build(folder)
    return folder


def _termbase(folder, name):
    if not (folder / name).exists():
        pytest.skip(f"{name}: translate-toolkit is not installed")
    return folder / name


@pytest.mark.parametrize("name", PRODUCERS)
@pytest.mark.parametrize("pair", [("id", "en"), ("en", "id")])
def test_every_producers_tbx_loads_as_a_glossary_either_way(termbases, name, pair):
    glossary = Glossary.load(_termbase(termbases, name), *pair)
    assert len(glossary) >= 2
    entry = glossary.entries[0]
    assert entry.sources[0] and entry.target


@pytest.mark.parametrize("name, text, required", [
    ("basic.tbx", "Pakai masker wajah.", "face mask"), ("v3-dca.tbx", "Vaksin sudah ada.", "vaccine"),
    ("v3-dct.tbx", "Dia batuk.", "cough"), ("min.tbx", "Tanam benih itu.", "seed"),
    ("weblate.tbx", "Kebun itu luas.", "garden"), ("csv2tbx.tbx", "Kebun itu luas.", "garden"),
])
def test_a_termbase_matches_in_the_direction_asked(termbases, name, text, required):
    glossary = Glossary.load(_termbase(termbases, name), "id", "en")
    assert [match.required for match in glossary.match(text)] == [required]


def test_synonyms_in_a_concept_are_variants_and_deprecated_terms_never_targets(termbases):
    glossary = Glossary.load(termbases / "basic.tbx", "en", "id")
    mask = next(entry for entry in glossary.entries if "face mask" in entry.sources)
    assert mask.sources == ("face mask", "mask") and mask.targets == ("masker wajah", "masker")
    backwards = Glossary.load(termbases / "basic.tbx", "id", "en")
    assert "topeng" in next(e for e in backwards.entries if e.target == "face mask").sources  # a source still matches


def test_a_termbase_without_the_pair_names_its_languages(termbases):
    with pytest.raises(GlossaryError, match=r"v3-dca.tbx: no concept has both de and en terms \(its languages: en, fr, id\)"):
        Glossary.load(termbases / "v3-dca.tbx", "de", "en")


@pytest.mark.parametrize("name", PRODUCERS)
def test_a_tbx_converts_and_comes_back(termbases, tmp_path, name):
    path = _termbase(termbases, name)
    corpus = read_corpus(path, source_lang="en", target_lang="id")
    assert corpus.segments and all(segment.source for segment in corpus)
    write_corpus(corpus, tmp_path / "terms.tsv")
    write_corpus(corpus, tmp_path / "via.jsonl")
    write_corpus(read_corpus(tmp_path / "via.jsonl"), tmp_path / "back.tbx")
    assert [(s.source, s.target) for s in read_corpus(tmp_path / "back.tbx", source_lang="en", target_lang="id")] == [
        (s.source, s.target) for s in corpus]


def test_a_changed_term_is_written_into_its_concept(termbases, tmp_path):
    corpus = read_corpus(termbases / "v3-dca.tbx", source_lang="en", target_lang="id")
    corpus.segments[1].target = "panas"
    write_corpus(corpus, tmp_path / "back.tbx")
    text = (tmp_path / "back.tbx").read_text("utf-8")
    assert "<term>panas</term>" in text and "<term>vaccination shot</term>" in text and "fièvre" in text
