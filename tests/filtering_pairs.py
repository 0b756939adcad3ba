"""Pairs the filter tests share: a small news-like parallel text written for the tests."""

from bitext.filtering.base import Pair
from bitext.model import Segment

CLEAN = [
    ("Presiden Rusia Vladimir Putin tiba di Pyongyang pada hari Rabu.", "Russian President Vladimir Putin arrived in Pyongyang on Wednesday."),
    ("Kunjungan itu adalah yang pertama dalam 24 tahun.", "The visit is the first in 24 years."),
    ("Kedua pemimpin menandatangani perjanjian kerja sama.", "The two leaders signed a cooperation agreement."),
    ("Amerika Serikat dan Korea Selatan menyatakan keprihatinan.", "The United States and South Korea expressed concern."),
    ("Harga minyak naik tiga persen pada minggu ini.", "Oil prices rose three percent this week."),
    ("Pemerintah mengumumkan anggaran baru untuk rumah sakit.", "The government announced a new budget for hospitals."),
    ("Banyak warga kehilangan rumah mereka akibat banjir.", "Many residents lost their homes because of the flood."),
    ("Sekolah-sekolah ditutup selama dua minggu.", "Schools were closed for two weeks."),
    ("Polisi menangkap lima orang di Jakarta.", "Police arrested five people in Jakarta."),
    ("Pertandingan final akan digelar pada bulan Juni.", "The final match will be held in June."),
    ("Bank sentral menaikkan suku bunga menjadi 6,25 persen pada 2024.", "The central bank raised interest rates to 6.25 percent in 2024."),
    ("Ribuan orang menghadiri upacara di ibu kota pada hari Minggu.", "Thousands of people attended the ceremony in the capital on Sunday."),
]


def pair(source: str, target: str) -> Pair:
    return Pair(Segment("test", 1, 1, source, target, "imported"))


def segments(pairs=CLEAN, doc="test") -> list[Segment]:
    return [Segment(doc, number, 1, source, target, "imported") for number, (source, target) in enumerate(pairs, 1)]
