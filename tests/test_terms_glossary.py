from pathlib import Path

import pytest

from bitext.errors import GlossaryError
from bitext.terms.entries import GlossaryEntry
from bitext.terms.glossary import Glossary, load_glossaries, term_accuracy

from .conftest import GLOSSARY, SHARED

HEADER = "source\ttarget\tcase_sensitive\n"


def glossary_from(tmp_path, body: str, name: str = "g.tsv", header: str = HEADER) -> Glossary:
    path = tmp_path / name
    path.write_text(header + body, "utf-8")
    return Glossary.load(path)


@pytest.fixture(scope="module")
def default():
    return Glossary.load(GLOSSARY)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kim menyebutnya operasi militer khusus.", ["operasi militer khusus"]),
        ("OPERASI MILITER KHUSUS itu berlanjut.", ["OPERASI MILITER KHUSUS"]),
        ("Korea Utara dan Korut adalah sama.", ["Korea Utara", "Korut"]),
        ("hubungan Korea Utara-Rusia", ["Korea Utara"]),
        ("resolusi Dewan Keamanan PBB dan sanksi PBB", ["Dewan Keamanan PBB", "PBB"]),
        ("pejabat AS berkata", ["AS"]),
        ("dia datang as usual", []),  # case-sensitive entry
        ("Korea Utaranya dan Korutlah", ["Korea Utaranya", "Korutlah"]),  # clitics
        ("rudal balistik-balistik", ["rudal balistik-balistik"]),  # reduplication
        ("zona-demiliterisasi dan zonademiliterisasi", ["zona-demiliterisasi", "zonademiliterisasi"]),
        ("DPRK-Rusia", ["DPRK"]),
        ("Korea Utarakan", []),  # not a clitic: a different word
        ("SemenanjungKorea", ["SemenanjungKorea"]),
    ],
)
def test_matching_understands_indonesian(default, text, found):
    assert [match.source for match in default.match(text)] == found


def test_matches_carry_spans_and_required_terms(default):
    text = "Kebijakan Korut dan DPRK."
    matches = default.match(text)
    assert [(text[m.start:m.end], m.term, m.required) for m in matches] == [
        ("Korut", "Korea Utara", "North Korea"),
        ("DPRK", "DPRK", "DPRK"),
    ]


def test_clitics_on_a_single_word_term(tmp_path):
    glossary = glossary_from(tmp_path, "kebijakan\tpolicy\tno\nsanksi\tsanctions\tno\n")
    assert [m.source for m in glossary.match("kebijakannya dan sanksi-sanksi, kebijakanpun")] == [
        "kebijakannya", "sanksi-sanksi", "kebijakanpun",
    ]


@pytest.mark.parametrize(
    "target, met",
    [
        ("The special military operation continues.", [True]),
        ("Special military operation continues.", [True]),  # sentence-initial capital
        ("The special operation continues.", [False]),
        ("The special military operations continue.", [True]),  # English plural
    ],
)
def test_check_target_terms(default, target, met):
    matches = default.match("Operasi militer khusus berlanjut.")
    assert [m.met for m in default.check(matches, target)] == met


def test_each_occurrence_needs_its_own_target(default):
    matches = default.match("Korea Utara dan Korut bertemu.")
    assert [m.met for m in default.check(matches, "North Korea met itself.")] == [True, False]
    assert [m.met for m in default.check(matches, "North Korea and North Korea met.")] == [True, True]


def test_do_not_translate_is_case_exact(default):
    (match,) = default.match("DPRK menolak.")
    assert default.check([match], "The Dprk refused.")[0].met is False
    assert default.check([match], "The DPRK refused.")[0].met is True


def test_csv_tsv_and_tbx_load_the_same_entries(tmp_path):
    tsv = glossary_from(tmp_path, "Korea Utara|Korut\tNorth Korea\tno\n")
    csv = glossary_from(tmp_path, "Korea Utara|Korut,North Korea,no\n", "g.csv", "source,target,case_sensitive\n")
    tbx = tmp_path / "g.tbx"
    tbx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="c1">
    <descrip type="definition">the country</descrip>
    <langSet xml:lang="id"><tig><term>Korea Utara</term></tig><tig><term>Korut</term></tig></langSet>
    <langSet xml:lang="en"><tig><term>North Korea</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
  </termEntry>
