"""Build bitext/data/frequencies-en.tsv: the most frequent English words with their frequency.

    pip install wordfreq==3.1.1
    python tools/build_english_frequencies.py [--words 100000]

The list is wordfreq's "large" English word list (Robyn Speer; word frequencies blended
from Wikipedia, subtitles, news, books, web text and social media), cut to its most
frequent words, each with its Zipf frequency (log10 of occurrences per billion words) to
two decimals. The shortlist builder (bitext/translation/shortlist.py) turns it into the
frequency of each target piece of a model: a general English ranking, unlike the target
SentencePiece model's own unigram scores, which follow its training corpus (mostly
subtitles for opus-mt). The data is CC BY-SA 4.0 with wordfreq's attributions; see
bitext/data/frequencies-en.LICENSE.txt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ("# English word -> Zipf frequency, from wordfreq 3.1.1 (CC BY-SA 4.0); "
          "see frequencies-en.LICENSE.txt\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000, help="most frequent words kept")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bitext" / "data" / "frequencies-en.tsv")
    args = parser.parse_args()
    import wordfreq

    lines = []
    for word in wordfreq.top_n_list("en", args.words, wordlist="large"):
        # Words only: wordfreq also lists numbers and symbols, which the shortlist keeps anyway.
        if any(ch.isalpha() for ch in word) and "\t" not in word:
            lines.append(f"{word}\t{wordfreq.zipf_frequency(word, 'en', wordlist='large'):.2f}\n")
    args.output.write_text(HEADER + "".join(lines), "utf-8")
    print(f"{len(lines)} words -> {args.output}")


if __name__ == "__main__":
    main()
