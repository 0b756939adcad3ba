"""Page furniture and punctuation shapes (bitext.filtering.shapes)."""

import pytest

from bitext.filtering.shapes import ShapeFilter

from .filtering_pairs import CLEAN, pair


@pytest.mark.parametrize("source,target", [
    ("Baca juga: Harga minyak naik tiga persen", "Read also: Oil prices rise three percent"),
    ("Bagikan: Facebook | Twitter | WhatsApp", "Share: Facebook | Twitter | WhatsApp"),
    ("Iklan", "Advertisement"),
    ("Penulis: Budi Santoso | Editor: Dewi Lestari", "Writer: Budi Santoso | Editor: Dewi Lestari"),
    ("Foto: ANTARA/Budi Santoso", "Photo: ANTARA/Budi Santoso"),
    ("Hak cipta © 2024 Kompas.com", "Copyright © 2024 Kompas.com"),
    ("Beranda > Berita > Nasional", "Home > News > National"),
    ("Ikuti kami di Instagram @beritaku", "Follow us on Instagram @beritaku"),
    ("Kunjungi https://www.contoh.co.id/berita", "Visit https://www.contoh.co.id/news"),
    ("Klik di sini untuk berlangganan buletin kami", "Click here to subscribe to our newsletter"),
    ("Halaman 1 2 3 4 Selanjutnya", "Page 1 2 3 4 Next"),
    ("TEMPO.CO, Jakarta -", "TEMPO.CO, Jakarta -"),
    ("Tags: covid-19, vaksin, kesehatan", "Tags: covid-19, vaccine, health"),
    ("Luar biasa!!!!!!", "Amazing!!!!!!"),
])
def test_page_furniture_is_removed(source, target):
    verdict = ShapeFilter().judge(pair(source, target))
    assert verdict.reason is not None and verdict.scores["boilerplate"] == 1.0


@pytest.mark.parametrize("source,target", [
    *CLEAN,
    ("Data lengkap tersedia di situs resmi kementerian (https://www.kemkes.go.id) sejak bulan lalu.",
     "The full data has been available on the ministry's official site (https://www.kemkes.go.id) since last month."),
    ("Ia mengatakan kepada Kompas.com bahwa harga beras akan turun.", "He told Kompas.com that rice prices would fall."),
])
def test_sentences_pass_even_with_a_url_or_an_outlet_in_them(source, target):
    verdict = ShapeFilter().judge(pair(source, target))
    assert verdict.reason is None and verdict.scores["boilerplate"] == 0.0
