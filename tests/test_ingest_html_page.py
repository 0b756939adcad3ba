"""Saved HTML pages to lines with their structure (bitext.ingest.html_page), and what the
cleaner makes of that structure (bitext.cleaning.structure), on pages written for these
tests (issues 22 and 24)."""

import pytest

pytest.importorskip("trafilatura")

from bitext.cleaning.cleaner import Cleaner  # noqa: E402
from bitext.ingest.html_page import declared_title, page_encoding, page_lines, read_html  # noqa: E402
from bitext.ingest.reader import read_document  # noqa: E402

from .timing import finishes_within  # noqa: E402

BODY = ("<p>Pemerintah kota membuka tiga jalur bus baru yang menghubungkan terminal dengan kawasan industri "
        "mulai pekan depan, kata kepala dinas perhubungan.</p>"
        "<p>Setiap jalur dilayani dua puluh bus berpendingin udara yang berangkat setiap lima belas menit "
        "dari pagi hingga malam hari.</p>"
        "<p>Tarif yang dikenakan sama dengan tarif bus kota biasa sehingga pekerja tidak terbebani biaya "
        "tambahan untuk berangkat kerja.</p>")

PAGE = f"""<html><head><meta charset="utf-8"><title>Tiga Jalur Bus Baru Dibuka - Kabar Kota</title>
<meta property="og:title" content="Tiga Jalur Bus Baru Dibuka"></head><body>
<div class="site-header"><h1><a href="/">Kabar Kota</a></h1></div>
<nav><ul><li><a href="/a">Beranda</a></li><li><a href="/b">Daerah</a></li></ul></nav>
<div class="content-sidebar-wrap"><article>
<h1>Tiga Jalur Bus Baru Dibuka</h1><p class="meta">Rabu, 3 April 2019 08:00 WIB</p>
<figure><img src="bus.jpg" alt="Bus kota baru berjajar di terminal"><figcaption>Bus kota baru berjajar di terminal,
Rabu. (Foto: Humas Dishub)</figcaption></figure>
{BODY}
<p>Baca juga: <a href="/c">Tarif Parkir Naik Mulai Bulan Depan</a></p>
<h2>Jam operasional</h2><p>Bus beroperasi dari pukul lima pagi sampai sepuluh malam setiap hari, termasuk pada hari libur nasional.</p>
</article>
<div class="related-posts"><h3>Berita Lainnya</h3><ul><li><a href="/d">Jembatan Baru Diresmikan</a></li>
<li><a href="/e">Pasar Malam Kembali Digelar</a></li></ul></div></div>
<footer><p>Tentang Kami</p><p>&copy; 2019 Kabar Kota</p></footer></body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "bus.html"
    path.write_text(PAGE, "utf-8")
    return path


def test_lines_carry_their_element_links_and_container(page):
    html = read_html(page.read_bytes(), "bus.html")
    by_text = dict(zip(html.lines, html.structure))
    assert by_text["Beranda"].chrome == "nav" and by_text["Beranda"].link_share == 1.0
    assert by_text["Tiga Jalur Bus Baru Dibuka"].tag == "h1"
    assert by_text["Jembatan Baru Diresmikan"].chrome == "related"  # class "related-posts"
    assert not by_text["Jam operasional"].chrome  # "content-sidebar-wrap" holds the article: no container word
    assert any(line.caption for text, line in by_text.items() if text.startswith("Bus kota baru berjajar di terminal,"))
    assert 0 < by_text["Baca juga: Tarif Parkir Naik Mulai Bulan Depan"].link_share < 1


def test_the_declared_title_is_the_h1_agreeing_with_og_title_not_the_logo(page):
    html = read_html(page.read_bytes(), "bus.html")
    assert html.title == "Tiga Jalur Bus Baru Dibuka"


def test_the_html_page_keeps_article_caption_and_heading_and_drops_the_rest(page):
    blocks = Cleaner().clean(read_document(page, "bus.html"))
    kept = [block.text for block in blocks if block.kept]
    assert kept[0] == "Tiga Jalur Bus Baru Dibuka"
    assert "Bus kota baru berjajar di terminal, Rabu." in kept and "Jam operasional" in kept
    assert sum(1 for text in kept if text.startswith(("Pemerintah kota", "Setiap jalur", "Tarif yang", "Bus beroperasi"))) == 4
    dropped = " ".join(block.original for block in blocks if not block.kept)
    for furniture in ("Beranda", "Jembatan Baru Diresmikan", "Tentang Kami", "Baca juga", "Rabu, 3 April 2019"):
        assert furniture in dropped
    assert all(block.rule for block in blocks if not block.kept)


def test_an_alt_text_is_a_line_only_when_it_is_a_caption(tmp_path):
    html = ("<html><body><h1>Judul Berita Hari Ini</h1>" + BODY +
            '<p><img src="a.jpg" alt="Warga menonton pertunjukan di alun-alun kota, Sabtu malam. (Antara/Budi)"></p>'
            '<p><img src="b.jpg" alt="gambar ilustrasi bus kota"></p>' + BODY.replace("Pemerintah", "Dinas") + "</body></html>")
    path = tmp_path / "alt.html"
    path.write_text(html, "utf-8")
    blocks = Cleaner().clean(read_document(path, "alt.html"))
    by_text = {block.original: block for block in blocks}
    assert by_text["Warga menonton pertunjukan di alun-alun kota, Sabtu malam. (Antara/Budi)"].kind == "caption"
    assert not by_text["gambar ilustrasi bus kota"].kept


def test_a_page_without_a_charset_is_read_as_utf8_not_latin1():
    data = "<html><body><p>Warga menyebutnya ‘kota taman’ — dan itu benar.</p></body></html>".encode()
    assert page_encoding(data) == "utf-8"
    assert page_lines(data) == ["Warga menyebutnya ‘kota taman’ — dan itu benar."]
    latin = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 baru</p></body></html>'.encode("cp1252")
    assert page_lines(latin) == ["Café baru"]


def test_declared_title_falls_back_to_the_line_og_title_names():
    import lxml.html

    root = lxml.html.document_fromstring('<html><head><meta property="og:title" content="Banjir Surut | Kabar">'
                                         "</head><body><div>Banjir Surut</div></body></html>")
    assert declared_title(root, ["Banjir Surut"]) == "Banjir Surut"


@pytest.mark.parametrize("depth", [300, 1500])
def test_a_paragraph_under_hundreds_of_nested_divs_is_read(tmp_path, depth):
    html = ("<html><body><h1>Judul Berita Hari Ini</h1>" + "<div>" * depth
            + "<p>Paragraf yang bersarang dalam sekali ini tetap harus dibaca oleh bitext sampai habis.</p>"
            + "</div>" * depth + BODY + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(html, "utf-8")
    for keep_all in (False, True):
        document = read_document(path, "deep.html", keep_all=keep_all)
        assert any("bersarang dalam sekali" in line for line in document.paragraphs), keep_all


def test_a_page_deeper_than_the_parser_reads_is_read_flat_and_said_so(tmp_path, capsys):
    depth = 5000
    html = ("<html><body>" + "<div>" * depth + "<p>Paragraf terdalam tetap dibaca.</p>" + "</div>" * depth
            + "<script>var x = 1;</script><p>Akhir halaman.</p></body></html>")
    path = tmp_path / "deeper.html"
    path.write_text(html, "utf-8")
    document = finishes_within(30, lambda: read_document(path, "deeper.html"))
    assert document.paragraphs == ["Paragraf terdalam tetap dibaca.", "Akhir halaman."]
    assert document.structure is None
    assert "read as flat text" in capsys.readouterr().err


def test_structure_that_travelled_as_json_records_is_read_the_same(page):
    import dataclasses
    import json

    document = read_document(page, "bus.html")
    data = json.loads(json.dumps({**dataclasses.asdict(document)}))
    travelled = type(document)(**data)
    assert [b.kind for b in Cleaner().clean(travelled)] == [b.kind for b in Cleaner().clean(document)]
