"""Build bitext/data/lexicon-id-en.tsv from Debian's FreeDict English-Indonesian dictionary.

    apt-get install -y dict-freedict-eng-ind
    python tools/build_lexicon.py [/usr/share/dictd/freedict-eng-ind.dict.dz]

Each dictionary entry is a headword line ("ability /.../ <n>") followed by its
Indonesian translations (comma-separated) and glosses. The aligner needs single-word
evidence, so the output lists, for every Indonesian word of a one- or two-word
translation, the lower-cased English words of the headword (function words dropped on
the English side only when the headword has a content word too). The result is CC BY-SA
3.0 like its source; see bitext/data/lexicon-id-en.LICENSE.txt.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = re.compile(r"^(?P<head>[^/<]+?)\s+(?:/[^\n]*?/\s+)*<(?P<pos>[^>]+)>$")
WORD = re.compile(r"[a-z][a-z'-]*")
ENGLISH_FUNCTION = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or",
                    "be", "is", "are", "one", "someone", "something", "oneself", "'s"}


def entries(text: str):
    lines = text.splitlines()
    for index, line in enumerate(lines[:-1]):
        match = HEADER.match(line)
        if match and not lines[index + 1].startswith(" "):
            translations = re.sub(r"\s+\d+\.$", "", lines[index + 1])
            yield match["head"].strip(), [t.strip() for t in translations.split(",") if t.strip()]


def build(source: Path) -> dict[str, set[str]]:
    lexicon: dict[str, set[str]] = defaultdict(set)
    text = gzip.open(source, "rt", encoding="utf-8").read()
    for head, translations in entries(text):
        english = [w for w in WORD.findall(head.lower())]
        content = [w for w in english if w not in ENGLISH_FUNCTION] or english
        for translation in translations:
            words = WORD.findall(translation.lower())
            if not words or len(words) > 2 or len(content) > 3:
                continue
            for word in words:
                lexicon[word].update(content)
    return lexicon


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dictd/freedict-eng-ind.dict.dz")
    lexicon = build(source)
    out = ROOT / "bitext" / "data" / "lexicon-id-en.tsv"
    with out.open("w", encoding="utf-8") as stream:
        stream.write("# Indonesian word -> English words, from FreeDict eng-ind (CC BY-SA 3.0); see lexicon-id-en.LICENSE.txt\n")
        for word in sorted(lexicon):
            stream.write(f"{word}\t{'|'.join(sorted(lexicon[word]))}\n")
    print(f"{len(lexicon)} Indonesian words written to {out}")


if __name__ == "__main__":
    main()
