"""What a large glossary costs: the default glossary against the default plus 10,000 entries.

Translates the seed articles twice with a tiny random-weight MarianMT model (built here
with ``bitext.testing``; tiny on purpose, so decoding is cheap and glossary matching
weighs as much as it ever will in a run), once with glossary/id-en.tsv and once with
that glossary plus N generated entries (pseudo-Indonesian words made of common
syllables, none of them a word of the seeds, so both runs force the same terms), and
prints the wall time of each whole run, the matching time alone, and the matches found.

It first prints what loading the large glossary costs (reading the file and building
the matcher's index, median of the repeats, wall and CPU seconds); ``--load-only`` stops
there (no model needed).

    python benchmarks/glossary_scale.py [--entries 10000] [--repeat 3] [--load-only]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.ingest.reader import read_documents
from bitext.segmentation.documents import segment_documents
from bitext.terms.glossary import load_glossaries
from bitext.testing import build_random_marian  # noqa: E402
from bitext.translation import TranslationSettings, load_translator
from bitext.translation.service import translate_segments

SYLLABLES = "ba be bi bu da de di du ka ke ki ku la le li lu ma me mi mu na ne ni nu pa pe pi pu ra re ri ru sa se si su ta te ti tu ng an in un".split()


def generated_glossary(path: Path, entries: int, avoid: set[str], seed: int = 7) -> Path:
    """``entries`` rows of 1-3 pseudo-words each, a quarter of them with a second variant;
    no word in ``avoid`` (the seeds' words), so the large glossary matches nothing more."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))

    seen: set[str] = set()
    rows = ["source\ttarget"]
    while len(rows) <= entries:
        variants = [" ".join(word() for _ in range(rng.randint(1, 3))).capitalize()]
        if rng.random() < 0.25:
            variants.append(word())
        words = {word.lower() for variant in variants for word in variant.split()}
        if any(variant.lower() in seen for variant in variants) or words & avoid:
            continue
        seen.update(variant.lower() for variant in variants)
        rows.append(f"{'|'.join(variants)}\t{variants[0].upper()}")
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def load_cost(paths: list[Path], repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of loading ``paths`` as one glossary, index included."""
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        glossary = load_glossaries(paths)
        glossary.match("")  # the index is built on first use: count it as part of loading
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        size = len(glossary)
    return statistics.median(walls), statistics.median(cpus), size


def timed_run(translator, documents, glossary) -> tuple[float, float, int]:
    started = time.perf_counter()
    segments, _ = segment_documents(documents)
    match_started = time.perf_counter()
    matches = sum(len(glossary.match(segment.source)) for segment in segments)
    match_seconds = time.perf_counter() - match_started
    translate_segments(segments, translator, glossary)
    return time.perf_counter() - started, match_seconds, matches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load-only", action="store_true", help="measure loading only (no model, no translation)")
    args = parser.parse_args()
    default_path = ROOT / "glossary" / "id-en.tsv"
    documents = read_documents([str(ROOT / "seeds")])
    texts = [paragraph for document in documents for paragraph in document.paragraphs]
    seed_words = {word.lower() for text in texts for word in re.findall(r"\w+", text)}
    with tempfile.TemporaryDirectory() as scratch:
        large_path = generated_glossary(Path(scratch) / "large.tsv", args.entries, seed_words)
        wall, cpu, size = load_cost([default_path, large_path], args.repeat)
        print(f"Loading the default glossary plus {args.entries:,} entries ({size:,} entries, index built): "
              f"{wall:.3f} s wall, {cpu:.3f} s CPU (median of {args.repeat}).\n")
        if args.load_only:
            return
        model = build_random_marian(Path(scratch) / "model", texts=texts, max_positions=64)
        translator = load_translator(TranslationSettings(model=str(model), beam_size=1, max_length=24))
        default = load_glossaries([default_path])
        large = load_glossaries([default_path, large_path])
        timed_run(translator, documents, default)  # warm-up: model load, first-call costs
        rows = {"default": [], "large": []}
        for _ in range(args.repeat):  # alternate, so drift on the machine hits both alike
            rows["default"].append(timed_run(translator, documents, default))
            rows["large"].append(timed_run(translator, documents, large))
    print(f"| glossary | entries | run s (median of {args.repeat}) | matching s | matches |")
    print("|---|---:|---:|---:|---:|")
    medians = {}
    for name, glossary in (("default", default), ("large", large)):
        runs = rows[name]
        medians[name] = statistics.median(run[0] for run in runs)
        match_seconds = statistics.median(run[1] for run in runs)
        print(f"| {name} | {len(glossary)} | {medians[name]:.2f} | {match_seconds:.3f} | {runs[0][2]} |")
    print(f"\nA {len(large)}-entry glossary costs {medians['large'] / medians['default'] - 1:+.1%} "
          f"of the default glossary's run time on the seeds.")


if __name__ == "__main__":
    main()
