import pytest

from bitext.errors import InputError
from bitext.segmentation.sentences import Segmenter

CASES = {
    # honorifics, titles and ranks never end a sentence
    "titles": ("Pertemuan dihadiri Dr. Budi dan Prof. Ani. Keduanya datang bersama Ny. Sari.",
               ["Pertemuan dihadiri Dr. Budi dan Prof. Ani.", "Keduanya datang bersama Ny. Sari."]),
    "ranks": ("Letjen. Agus dan Kol. Inf. Budi hadir. Mereka disambut H. Rahman dan Hj. Siti.",
              ["Letjen. Agus dan Kol. Inf. Budi hadir.", "Mereka disambut H. Rahman dan Hj. Siti."]),
    # company forms: a name suffix continues before a name or a bracket, ends before an opener
    "company": ("Saham PT. Bank Mandiri Tbk. (BMRI) naik. Saham Sampoerna Asia Pte. Ltd. turun.",
                ["Saham PT. Bank Mandiri Tbk. (BMRI) naik.", "Saham Sampoerna Asia Pte. Ltd. turun."]),
    "company-end": ("Laba dibukukan PT Astra International Tbk. Perseroan membagi dividen.",
                    ["Laba dibukukan PT Astra International Tbk.", "Perseroan membagi dividen."]),
    # initials in names, and an initial before an opener
    "initial": ("Kata Joko P. di ruang kerjanya. Miranda S. Goeltom setuju.",
                ["Kata Joko P. di ruang kerjanya.", "Miranda S. Goeltom setuju."]),
    "initial-then-opener": ("Surat itu ditandatangani Budi S. Dia membacanya kemarin.",
                            ["Surat itu ditandatangani Budi S.", "Dia membacanya kemarin."]),
    "dotted-initials": ("Dirut Agus D.W. Martowardojo hadir. Ia memberi sambutan.",
                        ["Dirut Agus D.W. Martowardojo hadir.", "Ia memberi sambutan."]),
    # acronyms at the end of a sentence do end it
    "acronym-end": ("Nilainya 5 juta dolar AS. Bank Indonesia mencatat kenaikan.",
                    ["Nilainya 5 juta dolar AS.", "Bank Indonesia mencatat kenaikan."]),
    # common abbreviations
    "dll": ("Ia membeli beras, gula, dll. untuk dijual. Harga naik dsb. Semua setuju.",
            ["Ia membeli beras, gula, dll. untuk dijual.", "Harga naik dsb.", "Semua setuju."]),
    "number-prefixes": ("Lihat hlm. 5 dan tgl. 3 Mei di Jl. Sudirman No. 7. Rapat pk. 10.00 WIB.",
                        ["Lihat hlm. 5 dan tgl. 3 Mei di Jl. Sudirman No. 7.", "Rapat pk. 10.00 WIB."]),
    "a.n.-s.d.": ("Surat a.n. Menteri berlaku 1 s.d. 5 Mei. Semua tercatat.",
                  ["Surat a.n. Menteri berlaku 1 s.d. 5 Mei.", "Semua tercatat."]),
    # numbers in Indonesian notation and dates
    "numbers": ("Sebanyak 1.500 orang dan 11.000 kontainer, naik 6,5 persen atau Rp42,03 triliun. Itu rekor.",
                ["Sebanyak 1.500 orang dan 11.000 kontainer, naik 6,5 persen atau Rp42,03 triliun.", "Itu rekor."]),
    "dates": ("Putin tiba Rabu (19/6). Ia pulang pada (13/9/2023). Kim menyambutnya.",
              ["Putin tiba Rabu (19/6).", "Ia pulang pada (13/9/2023).", "Kim menyambutnya."]),
    "sentence-ends-in-year": ("Perjanjian diteken pada 2007. 5 negara lain menyusul.",
                              ["Perjanjian diteken pada 2007.", "5 negara lain menyusul."]),
    # decree-style identifiers
    "decree": ("Diatur dalam Peraturan Bapepam No. XI. B. 02.00 jangka waktu 18 bulan. Itu berlaku.",
               ["Diatur dalam Peraturan Bapepam No. XI. B. 02.00 jangka waktu 18 bulan.", "Itu berlaku."]),
    "roman-numeral-end": ("Laba naik pada kuartal I. Bank itu optimistis.",
                          ["Laba naik pada kuartal I.", "Bank itu optimistis."]),
    # URLs and e-mail addresses
    "url-email": ("Kunjungi www.kompas.com. Kirim surat ke redaksi@tempo.co.id. Terima kasih.",
                  ["Kunjungi www.kompas.com.", "Kirim surat ke redaksi@tempo.co.id.", "Terima kasih."]),
    # ellipses, questions, exclamations
    "ellipsis": ("Dia ragu... lalu pergi. Tunggu… Semua diam.",
                 ["Dia ragu... lalu pergi.", "Tunggu…", "Semua diam."]),
    "question-exclamation": ("Apa artinya? Tidak ada! Kami pulang.", ["Apa artinya?", "Tidak ada!", "Kami pulang."]),
    # quotes: the closing quote after the full stop, a quoted passage kept whole
    "quote-comma": ("“Saya tidak tahu,” ujarnya. Ia lalu pergi.", ["“Saya tidak tahu,” ujarnya.", "Ia lalu pergi."]),
    "quote-after-stop": ("Ia menyebutnya “perang suci.” Kim setuju.", ["Ia menyebutnya “perang suci.”", "Kim setuju."]),
    "question-in-quote": ("“Kapan?” tanya dia. Tidak ada jawaban.", ["“Kapan?” tanya dia.", "Tidak ada jawaban."]),
    # sentences inside a quotation are separate segments, each keeping its quote marks
    "quoted-passage": ('"Yang memimpin berganti. Benar-benar tergantung suara," jelasnya. Amanda menang.',
                       ['"Yang memimpin berganti.', 'Benar-benar tergantung suara," jelasnya.', "Amanda menang."]),
    "unclosed-quote": ("“Kami datang. Kami menang. Kami pulang.",
                       ["“Kami datang.", "Kami menang.", "Kami pulang."]),
    "mixed-quote-glyphs": ("“Ini akan menjadi kunjungan penuh.Akan ada negosiasi,\" kata Peskov. Ia pergi.",
                           ["“Ini akan menjadi kunjungan penuh.", "Akan ada negosiasi,\" kata Peskov.", "Ia pergi."]),
    # brackets
    "sentence-in-brackets": ("Harga naik. (Data dari BPS.) Pasar tenang.",
                             ["Harga naik.", "(Data dari BPS.)", "Pasar tenang."]),
    "stop-inside-brackets": ("Bahan (lihat hal. 5. Tabel 2) tersedia. Semua siap.",
                             ["Bahan (lihat hal. 5. Tabel 2) tersedia.", "Semua siap."]),
    # glued sentences, but not domains
    "glued": ("Ini kunjungan penuh.Akan ada negosiasi. Republika.co.id melaporkan.",
              ["Ini kunjungan penuh.", "Akan ada negosiasi.", "Republika.co.id melaporkan."]),
    # lower case after a full stop continues
    "lowercase-continues": ("Ia tiba pk. delapan. pagi itu cerah.", ["Ia tiba pk. delapan. pagi itu cerah."]),
    "no-terminal": ("Putin dan Kim Janjikan Hubungan Lebih Erat", ["Putin dan Kim Janjikan Hubungan Lebih Erat"]),
}


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter()


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_segmenter_splits(segmenter, text, expected):
    assert segmenter.split(text) == expected


