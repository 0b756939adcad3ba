from collections import Counter

import pytest

from bitext.cleaning.cleaner import Cleaner
from bitext.ingest.reader import Document, read_documents
from bitext.segmentation.documents import segment_documents

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return {document.doc[:3]: document for document in read_documents([str(SEEDS)])}


@pytest.fixture(scope="module")
def cleaned(seeds):
    cleaner = Cleaner()
    return {key: cleaner.clean(document) for key, document in seeds.items()}


def kept_texts(blocks):
    return [block.text for block in blocks if block.kept]


def test_captions_printed_twice_are_kept_once_without_credit(cleaned):
    blocks = cleaned["000"]
    captions = [b for b in blocks if b.kind == "caption"]
    duplicates = [b for b in blocks if b.kind == "duplicate"]
    assert len(captions) == 5 and len(duplicates) == 5
    assert captions[0].text.endswith("di Pyongyang, 19 Juni 2024.")
    assert ("credit", "photo credit", "(Gavriil Grigorov/ Pool / AFP)") in captions[0].stripped
    assert all(duplicate.text == caption.text for duplicate, caption in zip(duplicates, captions))


def test_caption_with_file_marker_and_credit_line(cleaned):
    blocks = cleaned["004"]
    kinds = [(b.paragraph, b.kind) for b in blocks[3:7]]
    assert kinds == [(4, "byline"), (5, "caption"), (6, "credit"), (7, "duplicate")]
    assert blocks[4].text.startswith("Presiden Rusia Vladimir Putin, kanan,")


def test_glued_teaser_is_cut_from_the_body_sentence(cleaned):
    block = cleaned["002"][5]
    assert block.kind == "body"
    assert block.text.startswith("Media Rusia melaporkan bahwa Putin mengatakan")
    assert block.stripped == [("teaser", "teaser glued to the next sentence", "BACA JUGA: Sambut Putin, Kim Jong Un Gelar Karpet Merah")]


def test_trailing_editor_initials_are_stripped(cleaned):
    last_body = [b for b in cleaned["000"] if b.kept][-1]
    assert last_body.text.endswith("tanah air (AS),” katanya.")
    assert ("byline", "editor initials", "[ab/th]") in last_body.stripped
    assert kept_texts(cleaned["002"])[-1].endswith("dalam perang di Ukraina.")


def test_related_articles_list_is_dropped_whole(cleaned):
    blocks = cleaned["001"]
    header = next(i for i, b in enumerate(blocks) if b.original == "Berita terkait")
    assert all(not b.kept for b in blocks[header:])
    assert {b.kind for b in blocks[header:]} == {"related", "dateline", "boilerplate"}


def test_page_furniture_is_dropped(cleaned):
    dropped = {b.original: b.kind for blocks in cleaned.values() for b in blocks if not b.kept}
    for line, kind in [
        ("Tautan-tautan Akses", "boilerplate"), ("Forum", "boilerplate"), ("XS", "boilerplate"),
        ("Advertising", "boilerplate"), ("Advertisement", "boilerplate"),
        ("Your browser doesn’t support HTML5", "boilerplate"), ("Reporter", "byline"), ("Tempo.co", "byline"),
        ("Selasa, 18 Juni 2024 17:06 WIB", "dateline"), ("Rabu 13 Sep 2023 07:09 WIB", "dateline"),
        ("CHANNEL NEWSASIA", "byline"), ("sumber : Reuters", "byline"), ("Baca Juga", "related"),
        ("Pilihan Editor: Putin Kunjungi Korea Utara untuk Pertama Kali dalam 24 Tahun", "teaser"),
        ("MEMBACA Putin menyetujui perubahan doktrin nuklir Rusia", "teaser"),
    ]:
        assert dropped.get(line) == kind, line


