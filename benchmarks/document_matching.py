"""Document matching on TICO-19: documents under names that do not pair, with distractors.

TICO-19's 31 documents (CC0; units grouped by the part of their tuid before ":") are cut
into documents of ``--sentences`` consecutive sentences (about 380 documents of 8); each
becomes an Indonesian file and an English file under unrelated shuffled names, and
``--distractors`` of them (a share) are kept on one side only, half on each side. The
figures are the precision and recall of the document pairs found, and the share of
distractors left unpaired. ``--scale N`` also times matching N x N documents (random
10-sentence samples of TICO-19, N/10 distractors a side).

    python benchmarks/document_matching.py [--tmx ../shared/data/tico19-all.en-id.tmx] [--seed 1] [--scale 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.alignment.matching import match_documents
from bitext.formats import read_corpus


def tico_documents(tmx: Path) -> dict[str, list[tuple[str, str]]]:
    docs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for segment in read_corpus(tmx, source_lang="id", target_lang="en"):
        docs[segment.id.split(":")[0]].append((" ".join(segment.source.split()), " ".join(segment.target.split())))
    return dict(docs)


def chunks(docs: dict[str, list[tuple[str, str]]], size: int) -> list[list[tuple[str, str]]]:
    out = []
    for name in sorted(docs):
        pairs = docs[name]
        out += [pairs[start:start + size] for start in range(0, len(pairs), size) if len(pairs[start:start + size]) >= 3]
    return out


def collection(documents: list[list[tuple[str, str]]], distractors: float, rng: random.Random
               ) -> tuple[list[str], list[str], set[tuple[int, int]]]:
    """(Indonesian texts, English texts, gold pairs) with shuffled order and one-sided distractors."""
    order = list(range(len(documents)))
    rng.shuffle(order)
    alone = int(distractors * len(documents))
    only_source, only_target = set(order[: alone // 2]), set(order[alone // 2: alone])
    source_ids = [k for k in order if k not in only_target]
    target_ids = [k for k in order if k not in only_source]
    rng.shuffle(source_ids)
    rng.shuffle(target_ids)
    sources = ["\n".join(s for s, _ in documents[k]) for k in source_ids]
    targets = ["\n".join(t for _, t in documents[k]) for k in target_ids]
    where = {k: j for j, k in enumerate(target_ids)}
    gold = {(i, where[k]) for i, k in enumerate(source_ids) if k in where}
    return sources, targets, gold


def evaluate(sources: list[str], targets: list[str], gold: set[tuple[int, int]]) -> dict[str, float]:
    started = time.perf_counter()
    found = match_documents(sources, targets)
    seconds = time.perf_counter() - started
    pairs = {(pair.source, pair.target) for pair in found.pairs}
    correct = len(pairs & gold)
    paired_sources = {i for i, _ in gold}
    paired_targets = {j for _, j in gold}
    distractors = [i for i in range(len(sources)) if i not in paired_sources]
    distractors_t = [j for j in range(len(targets)) if j not in paired_targets]
    left = sum(1 for i in distractors if i in found.unpaired_sources) + \
        sum(1 for j in distractors_t if j in found.unpaired_targets)
    return {"precision": correct / max(1, len(pairs)), "recall": correct / max(1, len(gold)),
            "distractors unpaired": left / max(1, len(distractors) + len(distractors_t)), "seconds": seconds,
            "candidates": found.candidates, "sources": len(sources), "targets": len(targets)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmx", type=Path, default=ROOT.parent / "shared" / "data" / "tico19-all.en-id.tmx")
    parser.add_argument("--sentences", type=int, default=8, help="sentences a document")
    parser.add_argument("--distractors", type=float, default=0.2, help="share of documents kept on one side only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, action="append", default=[], help="also time N x N documents")
    args = parser.parse_args()
    docs = tico_documents(args.tmx)
    rng = random.Random(args.seed)
    print("| collection | Indonesian docs | English docs | precision | recall | distractors unpaired | pairs scored | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = [("TICO-19 documents, whole", list(docs.values())),
            (f"TICO-19 cut into {args.sentences}-sentence documents", chunks(docs, args.sentences))]
    for label, documents in rows:
        result = evaluate(*collection(documents, args.distractors, rng))
        print(f"| {label} | {result['sources']} | {result['targets']} | {result['precision']:.3f} | "
              f"{result['recall']:.3f} | {100 * result['distractors unpaired']:.0f}% | {result['candidates']:,} | "
              f"{result['seconds']:.1f} |")
    pool = [pair for pairs in docs.values() for pair in pairs]
    for size in args.scale:
        documents = [rng.sample(pool, 10) for _ in range(size + size // 10)]
        sources, targets, gold = collection(documents, (2 * (size // 10)) / len(documents), rng)
        result = evaluate(sources, targets, gold)
        print(f"| {size:,} random 10-sentence samples | {result['sources']} | {result['targets']} | "
              f"{result['precision']:.3f} | {result['recall']:.3f} | {100 * result['distractors unpaired']:.0f}% | "
              f"{result['candidates']:,} | {result['seconds']:.1f} |")


if __name__ == "__main__":
    main()
