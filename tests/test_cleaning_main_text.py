"""Where the article is on its page (bitext.cleaning.main_text), on pages written for these
tests in layouts unlike the dev pages: each case is one general shape (issue 22)."""

from bitext.cleaning.cleaner import Cleaner
from bitext.ingest.reader import Document

P1 = ("Pemerintah provinsi menyiapkan dua ratus posko kesehatan di sepanjang jalur mudik tahun ini, "
      "kata kepala dinas kepada wartawan di kantornya.")
P2 = ("Setiap posko dilengkapi ambulans, tenaga medis dan obat-obatan dasar yang dapat digunakan oleh "
      "pemudik yang kelelahan di perjalanan.")
P3 = ("Dinas juga meminta pemudik beristirahat setiap empat jam sekali agar tidak mengantuk saat "
      "mengemudi di jalan tol maupun jalan nasional.")
SUMMARY = ("Ratusan pedagang di pasar induk mengeluhkan sepinya pembeli menjelang akhir bulan karena harga "
           "sayuran yang terus naik.")


def kept(lines: list[str]) -> list[int]:
    """1-based numbers of the lines the cleaner keeps."""
    return [block.paragraph for block in Cleaner().clean(Document("page.txt", lines)) if block.kept]


def test_teaser_cards_after_the_article_are_dropped_even_without_a_header():
    # summary, kicker glued to its date, title: the card repeats; no "related" header, no tag line
    cards = []
    for number in range(4):
        cards += [SUMMARY, f"Ekonomi{number + 1} Mar 2019 10:2{number}", f"Pedagang Pasar Induk Mengeluh Sepi {number}"]
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, P2, P3] + cards
    assert kept(lines) == [1, 2, 3, 4]


def test_an_embedded_post_does_not_cut_the_article_in_two():
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1,
             "Safe travels everyone, stop every four hours https://t.co/abc123",
             "— Dinas Kesehatan (@dinkes_prov) April 2, 2019", P2, P3]
    assert kept(lines) == [1, 2, 5, 6]


def test_a_closing_list_is_kept_up_to_the_editors_initials():
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, P2, "Lokasi Posko", "1. Rest area km 57",
             "2. Gerbang tol Cikampek", "3. Simpang Jomin (ant/rdk)", "Baca juga:", "Jalur Alternatif Mudik Lebaran",
             "Tips Mudik Aman Bersama Anak"]
    assert kept(lines) == [1, 2, 3, 4, 5, 6, 7]


def test_the_header_keeps_title_caption_and_lead_and_drops_kicker_name_date():
    lines = ["Kesehatan", "Posko Kesehatan Disiapkan di Jalur Mudik", "by Rina Wulandari",
             "Selasa, 2 April 2019 09:15 WIB", "Petugas memeriksa tekanan darah pemudik di rest area. (Foto: Humas)",
             "Dinas kesehatan menyiapkan posko di sepanjang jalur mudik.", P1, P2]
    assert kept(lines) == [2, 5, 6, 7, 8]


def test_kickers_printed_down_a_list_of_cards_mark_it_as_a_list():
    cards = []
    for title in ("Harga Cabai Naik Lagi", "Tol Baru Dibuka Pekan Depan", "Festival Kopi Digelar di Alun-alun",
                  "Banjir Surut, Warga Kembali ke Rumah"):
        cards += ["Daerah", title]
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, P2] + cards
    assert kept(lines) == [1, 2, 3]


def test_a_pull_quote_is_kept_once():
    quote = "setiap posko dilengkapi ambulans, tenaga medis dan obat-obatan dasar"
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, quote, P2, P3]
    blocks = Cleaner().clean(Document("page.txt", lines))
    assert [block.paragraph for block in blocks if block.kept] == [1, 2, 4, 5]
    assert blocks[2].rule == "pull-quote"


def test_a_related_list_above_the_text_is_dropped_and_the_title_found_over_it():
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", "Rina Wulandari", "Selasa, 2 April 2019 09:15 WIB",
             "Artikel Terkait", "Senin, 1 April 2019 10:00 WIB Jalur Mudik Selatan Mulai Dipadati Pemudik",
             "Minggu, 31 Maret 2019 08:30 WIB Harga Tiket Bus Naik Jelang Lebaran", P1, P2, P3]
    assert kept(lines) == [1, 7, 8, 9]


def test_share_tags_and_a_long_comment_after_the_article_are_dropped():
    comment = ("Saya sangat setuju dengan kebijakan ini karena tahun lalu saya hampir tertidur saat menyetir "
               "dari Jakarta ke Semarang bersama keluarga.")
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, P2, "Bagikan", "Tags: mudik, kesehatan",
             "Komentar", "Andi Saputra", comment]
    assert kept(lines) == [1, 2, 3]


def test_numbered_items_and_a_caps_subheading_inside_the_article_are_kept():
    lines = ["Posko Kesehatan Disiapkan di Jalur Mudik", P1, "JALUR UTARA", "1. Rest area km 57",
             "2. Gerbang tol Cikampek", P2, P3]
    assert kept(lines) == [1, 2, 3, 4, 5, 6, 7]