UD_CASES = {  # keep_quotations: the UD treebank convention, a quotation is one sentence
    "quoted-passage": ('"Yang memimpin berganti. Benar-benar tergantung suara," jelasnya. Amanda menang.',
                       ['"Yang memimpin berganti. Benar-benar tergantung suara," jelasnya.', "Amanda menang."]),
    "mixed-quote-glyphs": ("“Ini akan menjadi kunjungan penuh.Akan ada negosiasi,\" kata Peskov. Ia pergi.",
                           ["“Ini akan menjadi kunjungan penuh.Akan ada negosiasi,\" kata Peskov.", "Ia pergi."]),
}


@pytest.mark.parametrize("text, expected", UD_CASES.values(), ids=UD_CASES.keys())
def test_keep_quotations_follows_the_ud_convention(text, expected):
    assert Segmenter(keep_quotations=True).split(text) == expected


@pytest.mark.parametrize("text", [case[0] for case in CASES.values()])
def test_split_sentences_join_back_to_the_text(segmenter, text):
    # nothing is lost or moved, quote marks included (glued sentences had no space to keep)
    assert "".join(segmenter.split(text)).replace(" ", "") == text.replace(" ", "")


def test_spans_point_into_the_text(segmenter):
    text = "  Satu.   Dua?  "
    spans = segmenter.spans(text)
    assert [text[a:b] for a, b in spans] == ["Satu.", "Dua?"]


def test_user_abbreviations_extend_the_lists(tmp_path):
    text = "Kami bertemu Kyai. Haji Ahmad."
    assert Segmenter().split(text) == ["Kami bertemu Kyai.", "Haji Ahmad."]
    extra = tmp_path / "abbr.txt"
    extra.write_text("# my list\nKyai\n[opener]\nkemudian\n", "utf-8")
    assert Segmenter([extra]).split(text) == [text]


def test_bad_abbreviation_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "abbr.txt"
    bad.write_text("[nonsense]\nX\n", "utf-8")
    with pytest.raises(InputError, match=r"abbr.txt:1: unknown section \[nonsense\]"):
        Segmenter([bad])


# -- issue 24: linear time --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("x. " * 300_000, 1),  # every dot a candidate (a copy of the rest of the line per dot, once)
        ("a." * 500_000, 1),  # glued candidates, the word before each looked for back to the start, once
        ("Dia datang. " * 100_000, 100_000),
        ('“Ya.” (' * 100_000, 100_000),  # brackets that never close protect nothing
    ],
    ids=["dots-run", "glued-dots", "one-long-line", "open-quotes"],
)
def test_a_megabyte_line_is_split_in_linear_time(segmenter, text, sentences):
    from .timing import finishes_within

    assert len(finishes_within(30, lambda: segmenter.split(text))) == sentences
