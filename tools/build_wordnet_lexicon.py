"""Build bitext/data/lexicon-id-en-wordnet.tsv from the Wordnet Bahasa and Princeton WordNet 3.0.

    apt-get install -y wordnet-base          # Princeton WordNet 3.0: /usr/share/wordnet
    # wn-data-ind.tab: the Indonesian lemmas of the Wordnet Bahasa, as the Open Multilingual
    # Wordnet's data repository (github.com/omwn/omw-data, wns/msa/) ships them
    python tools/build_wordnet_lexicon.py wn-data-ind.tab [/usr/share/wordnet]

The Wordnet Bahasa links Indonesian lemmas to Princeton WordNet 3.0 synsets
("00001740-n ind:lemma hakikat"); WordNet gives each synset's English lemmas. An
Indonesian lemma's English words are the lemmas of all its synsets, the most frequent
sense of each English word first (WordNet's index lists a word's synsets by frequency).
English lemmas of more than three words are left out: the shortlist keys single words
and short terms. The result carries both licences (MIT and the WordNet 3.0 licence);
see bitext/data/lexicon-id-en-wordnet.LICENSE.txt.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MOST_WORDS = 3  # English lemmas longer than this are left out


def synset_lemmas(wordnet: Path) -> dict[str, list[str]]:
    """Synset id ("00001740-n", satellites filed as "a") -> its English lemmas, in order."""
    lemmas: dict[str, list[str]] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].split("(")[0].replace("_", " ") for i in range(count)]
            lemmas[f"{fields[0]}-{pos}"] = words
    return lemmas


def sense_ranks(wordnet: Path) -> dict[tuple[str, str], int]:
    """(English lemma, synset id) -> the sense's rank among the lemma's senses (0: most frequent)."""
    ranks: dict[tuple[str, str], int] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            pointers = int(fields[3])
            for rank, offset in enumerate(fields[6 + pointers :]):
                ranks[(fields[0].replace("_", " "), f"{offset}-{pos}")] = rank
    return ranks


def build(bahasa: Path, wordnet: Path) -> dict[str, dict[str, int]]:
    """Indonesian lemma -> {English lemma: its best sense rank among the links}."""
    lemmas, ranks = synset_lemmas(wordnet), sense_ranks(wordnet)
    lexicon: dict[str, dict[str, int]] = defaultdict(dict)
    for line in bahasa.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] != "ind:lemma":
            continue
        synset, indonesian = fields[0], " ".join(fields[2].lower().split())
        for english in lemmas.get(synset, []):
            if len(english.split()) > MOST_WORDS:
                continue
            rank = ranks.get((english.lower(), synset), 99)
            known = lexicon[indonesian]
            known[english] = min(known.get(english, rank), rank)
    return lexicon


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bahasa = Path(sys.argv[1])
    wordnet = Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/wordnet")
    lexicon = build(bahasa, wordnet)
    out = ROOT / "bitext" / "data" / "lexicon-id-en-wordnet.tsv"
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write("# Indonesian lemma -> English lemmas, from the Wordnet Bahasa (MIT) and Princeton WordNet 3.0;"
                     " see lexicon-id-en-wordnet.LICENSE.txt\n")
        for word in sorted(lexicon):
            english = sorted(lexicon[word], key=lambda lemma: (lexicon[word][lemma], lemma))
            stream.write(f"{word}\t{'|'.join(english)}\n")
    print(f"{len(lexicon)} Indonesian lemmas written to {out}")


if __name__ == "__main__":
    main()