def test_dateline_leads_are_stripped_and_dates_in_body_kept(cleaned):
    body = kept_texts(cleaned["001"])
    assert any(text.startswith("Presiden Rusia Vladimir Putin pada Selasa 18 Juni 2024 memuji") for text in body)
    body = kept_texts(cleaned["004"])
    assert any(text.startswith("Pemimpin Korea Utara (Korut) Kim Jong-un mengatakan") for text in body)
    assert any("(13/9/2023)." in text for text in body)
    assert any("Pyongyang, Rabu (19/6). Ia bertemu" in text for text in kept_texts(cleaned["000"]))


def test_headings_are_kept(cleaned):
    headings = [b.text for blocks in cleaned.values() for b in blocks if b.kind == "heading"]
    assert "Dekat, tapi seberapa dekat?" in headings
    assert "Di Pyongyang, Putin dan Kim Janjikan Hubungan Lebih Erat" in headings


def test_every_body_sentence_once_and_nothing_lost(seeds):
    documents = list(seeds.values())
    segments, removals = segment_documents(documents)
    sources = [segment.source for segment in segments]
    assert len(sources) == len(set(sources)), [s for s, n in Counter(sources).items() if n > 1]
    # Every character of the input is in a kept segment or in a removal record, and
    # nothing else is (glued words like "MerahMedia" are cut, so compare characters).
    def characters(texts):
        return Counter(ch for text in texts for ch in text if not ch.isspace())

    for document in documents:
        accounted = characters(s.source for s in segments if s.doc == document.doc)
        accounted += characters(r.text for r in removals if r.doc == document.doc)
        assert characters(document.paragraphs) == accounted, document.doc


# Pages in other layouts, to check the rules are about shape, not these five pages.
OTHER_PAGE = [
    "Harga Beras Naik Jelang Lebaran",
    "Kamis, 4 April 2024 | 10:15 WIB",
    "Penulis: Andi Wijaya",
    "Jakarta (ANTARA) - Harga beras di pasar induk naik 10 persen. Pedagang mengeluhkan pasokan.",
    "Pedagang menata beras di Pasar Induk Cipinang, Jakarta. (ANTARA FOTO/Sigid Kurniawan/foc)",
    "Baca juga: Bulog Siapkan Operasi Pasar",
    "Menurut Bulog, stok aman hingga akhir tahun. (ant/dhf)",
    "Artikel Terkait",
    "Operasi Pasar Digelar di 10 Kota",
    "3 jam lalu",
    "Operasi Pasar Digelar di 10 Kota",
    "Share",
]


def test_other_layouts_are_classified_by_shape():
    blocks = Cleaner().clean(Document("other.txt", OTHER_PAGE))
    kinds = [block.kind for block in blocks]
    assert kinds == [
        "heading", "dateline", "byline", "body", "caption", "teaser", "body",
        "related", "related", "dateline", "related", "boilerplate",
    ]
    assert blocks[3].text.startswith("Harga beras di pasar induk naik")
    assert blocks[4].text == "Pedagang menata beras di Pasar Induk Cipinang, Jakarta."
    assert blocks[6].text == "Menurut Bulog, stok aman hingga akhir tahun."


def test_parenthesised_text_at_the_end_is_not_a_credit():
    text = "Korea Utara karena program senjata nuklirnya dan aktivitas lain, seperti pencurian dunia maya (cybertheft)."
    (block,) = Cleaner().clean(Document("d", [text]))
    assert (block.kind, block.text) == ("body", text)


def test_keep_all_keeps_everything_with_its_class(seeds):
    cleaner = Cleaner(keep_all=True)
    blocks = cleaner.clean(seeds["001"])
    assert all(block.kept and block.text == block.original for block in blocks)
    assert {block.kind for block in blocks} >= {"related", "byline", "boilerplate"}
    assert cleaner.removals("001", blocks) == []


