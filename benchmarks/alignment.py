"""Sentence alignment quality on TICO-19, clean and perturbed, against a length-only baseline.

Each of TICO-19's documents (units grouped by the part of their tuid before ":") is
rebuilt as an Indonesian and an English list of sentences; the gold alignment is 1-1.
The same documents are also cut into short ones of 3 to 8 sentences (the FLORES kind,
where a merge or a deletion is a large part of a document).
Perturbed copies imitate real translations: on one side some adjacent sentences are
merged (gold becomes 2-1 or 1-2) and a few sentences are deleted (the other side's
sentence becomes 1-0 or 0-1). Scores are the strict and lax precision, recall and F1 of
Vecalign's score.py (strict: the exact bead; lax: any overlap on both sides; recall leaves
out beads with an empty side, in gold and in the output).

    python benchmarks/alignment.py [--tmx ../shared/data/tico19-all.en-id.tmx] [--seed 1]
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

from bitext.alignment.beads import align_sentences
from bitext.alignment.lexicon import Lexicon
from bitext.formats import read_corpus  # noqa: E402

Alignment = list[tuple[tuple[int, ...], tuple[int, ...]]]


def documents(tmx: Path) -> dict[str, tuple[list[str], list[str]]]:
    corpus = read_corpus(tmx, source_lang="id", target_lang="en")
    docs: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for segment in corpus:
        name = segment.id.split(":")[0]
        docs[name][0].append(" ".join(segment.source.split()))
        docs[name][1].append(" ".join(segment.target.split()))
    return dict(docs)


def perturb(sources: list[str], targets: list[str], rng: random.Random, merge: float = 0.1,
            delete: float = 0.03) -> tuple[list[str], list[str], Alignment]:
    """Merge and delete sentences on either side; return the new sides and the gold."""
    beads: list[tuple[list[str], list[str]]] = [([s], [t]) for s, t in zip(sources, targets)]
    out: list[tuple[list[str], list[str]]] = []
    index = 0
    while index < len(beads):
        src, tgt = beads[index]
        roll = rng.random()
        if roll < delete:  # one side's sentence is missing: the other is unaligned
            if rng.random() < 0.5:
                out.append((src, []))
            else:
                out.append(([], tgt))
            index += 1
        elif roll < delete + merge and index + 1 < len(beads):  # two sentences joined on one side
            next_src, next_tgt = beads[index + 1]
            if rng.random() < 0.5:
                out.append(([" ".join(src + next_src)], tgt + next_tgt))
            else:
                out.append((src + next_src, [" ".join(tgt + next_tgt)]))
            index += 2
        else:
            out.append((src, tgt))
            index += 1
    new_sources, new_targets, gold = [], [], []
    for src, tgt in out:
        source_ids = tuple(range(len(new_sources), len(new_sources) + len(src)))
        target_ids = tuple(range(len(new_targets), len(new_targets) + len(tgt)))
        new_sources += src
        new_targets += tgt
        gold.append((source_ids, target_ids))
    return new_sources, new_targets, gold


def _matches(gold: Alignment, test: Alignment) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    gold_set = {bead for bead in gold if bead[0] or bead[1]}
    linked: dict[int, set[int]] = defaultdict(set)
    for source_ids, target_ids in gold_set:
        for s in source_ids:
            linked[s].update(target_ids)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for bead in {bead for bead in test if bead[0] or bead[1]}:
        if bead in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        overlap = set(bead[1]) & {t for s in bead[0] for t in linked[s]}
        lax_hit, lax_miss = (lax_hit + 1, lax_miss) if overlap else (lax_hit, lax_miss + 1)
    return strict_hit, strict_miss, lax_hit, lax_miss


def score(pairs: list[tuple[Alignment, Alignment]]) -> dict[str, float]:
    """Vecalign's strict and lax precision, recall and F1 over many documents."""
    precision_counts = [0, 0, 0, 0]
    recall_counts = [0, 0, 0, 0]
    for gold, test in pairs:
        for k, value in enumerate(_matches(gold, test)):
            precision_counts[k] += value
        both_gold = [bead for bead in gold if bead[0] and bead[1]]
        both_test = [bead for bead in test if bead[0] and bead[1]]
        for k, value in enumerate(_matches(both_test, both_gold)):
            recall_counts[k] += value
    result = {}
    for name, (hit, miss) in (("strict", (0, 1)), ("lax", (2, 3))):
        p = precision_counts[hit] / max(1, precision_counts[hit] + precision_counts[miss])
        r = recall_counts[hit] / max(1, recall_counts[hit] + recall_counts[miss])
        result[f"{name}_p"], result[f"{name}_r"] = p, r
        result[f"{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return result


PERTURBATIONS = {"clean": None, "perturbed": (0.1, 0.03), "harsh": (0.2, 0.1)}  # (merge, delete) rates

SHORT_SIZES = (3, 8)  # sentences of a short document, as FLORES-style benchmarks have them


def short_documents(docs: dict[str, tuple[list[str], list[str]]], seed: int) -> dict[str, tuple[list[str], list[str]]]:
    """TICO-19's documents cut into consecutive pieces of 3 to 8 sentences."""
    rng = random.Random(seed)
    pieces = {}
    for name in sorted(docs):
        sources, targets = docs[name]
        start = 0
        while start < len(sources):
            size = rng.randint(*SHORT_SIZES)
            if len(sources) - start >= SHORT_SIZES[0]:
                pieces[f"{name}#{start}"] = (sources[start:start + size], targets[start:start + size])
            start += size
    return pieces


def run(docs, aligner, perturbation: tuple[float, float] | None, seed: int) -> tuple[dict[str, float], float, int]:
    rng = random.Random(seed)
    pairs, seconds, sentences = [], 0.0, 0
    for name in sorted(docs):
        sources, targets = docs[name]
        if perturbation:
            sources, targets, gold = perturb(sources, targets, rng, *perturbation)
        else:
            gold = [((i,), (i,)) for i in range(len(sources))]
        started = time.perf_counter()
        beads = aligner(sources, targets)
        seconds += time.perf_counter() - started
        sentences += len(sources)
        pairs.append((gold, [(bead.source, bead.target) for bead in beads]))
    return score(pairs), seconds, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmx", type=Path, default=ROOT.parent / "shared" / "data" / "tico19-all.en-id.tmx")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    docs = documents(args.tmx)
    lexicon = Lexicon.default()
    aligners = {
        "Gale-Church (length only)": lambda s, t: align_sentences(s, t, lexicon, lexical=False),
        "bitext (length + lexicon)": lambda s, t: align_sentences(s, t, lexicon),
    }
    short = short_documents(docs, args.seed)
    print(f"{len(docs)} documents, {sum(len(d[0]) for d in docs.values())} sentence pairs; short: the same cut into "
          f"{len(short)} documents of {SHORT_SIZES[0]}-{SHORT_SIZES[1]} sentences; perturbed: 10% merged, 3% deleted; "
          "harsh: 20% merged, 10% deleted\n")
    print("| aligner | documents | data | strict P | strict R | strict F1 | lax F1 | s per 1,000 sentences |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for label, aligner in aligners.items():
        for kind, collection in (("long", docs), ("short", short)):
            for data, perturbation in PERTURBATIONS.items():
                result, seconds, sentences = run(collection, aligner, perturbation, args.seed)
                print(f"| {label} | {kind} | {data} | {result['strict_p']:.3f} | {result['strict_r']:.3f} | "
                      f"{result['strict_f1']:.3f} | {result['lax_f1']:.3f} | {1000 * seconds / sentences:.2f} |")
    # One long document: every TICO-19 document joined, the first 1,000 pairs, perturbed.
    sources = [s for name in sorted(docs) for s in docs[name][0]][:1000]
    targets = [t for name in sorted(docs) for t in docs[name][1]][:1000]
    sources, targets, gold = perturb(sources, targets, random.Random(args.seed), *PERTURBATIONS["perturbed"])
    started = time.perf_counter()
    beads = align_sentences(sources, targets, lexicon)
    seconds = time.perf_counter() - started
    result = score([(gold, [(b.source, b.target) for b in beads])])
    print(f"\nOne document of {len(sources)} Indonesian and {len(targets)} English sentences (perturbed): "
          f"{seconds:.2f} s, strict F1 {result['strict_f1']:.3f}")


if __name__ == "__main__":
    main()
