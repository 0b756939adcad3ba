"""Photo credits closing a caption (bitext.cleaning.credits), found in linear time (issue 24)."""

import pytest

from bitext.cleaning.cleaner import Cleaner
from bitext.cleaning.credits import CreditRules
from bitext.ingest.reader import Document

from .timing import finishes_within

RULES = CreditRules({"afp", "reuters", "antara", "ap"})


@pytest.mark.parametrize(
    "caption, kept",
    [
        ("Petani memanen padi di Karawang, Senin. (Foto: Dok. Humas)", "Petani memanen padi di Karawang, Senin."),
        ("Petani memanen padi di Karawang. (Rudi Hartono/Reuters)", "Petani memanen padi di Karawang."),
        ("Petani memanen padi di Karawang ©Humas Pemkab", "Petani memanen padi di Karawang"),
        ("Petani memanen padi di Karawang (c) Humas", "Petani memanen padi di Karawang"),
        ("Petani memanen padi di Karawang | kabarkarawang.com", "Petani memanen padi di Karawang"),
        ("Petani memanen padi di Karawang /Antara", "Petani memanen padi di Karawang"),
        ("Petani memanen padi di Karawang Foto: Rudi Hartono", "Petani memanen padi di Karawang"),
        ("Petani memanen padi di Karawang - (Foto: dok. kementan)", "Petani memanen padi di Karawang"),
        ("Petani memanen padi. Rudi Hartono/Kompas via AFP", "Petani memanen padi."),
    ],
)
def test_credit_shapes_are_cut_from_captions(caption, kept):
    span = RULES.credit_tail(caption)
    assert span is not None and caption[: span[0]].strip() == kept


@pytest.mark.parametrize(
    "text",
    [
        "Produk Samsung© kini dijual di seluruh Indonesia.",  # a sign glued to a word
        "Ada tiga syarat: (a) usia, (b) domisili, dan (c) pendidikan terakhir.",  # a lettered item
        "Harga naik sejak Kamis (19/6)",
        "Pemerintah memantau pencurian data (phishing)",
        "Pilihan A | pilihan B",
    ],
)
def test_text_that_only_looks_like_a_credit_is_left(text):
    assert RULES.credit_tail(text) is None


def test_a_caption_ending_in_a_copyright_sign_and_a_hundred_capitals_is_quick():
    # 48 s once (nested quantifiers backtracking over the capitals); the pathological
    # benchmark times it, this guards against the exponential path coming back
    line = "Foto bersama para pemimpin dunia di Jakarta, Senin. © " + "A" * 100 + "!"
    blocks = finishes_within(20, lambda: Cleaner().clean(Document("d", [line] * 200)))
    assert all(block.text for block in blocks)


def test_a_megabyte_line_of_slashes_and_sentence_ends_is_quick():
    line = "Warga. Budi/Antara " * 50_000 + "(Rudi/AFP)"
    assert finishes_within(20, lambda: RULES.credit_tail(line)) is not None