# -- issue 11: a © inside a sentence, mojibake ------------------------------------------------


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Produk bermerek Apple© dijual murah di Jakarta.", "Produk bermerek Apple© dijual murah di Jakarta."),
        ("Merek Nike© dan Adidas© bersaing ketat di pasar Asia.", "Merek Nike© dan Adidas© bersaing ketat di pasar Asia."),
        ("Warga memadati alun-alun kota pada Rabu pagi. © Reuters", "Warga memadati alun-alun kota pada Rabu pagi."),
        ("Warga memadati alun-alun kota pada Rabu pagi. ©2024 AFP/Getty Images",
         "Warga memadati alun-alun kota pada Rabu pagi."),
    ],
)
def test_copyright_sign_is_a_credit_only_in_a_credit_shape(line, kept):
    (block,) = Cleaner().clean(Document("d", [line]))
    assert block.kept and block.text == kept


def test_mojibake_is_repaired_counted_and_reported_as_it_was(tmp_path):
    cleaner = Cleaner()
    lines = ["CafÃ© di Jakarta ramai dikunjungi warga setiap akhir pekan.", "Kalimat biasa tanpa masalah."]
    blocks = cleaner.clean(Document("d", lines))
    assert [b.text for b in blocks] == ["Café di Jakarta ramai dikunjungi warga setiap akhir pekan.", lines[1]]
    assert cleaner.repaired == 1 and blocks[0].raw == lines[0]


def test_the_manifest_counts_repaired_paragraphs(tiny_translator, tmp_path):
    from bitext.formats import read_corpus
    from bitext.project.run import TranslateOptions, run_translation

    run = run_translation(tmp_path, [Document("d", ["CafÃ© di Jakarta ramai dikunjungi warga."])],
                          TranslateOptions(formats=("jsonl",), glossaries=(), use_cache=False), translator=tiny_translator)
    assert run.stats.repaired_paragraphs == 1 and run.manifest["counts"]["repaired_paragraphs"] == 1
    assert read_corpus(tmp_path / "id-en.jsonl").segments[0].source == "Café di Jakarta ramai dikunjungi warga."


# -- issue 22: why each line went ---------------------------------------------------------------


def test_every_removal_names_its_rule_and_evidence(seeds):
    cleaner = Cleaner()
    for document in seeds.values():
        removals = cleaner.removals(document.doc, cleaner.clean(document))
        assert removals and all(removal.rule and removal.reason for removal in removals)
        record = removals[0].to_dict()
        assert set(record) == {"doc", "paragraph", "kind", "rule", "reason", "text"}


def test_explain_gives_every_paragraph_its_class_rule_and_evidence(seeds):
    decisions = Cleaner().explain(seeds["001"])
    assert [d.paragraph for d in decisions] == list(range(1, len(seeds["001"].paragraphs) + 1))
    by_text = {d.text: d for d in decisions}
    assert by_text["Selasa, 18 Juni 2024 17:06 WIB"].rule == "date-line" and not by_text["Selasa, 18 Juni 2024 17:06 WIB"].kept
    lead = next(d for d in decisions if d.text.startswith("TEMPO.CO, Jakarta - Presiden"))
    assert lead.kept and lead.rule == "article-text" and lead.kept_text.startswith("Presiden Rusia")
    assert lead.stripped == (("dateline", "dateline-lead", "dateline lead", "TEMPO.CO, Jakarta -"),)
    assert all(d.reason for d in decisions)


def test_the_manifest_counts_what_was_dropped_by_rule(tiny_translator, tmp_path):
    from bitext.project.run import TranslateOptions, run_translation

    page = ["Beranda", "Nasional", "Banjir Rendam Ribuan Rumah di Pesisir Utara", "Kamis, 7 Maret 2024 | 08:30 WIB",
            "Banjir merendam ribuan rumah di pesisir utara sejak Rabu malam setelah hujan deras mengguyur.",
            "Baca juga: Harga Beras Naik Lagi", "Tags: banjir"]
    run = run_translation(tmp_path, [Document("d", page)], TranslateOptions(formats=("jsonl",), glossaries=(),
                          use_cache=False), translator=tiny_translator)
    counts = run.manifest["counts"]["dropped_by_rule"]
    assert counts["date-line"] == 1 and counts["teaser-prefix"] == 1 and counts["end-marker"] == 1
    assert sum(counts.values()) == run.manifest["counts"]["dropped"]