</body></text></martif>""",
        "utf-8",
    )
    loaded = Glossary.load(tbx)
    assert tsv.entries[0].sources == csv.entries[0].sources == loaded.entries[0].sources == ("Korea Utara", "Korut")
    assert loaded.entries[0].target == "North Korea" and loaded.entries[0].pos == "noun"
    assert tsv.digest() == csv.digest()


@pytest.mark.parametrize(
    "body, message",
    [
        ("PBB\tUN\tno\nPBB\tUN\tno\n", r"g.tsv:3: duplicate entry for 'PBB' \(line 2 gives 'UN'"),
        ("Korut\tNorth Korea\tno\nKorut\tDPRK\tno\n", r"g.tsv:3: conflicting entry for 'Korut'"),
        ("\tUN\tno\n", r"g.tsv:2: empty source term"),
        ("PBB\t\tno\n", r"g.tsv:2: empty target term"),
        ("A||B\tX\tno\n", r"g.tsv:2: empty source variant"),
        ("PBB\tUN\tmaybe\n", r"g.tsv:2: case_sensitive must be yes or no"),
        ("PBB\tUN\tno\textra\n", r"g.tsv:2: 4 fields but the header has 3"),
    ],
)
def test_bad_glossaries_are_clear_errors_with_line_numbers(tmp_path, body, message):
    with pytest.raises(GlossaryError, match=message):
        glossary_from(tmp_path, body)


def test_header_is_required(tmp_path):
    with pytest.raises(GlossaryError, match="header naming the columns"):
        glossary_from(tmp_path, "PBB\tUN\n", header="")


def test_case_variants_differ_only_for_case_sensitive_entries(tmp_path):
    glossary = glossary_from(tmp_path, "AS\tUS\tyes\nas\tas\tno\n")
    assert len(glossary) == 2
    with pytest.raises(GlossaryError, match="g.tsv:3: duplicate entry for 'As'"):
        glossary_from(tmp_path, "as\tas\tno\nAs\tas\tno\n")


def test_later_glossaries_override_earlier_ones(tmp_path):
    (tmp_path / "a.tsv").write_text(HEADER + "Korut\tNorth Korea\tno\nPBB\tUN\tyes\n", "utf-8")
    (tmp_path / "b.tsv").write_text(HEADER + "Korut\tthe DPRK\tno\n", "utf-8")
    glossary = load_glossaries([tmp_path / "a.tsv", tmp_path / "b.tsv"])
    assert {e.sources[0]: e.target for e in glossary.entries} == {"PBB": "UN", "Korut": "the DPRK"}


def test_term_accuracy_counts_per_entry():
    entry = GlossaryEntry(("Korut",), "North Korea")
    glossary = Glossary.from_entries([entry])
    matches = glossary.check(glossary.match("Korut, Korut, Korut."), "North Korea and North Korea and N.")
    report = term_accuracy(matches)
    assert (report["matched"], report["met"]) == (3, 2)
    assert report["entries"]["Korut"]["accuracy"] == pytest.approx(2 / 3)


def test_default_glossary_has_the_required_entries(default):
    targets = {source: e.target for e in default.entries for source in e.sources}
    assert targets["operasi militer khusus"] == "special military operation"
    assert targets["DPRK"] == "DPRK" and targets["Korut"] == "North Korea" and targets["Korsel"] == "South Korea"
    assert targets["Dewan Keamanan PBB"] == "UN Security Council" and targets["PBB"] == "UN"
    assert targets["kemitraan strategis komprehensif"] == "comprehensive strategic partnership"
    assert targets["rudal balistik"] == "ballistic missile" and targets["Semenanjung Korea"] == "Korean Peninsula"
    assert targets["zona demiliterisasi"] == "demilitarized zone"
    assert next(e for e in default.entries if e.term == "AS").case_sensitive


# -- accepted target forms ------------------------------------------------------------------

@pytest.mark.parametrize(
    "target, met",
    [
        ("The North Korean leader arrived", True),  # an accepted form, the adjective
        ("North Korea's leader arrived", True),  # the forced form, possessive
        ("Pyongyang's leader arrived", False),  # none of the forms
        ("The North Koreans arrived", True),  # plural of an accepted form
    ],
)
def test_any_accepted_target_form_meets_the_term(target, met):
    glossary = Glossary.load(GLOSSARY)
    matches = glossary.check(glossary.match("Pemimpin Korea Utara tiba"), target)
    assert [m.met for m in matches] == [met]
    assert matches[0].required == "North Korea" and "North Korean" in matches[0].forms


def test_forms_sharing_words_count_once_each():
    glossary = Glossary.load(GLOSSARY)
    matches = glossary.match("Korea Utara dan Korut")  # required twice
    assert [m.met for m in glossary.check(matches, "The North Korean army and North Korea")] == [True, True]
    assert [m.met for m in glossary.check(matches, "The North Korean army")] == [True, False]


def test_an_empty_target_form_is_refused(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("source\ttarget\nKorea Utara\tNorth Korea||North Korean\n", "utf-8")
    with pytest.raises(GlossaryError, match=r"g.tsv:2: empty target form"):
        Glossary.load(path)


# -- issue 14: TSV read as TSV, CSV errors with lines, indexed matching --------------------


def test_a_quote_in_a_tsv_glossary_is_an_ordinary_character(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text('source\ttarget\tnote\nKorea Utara\tNorth Korea\t"x\nPutin\tPutin\tn\n', "utf-8")
    glossary = Glossary.load(path)
    assert [e.term for e in glossary.entries] == ["Korea Utara", "Putin"]
    assert glossary.entries[0].note == '"x'


@pytest.mark.parametrize(
    "body, complaint",
    [
        ('source,target\n"Korea Utara,North Korea\nPutin,Putin\n', r"g.csv:2: not valid CSV"),
        ("source,target\nPutin,Putin\nx," + "y" * 140_000 + "\n", r"g.csv:3: not valid CSV \(field larger"),
    ],
)
def test_a_csv_error_names_its_line(tmp_path, body, complaint):
    path = tmp_path / "g.csv"
    path.write_text(body, "utf-8")
    with pytest.raises(GlossaryError, match=complaint):
        Glossary.load(path)


def test_the_cli_prints_how_many_entries_it_loaded(tmp_path):
    from click.testing import CliRunner

    from bitext.cli import main

    glossary = tmp_path / "g.tsv"
    glossary.write_text('source\ttarget\tnote\nKorea Utara\tNorth Korea\t"x\nPutin\tPutin\tn\n', "utf-8")
    store = tmp_path / "c.jsonl"
    store.write_text('{"id": "a:1:1", "source": "Putin datang.", "target": "Putin came.", "status": "mt"}\n', "utf-8")
    result = CliRunner().invoke(main, ["glossary", "check", str(store), "-g", str(glossary)])
    assert f"Glossary: 2 entries from {glossary}" in result.output


def _alternation_matches(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    """The matcher before indexing: one alternation of every variant, longest first."""
    import re

    from bitext.terms.glossary import _source_pattern

    variants = sorted(((v, e) for e in glossary.entries for v in e.sources), key=lambda item: -len(item[0]))
    parts = [f"({'' if e.case_sensitive else '(?i:'}{_source_pattern(v)}{'' if e.case_sensitive else ')'})" for v, e in variants]
    matcher = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")
    return [(m.start(), m.end(), variants[m.lastindex - 1][1].term) for m in matcher.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Korea Utara dan Korea Selatan, Korut-Korut, kebijakannya; AS dan ASEAN (PBB) bertemu.",
        "Dewan Keamanan PBB menolak, Korea-Utara dan KoreaUtara serta korut.",
        "Amerika Serikat, Amerika, Rusia dan Rusia-Rusia; putin, Putin-nya.",
        "",
        "Tanpa istilah apa pun di sini.",
    ],
)
def test_indexed_matching_finds_what_the_alternation_found(text):
    glossary = load_glossaries([Path(__file__).resolve().parents[1] / "glossary" / "id-en.tsv"])
    found = [(m.start, m.end, m.term) for m in glossary.match(text)]
    assert found == _alternation_matches(glossary, text)


# -- issue 20: termbases, synonyms; issue 24: encodings, shared prefixes ------------------

TICO_TERMS = SHARED / "data" / "tico19-terminology.en-id.csv"


def test_a_termbase_read_backwards_gathers_synonyms_into_one_entry(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("id,sourceLang,targetLang,sourceString,targetString\n1,en,id_ID,corona virus,virus korona\n"
                    "2,en,id_ID,coronavirus,virus korona\n3,en,id_ID,fever,demam\n", "utf-8")
    glossary = Glossary.load(path)  # id -> en: the file runs en -> id
    entry = next(e for e in glossary.entries if e.term == "virus korona")
    assert entry.targets == ("corona virus", "coronavirus") and len(glossary) == 2
    matches = glossary.check(glossary.match("Gejala virus korona."), "Symptoms of the coronavirus.")
    assert [m.met for m in matches] == [True]
    forward = Glossary.load(path, "en", "id")
    assert {source for e in forward.entries for source in e.sources} == {"corona virus", "coronavirus", "fever"}


@pytest.mark.skipif(not TICO_TERMS.exists(), reason="../shared/data/tico19-terminology.en-id.csv is not here")
def test_tico19_terminology_loads_with_its_21_synonym_sets():
    rows = TICO_TERMS.read_text("utf-8").count("\n") - 1
    glossary = Glossary.load(TICO_TERMS)
    merged = [entry for entry in glossary.entries if len(entry.targets) > 1]
    assert len(merged) == 21
    assert rows - len(glossary) == sum(len(entry.targets) - 1 for entry in merged)
    assert next(e for e in merged if e.term == "virus korona").targets == ("corona virus", "coronavirus")


def test_a_true_conflict_names_both_lines(tmp_path):
    with pytest.raises(GlossaryError, match=r"g.tsv:4: conflicting entry for 'Korut' \(line 2 gives 'North Korea', "
                                            r"this line 'DPRK'\)"):
        glossary_from(tmp_path, "Korut\tNorth Korea\tno\nPBB\tUN\tno\nKorut\tDPRK\tno\n")


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE")])
def test_an_excel_utf16_glossary_gets_an_iconv_hint(tmp_path, encoding, named):
    path = tmp_path / "excel.tsv"
    path.write_bytes("source\ttarget\nKorut\tNorth Korea\n".encode(encoding))
    with pytest.raises(GlossaryError, match=rf"excel.tsv: not UTF-8 but {named} .*iconv -f {named} -t UTF-8"):
        Glossary.load(path)


def test_entries_sharing_a_first_word_match_as_the_alternation_does(tmp_path):
    import random

    words = ["luar negeri", "dalam negeri", "keuangan", "luar", "pertahanan", "luar negeri dan kerja sama"]
    rng = random.Random(5)
    syllables = "ba be ka ke la le ma me na ne pa pe ra re sa se ta te".split()
    words += sorted({" ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(rng.randint(1, 3)))
                     for _ in range(120)})
    body = "".join(f"kementerian {word}\tministry {number}\tno\n" for number, word in enumerate(words))
    body += "".join(f"{word}\tword {number}\tno\n" for number, word in enumerate(words[6:60]))
    glossary = glossary_from(tmp_path, body + "Korea Utara|Korut\tNorth Korea\tno\nAS\tUS\tyes\n")
    text = ("Kementerian Luar Negeri dan Kementerian luar-negeri, kementerianluar negeri dan kerja-sama; "
            "Kementerian Keuangannya, kementerian pertahanan-pertahanan dan Korut. AS " + " ".join(words[6:40])
            + " kementerian " + " kementerian ".join(words[20:80]))
    assert [(m.start, m.end, m.term) for m in glossary.match(text)] == _alternation_matches(glossary, text)
    assert len(glossary.match(text)) > 60
