"""Sentence-boundary benchmark on UD Indonesian gold sentences.

Paragraphs are built from 1-6 consecutive gold sentences (``# text =`` lines of a CoNLL-U
file) joined by one space; a sentence with no closing punctuation ends its paragraph (a
headline). Each segmenter splits the paragraphs; a boundary is the character offset where
a sentence starts inside a paragraph. Prints boundary precision, recall and F1 for bitext
and two baselines (a regex splitter and pySBD's English rules), and with ``--errors`` the
paragraphs bitext gets wrong.

    python benchmarks/segmentation.py [--conllu ../shared/data/id_csui-ud-train.conllu]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bitext.segmentation.sentences import Segmenter

DEFAULT_CONLLU = Path(__file__).resolve().parents[2] / "shared" / "data" / "id_csui-ud-train.conllu"
_CLOSED = re.compile(r"[.!?…][\"”’')\]]*$")
_REGEX_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“]?[A-Z0-9])")


def gold_sentences(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line[len("# text = ") :].strip() for line in handle if line.startswith("# text = ")]


def build_paragraphs(sentences: list[str], seed: int = 0) -> list[list[str]]:
    rng = random.Random(seed)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    size = rng.randint(1, 6)
    for sentence in sentences:
        current.append(sentence)
        if len(current) == size or not _CLOSED.search(sentence):
            paragraphs.append(current)
            current, size = [], rng.randint(1, 6)
    if current:
        paragraphs.append(current)
    return paragraphs


def gold_boundaries(paragraph: list[str]) -> set[int]:
    offsets, position = set(), 0
    for sentence in paragraph[:-1]:
        position += len(sentence) + 1
        offsets.add(position)
    return offsets


def spans_to_boundaries(text: str, starts: list[int]) -> set[int]:
    return {start for start in starts if 0 < start < len(text)}


def bitext_splitter(keep_quotations: bool = True) -> Callable[[str], list[int]]:
    segmenter = Segmenter(keep_quotations=keep_quotations)
    return lambda text: [start for start, _ in segmenter.spans(text)]


def regex_splitter() -> Callable[[str], list[int]]:
    return lambda text: [match.end() for match in _REGEX_BOUNDARY.finditer(text)]


def pysbd_splitter() -> Callable[[str], list[int]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def starts(text: str) -> list[int]:
        # pySBD's spans include trailing spaces; the sentence starts at its first non-space.
        result = []
        for span in segmenter.segment(text):
            offset = span.start + len(span.sent) - len(span.sent.lstrip())
            result.append(offset)
        return result

    return starts


def score(paragraphs: list[list[str]], split: Callable[[str], list[int]]) -> dict[str, float]:
    true_positive = predicted = expected = 0
    errors = []
    for paragraph in paragraphs:
        text = " ".join(paragraph)
        gold = gold_boundaries(paragraph)
        found = spans_to_boundaries(text, split(text))
        true_positive += len(gold & found)
        predicted += len(found)
        expected += len(gold)
        if gold != found:
            errors.append((text, sorted(found - gold), sorted(gold - found)))
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "boundaries": expected, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--errors", action="store_true", help="print the paragraphs bitext gets wrong")
    args = parser.parse_args()
    if not args.conllu.exists():
        sys.exit(f"no CoNLL-U file at {args.conllu}; pass --conllu PATH")
    paragraphs = build_paragraphs(gold_sentences(args.conllu), args.seed)
    sentences = sum(len(p) for p in paragraphs)
    print(f"{args.conllu.name}: {sentences} sentences in {len(paragraphs)} paragraphs")
    print(f"{'segmenter':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'ms':>8}")
    # The gold follows the UD convention (a quotation is one sentence): bitext is scored
    # with that option; its default (sentences inside quotations split) is shown beside it.
    systems = [("bitext (UD quotes)", bitext_splitter()), ("bitext (default)", bitext_splitter(False)),
               ("regex baseline", regex_splitter())]
    sbd = pysbd_splitter()
    systems.append(("pySBD (en)", sbd)) if sbd else print("pySBD not installed: pip install pysbd")
    for name, split in systems:
        started = time.perf_counter()
        result = score(paragraphs, split)
        elapsed = (time.perf_counter() - started) * 1000
        print(f"{name:<22}{result['precision']:>10.4f}{result['recall']:>10.4f}{result['f1']:>10.4f}{elapsed:>8.0f}")
        if args.errors and name == "bitext (UD quotes)":
            for text, extra, missed in result["errors"]:
                print(f"  extra={extra} missed={missed}: {text}")


if __name__ == "__main__":
    main()
