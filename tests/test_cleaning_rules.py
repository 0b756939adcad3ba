"""The cleaner's features and rules, each on pages it was not written from (issue 11).

The pages here are written for these tests in layouts unlike the seeds and the dev pages:
a menu-heavy portal, a page whose article an ad block interrupts, an HTML page.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext.cleaning.cleaner import Cleaner
from bitext.cleaning.line_features import line_features, navigation_reason
from bitext.cli import main
from bitext.ingest.reader import Document, read_documents

from .conftest import SHARED

FUNCTION_WORDS = Cleaner().function_words


@pytest.mark.parametrize(
    "line, reason",
    [
        ("| | |", "no letters"),
        ("12", "no letters"),
        ("[gambar-utama]", "placeholder"),
        ("[ + ] [ - ]", "no letters"),
        ("[foto-1] [foto-2]", "placeholder"),
        ("MASUK | DAFTAR | Facebook | X", "separators"),
        ("BeritaEkonomiOlahragaHiburanTekno", "glued"),
        ("Beranda > Ekonomi > Keuangan", "breadcrumb"),
        ("Indeks / Nasional / Hukum", "breadcrumb"),
        ("#pemilu #pilpres", "tags"),
        ("1.204 dibaca", "counter"),
        ("15 Komentar", "counter"),
        ("• Otomotif", "menu"),
        ("› Gaya Hidup", "menu"),
        ("Please enable JavaScript to view the comments", "English"),
    ],
)
def test_navigation_shapes(line, reason):
    assert reason in (navigation_reason(line_features(line, FUNCTION_WORDS)) or ""), line


@pytest.mark.parametrize(
    "line",
    [
        "Pemerintah menaikkan harga bahan bakar minyak mulai pekan depan, kata menteri.",
        "• Warga diminta menyimpan air bersih selama masa kemarau panjang tahun ini.",
        "Harga cabai | naik tajam di pasar tradisional karena pasokan dari petani terganggu cuaca.",
        "Gempa Guncang Cianjur",  # a heading: short, but not navigation by shape
        "1.500 warga mengungsi.",
    ],
)
def test_article_lines_are_not_navigation(line):
    assert navigation_reason(line_features(line, FUNCTION_WORDS)) is None, line


PORTAL_PAGE = """MASUK | DAFTAR
Beranda
Nasional
Ekonomi
Olahraga
Teknologi
Beranda > Nasional > Lingkungan
Banjir Rendam Ribuan Rumah di Pesisir Utara
Kamis, 7 Maret 2024 | 08:30 WIB
Penulis: Siti Rahmawati
SEMARANG, KOMPAS.com - Banjir merendam ribuan rumah di pesisir utara Jawa Tengah sejak Rabu malam setelah hujan deras mengguyur kawasan itu selama dua hari.
Badan Penanggulangan Bencana Daerah mencatat lebih dari 3.000 warga mengungsi ke balai desa dan masjid terdekat.
Tanggul Jebol
Menurut kepala desa setempat, tanggul sungai yang jebol menjadi penyebab utama air masuk ke permukiman warga.
"Kami sudah meminta perbaikan sejak tahun lalu, tetapi belum ada tindakan," ujarnya kepada wartawan.
Pemerintah daerah berjanji akan mengirim alat berat untuk menutup tanggul yang jebol dalam waktu dekat.
Bagikan artikel ini
#banjir #jawatengah
1.024 dibaca
Berita Terkini
2 jam lalu
Harga beras di pasar induk kembali naik menjelang bulan puasa, pedagang mengeluhkan pasokan yang tersendat dari daerah.
3 jam lalu
Ribuan penonton memadati stadion untuk menyaksikan laga final turnamen sepak bola antarkampung di kota itu.
5 jam lalu
Pemerintah kota meluncurkan aplikasi pengaduan warga yang dapat diakses melalui telepon genggam mulai pekan ini.
Tentang Kami
Pedoman Media Siber
Kontak
© 2024 Portal Berita
"""
PORTAL_ARTICLE = [8, 11, 12, 13, 14, 15, 16]  # 1-based lines: title, body, a subheading


def kept_lines(page: str) -> list[int]:
    lines = page.strip("\n").split("\n")
    blocks = Cleaner().clean(Document("page.txt", lines))
    return [block.paragraph for block in blocks if block.kept]


def test_a_portal_page_keeps_its_article_and_nothing_else():
    assert kept_lines(PORTAL_PAGE) == PORTAL_ARTICLE


def test_every_dropped_line_has_a_reason():
    blocks = Cleaner().clean(Document("page.txt", PORTAL_PAGE.strip("\n").split("\n")))
    assert all(block.reason for block in blocks if not block.kept)


def test_an_ad_block_inside_the_article_does_not_cut_it():
    lines = PORTAL_PAGE.strip("\n").split("\n")
    lines[13:13] = ["ADVERTISEMENT", "Scroll untuk melanjutkan", "Iklan"]  # before line 14
    kept = kept_lines("\n".join(lines))
    body = [text for text in lines if text.startswith(("Menurut kepala desa", '"Kami sudah', "Pemerintah daerah"))]
    assert len(body) == 3 and all(lines.index(text) + 1 in kept for text in body)


HTML_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Banjir Rendam Ribuan Rumah | Portal Berita</title>
<meta property="og:site_name" content="Portal Berita"></head>
<body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
<main><article>
<h1>Banjir Rendam Ribuan Rumah</h1>
<p class="date">Kamis, 7 Maret 2024 | 08:30 WIB</p>
<p>SEMARANG - Banjir merendam ribuan rumah di pesisir utara Jawa Tengah sejak Rabu malam setelah hujan deras mengguyur kawasan itu selama dua hari.</p>
<p>Badan Penanggulangan Bencana Daerah mencatat lebih dari 3.000 warga mengungsi ke balai desa dan masjid terdekat.</p>
<h2>Tanggul Jebol</h2>
<p>Menurut kepala desa setempat, tanggul sungai yang jebol menjadi penyebab utama air masuk ke permukiman warga.</p>
<p>Pemerintah daerah berjanji akan mengirim alat berat untuk menutup tanggul yang jebol dalam waktu dekat.</p>
</article></main>
<aside><h3>Berita Terkini</h3><ul><li><a href="/a">Harga Beras Naik Lagi</a></li><li><a href="/b">Final Turnamen Antarkampung</a></li></ul></aside>
<footer><p>Tentang Kami</p><p>Kontak</p><p>&copy; 2024 Portal Berita</p></footer>
</body></html>
"""


