"""Dates found in lines of pages (bitext.cleaning.dates): where, how written, what is left."""

import pytest

from bitext.cleaning.dates import find_dates

from .timing import finishes_within


@pytest.mark.parametrize(
    "line, dates, written, timed",
    [
        ("EKONOMI | 12 Maret 2019", ["12 Maret 2019"], True, False),
        ("Berita Kota03 Jan 2018 07:15", ["03 Jan 2018 07:15"], True, True),  # a kicker glued to the date
        ("Budi SantosoRabu, 14 Agustus 2019 21:05 WIB", ["Rabu, 14 Agustus 2019 21:05 WIB"], True, True),
        ("Maret 3, 2021", ["Maret 3, 2021"], True, False),
        ("5 menit yang lalu", ["5 menit yang lalu"], True, False),
        ("Siti Aminah4 hari yang lalu", ["4 hari yang lalu"], True, False),
        ("3 hours ago", ["3 hours ago"], True, False),
        ("11-09-2019 06:30", ["11-09-2019 06:30"], True, True),
        ("12/05/19: Persija 2-1 Persib", ["12/05/19"], False, False),  # a numeric date only
        ("Sabtu, 7 DESEMBER 2019", ["Sabtu, 7 DESEMBER 2019"], True, False),
    ],
)
def test_dates_and_how_they_are_written(line, dates, written, timed):
    found = find_dates(line)
    assert [line[start:end] for start, end in found.spans] == dates
    assert (found.written, found.timed) == (written, timed)


@pytest.mark.parametrize(
    "line",
    ["Harga naik 1.500 rupiah pada Senin (19/6).", "Skor akhir 2-1 untuk tuan rumah", "Rumah nomor 12 di Jalan Mawar",
     "Hari Minggu ini cerah", "Gol pada menit 09.48"],
)
def test_numbers_scores_and_day_names_alone_are_no_dates(line):
    assert not find_dates(line).found


def test_words_outside_count_what_stands_beside_the_date():
    line = "OLAHRAGA | 12 Maret 2019 10:00 Penulis : Dewi Lestari"
    found = find_dates(line)
    assert found.words_outside == 4 and found.at_edge(line)  # a kicker, then the date
    middle = "Kabar dari pasar tradisional 12 Maret 2019 harga cabai naik lagi"
    assert find_dates(middle).found and not find_dates(middle).at_edge(middle)


def test_a_megabyte_of_digits_dots_and_month_names_is_scanned_in_linear_time():
    line = ("1.2.3 12:34:56 Jan Feb 1/2/ " * 40_000)
    finishes_within(20, lambda: find_dates(line))