def test_html_input_is_segmented_like_text(tmp_path):
    (tmp_path / "berita.html").write_text(HTML_PAGE, "utf-8")
    (tmp_path / "catatan.txt").write_text("Ini catatan pendek yang ditulis dengan tangan.\n", "utf-8")
    documents = read_documents(tmp_path)  # a folder mixing .html and .txt
    assert [d.doc for d in documents] == ["berita.html", "catatan.txt"]
    html = documents[0]
    assert html.title == "Banjir Rendam Ribuan Rumah" and html.discarded > 0
    result = CliRunner().invoke(main, ["segment", str(tmp_path / "berita.html"), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    texts = [r["source"] for r in records]
    assert texts[0] == "Banjir Rendam Ribuan Rumah" and records[0]["kind"] == "heading"
    assert "Tanggul Jebol" in texts
    assert any(t.startswith("Banjir merendam ribuan rumah") for t in texts)  # dateline lead stripped
    assert not any(word in " ".join(texts) for word in ("Beranda", "Harga Beras Naik Lagi", "Tentang Kami", "Kontak"))
    assert all(r["id"].startswith("berita.html:") and r["id"].count(":") == 2 for r in records)


def test_keep_all_shows_the_whole_html_page(tmp_path):
    (tmp_path / "berita.html").write_text(HTML_PAGE, "utf-8")
    result = CliRunner().invoke(main, ["segment", str(tmp_path / "berita.html"), "--keep-all"])
    assert result.exit_code == 0 and "Beranda" in result.stdout and "Harga Beras Naik Lagi" in result.stdout


@pytest.mark.slow
def test_the_manifest_counts_what_the_extractor_discarded(tmp_path, tiny_model):
    (tmp_path / "berita.html").write_text(HTML_PAGE, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(tmp_path / "berita.html"), "-o", str(out), "--model",
                                       str(tiny_model), "--beam-size", "1", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    counts = json.loads((out / "manifest.json").read_text("utf-8"))["counts"]
    assert counts["html_discarded_lines"] >= 6 and counts["repaired_paragraphs"] == 0


@pytest.mark.skipif(not (SHARED / "data" / "dev-pages").exists(), reason="../shared/data/dev-pages is not here")
def test_the_labelled_pages_meet_the_cleaning_targets():
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "cleaning.py"
    output = subprocess.run([sys.executable, str(script), "--shared", str(SHARED / "data")],
                            capture_output=True, text=True, check=True).stdout
    rows = {line.split("|")[2].strip(): line for line in output.splitlines() if line.startswith("| **all**")}

    def share(row: str, column: int) -> float:
        return float(row.split("|")[column].strip().rstrip("%")) / 100

    assert share(rows["text"], 4) >= 0.98 and share(rows["text"], 6) <= 0.03
    assert share(rows["html"], 6) <= 0.03


def test_a_date_or_list_item_ends_a_run_of_prose_but_an_ad_line_does_not():
    from bitext.cleaning.blocks import Block
    from bitext.cleaning.main_text import prose_runs

    prose = "Pemerintah kota meluncurkan aplikasi pengaduan warga yang dapat diakses mulai pekan ini."
    lines = [prose, "Iklan", prose + " Lagi.", "Kamis, 7 Maret 2024", prose + " Satu lagi."]
    blocks = [Block(i, text, text=text) for i, text in enumerate(lines, 1)]
    blocks[1].kind = "boilerplate"
    blocks[3].kind = "dateline"
    features = [line_features(text, FUNCTION_WORDS) for text in lines]
    assert prose_runs(blocks, features) == [[0, 2], [4]]


def test_segment_explain_prints_the_decision_for_each_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PORTAL_PAGE, "utf-8")
    result = CliRunner().invoke(main, ["segment", str(page), "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("== page.txt: 30 paragraphs, 7 kept")
    assert any(" drop dateline " in line and "date-line" in line and "Kamis, 7 Maret 2024" in line for line in lines)
    assert any(" KEEP heading " in line and "Banjir Rendam Ribuan Rumah" in line for line in lines)
    assert any(line.split()[:2] == ["cut", "dateline"] and "SEMARANG, KOMPAS.com -" in line for line in lines)
    records = [json.loads(line) for line in
               CliRunner().invoke(main, ["segment", str(page), "--explain", "-f", "jsonl"]).stdout.splitlines()]
    assert len(records) == 30 and all(record["rule"] and record["reason"] for record in records)


@pytest.mark.parametrize(
    "lines",
    [
        [" ".join(["Kota", "Desa", "Pasar"][: 1 + n % 3]) + f" {n}" for n in range(20_000)] + ["Ya."],  # short lines
        ["Olahraga" if n % 2 else f"Judul Berita Pendek Nomor {n}" for n in range(20_000)],  # a kicker down the page
        [f"Judul Berita Nomor {n} {n % 28 + 1} Februari 2017" for n in range(10_000)],  # dated titles
    ],
    ids=["short-lines", "spread-kickers", "dated-titles"],
)
def test_pages_of_many_short_lines_are_cleaned_in_linear_time(lines):
    # once quadratic: a heading rule scanning the whole page per line, a kicker's copies
    # looked for down the whole page per line
    from .timing import finishes_within

    blocks = finishes_within(60, lambda: Cleaner().clean(Document("page.txt", lines)))
    assert len(blocks) == len(lines) and all(block.reason or block.kept for block in blocks)
