"""Memory and time of a whole run as the corpus grows: bounded memory, linear time.

Builds a synthetic news corpus (a JSONL file, one article of 20 sentences a row, the
sentences drawn from the seed articles with their words shuffled so no two rows are the
same) at each size, a tiny random-weight MarianMT model converted to CTranslate2 (so
decoding is fast and the pipeline itself is what is measured), and runs the real command

    bitext translate corpus.jsonl -o OUT --backend ctranslate2 --model MODEL -f jsonl -f tmx -q

in its own process under /usr/bin/time, printing sentences, wall seconds, sentences per
second and peak resident memory (the whole process, model included).

    python benchmarks/scale.py [--sizes 1500 150000] [--max-length 16]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCES_PER_ARTICLE = 20


def seed_sentences() -> list[str]:
    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents

    return [segment.source for segment in segment_documents(read_documents(ROOT / "seeds"))[0]]


def write_corpus(path: Path, sentences: int, pool: list[str], seed: int = 5) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as stream:
        for article in range(0, sentences, SENTENCES_PER_ARTICLE):
            picked = []
            for _ in range(min(SENTENCES_PER_ARTICLE, sentences - article)):
                words = rng.choice(pool).rstrip(".").split()
                rng.shuffle(words)
                picked.append(" ".join(words).capitalize() + ".")
            paragraphs = [" ".join(picked[i : i + 4]) for i in range(0, len(picked), 4)]
            stream.write(json.dumps({"id": f"berita-{article // SENTENCES_PER_ARTICLE:06d}",
                                     "text": "\n".join(paragraphs)}, ensure_ascii=False) + "\n")


def tiny_ct2_model(folder: Path, texts: list[str]) -> Path:
    from ctranslate2.converters import TransformersConverter

    from bitext.testing import build_random_marian
    from bitext.translation.ct2 import TOKENIZER_FILES

    hf = build_random_marian(folder / "hf", texts=texts, max_positions=128)
    files = [name for name in TOKENIZER_FILES if (hf / name).exists()]
    TransformersConverter(str(hf), copy_files=files).convert(str(folder / "ct2"), quantization="int8")
    return folder / "ct2"


def run(corpus: Path, model: Path, out: Path, max_length: int, extra: tuple[str, ...] = ()) -> tuple[float, int, dict]:
    command = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "bitext", "translate", str(corpus), "-o", str(out),
               "--backend", "ctranslate2", "--model", str(model), "--no-glossary", "--id-field", "id", "--no-cache",
               "--max-length", str(max_length), "-f", "jsonl", "-f", "tmx", "-q", *extra]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(result.stderr)
    peak_kb = int(re.findall(r"^\d+$", result.stderr, re.M)[-1])
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return seconds, peak_kb, manifest["counts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 150_000])
    parser.add_argument("--max-length", type=int, default=16, help="tokens generated a sentence (keeps decoding cheap)")
    parser.add_argument("--ray", type=int, default=0, metavar="SENTENCES",
                        help="also compare the local engine with --engine ray (1 and 2 workers) on this many sentences")
    args = parser.parse_args()
    pool = seed_sentences()
    print("| sentences | segments | wall s | sentences/s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        model = tiny_ct2_model(scratch / "model", pool)
        rows = []
        for size in args.sizes:
            corpus = scratch / f"corpus-{size}.jsonl"
            write_corpus(corpus, size, pool)
            seconds, peak_kb, counts = run(corpus, model, scratch / f"out-{size}", args.max_length)
            rows.append((size, seconds, peak_kb))
            print(f"| {size:,} | {counts['segments']:,} | {seconds:.1f} | {counts['segments'] / seconds:,.0f} | "
                  f"{peak_kb / 1024:.0f} |")
        if len(rows) > 1:
            (small, small_s, small_kb), (large, large_s, large_kb) = rows[0], rows[-1]
            print(f"\n{large / small:.0f}x the sentences: peak memory x{large_kb / small_kb:.2f}, "
                  f"time x{large_s / small_s:.1f}")
        if args.ray:
            corpus = scratch / "corpus-ray.jsonl"
            write_corpus(corpus, args.ray, pool)
            print("\n| engine | wall s | sentences/s | translation stage s | stage sentences/s |\n|---|---:|---:|---:|---:|")
            for label, extra in [("local (CTranslate2, 2 threads)", ("--threads", "2")),
                                 ("ray, 1 worker x 1 thread", ("--engine", "ray", "--workers", "1")),
                                 ("ray, 2 workers x 1 thread", ("--engine", "ray", "--workers", "2"))]:
                out = scratch / f"out-{label[:5]}-{extra[-1]}"
                seconds, _, counts = run(corpus, model, out, args.max_length, extra)
                timings = json.loads((out / "manifest.json").read_text("utf-8"))["timings"]
                stage = timings.get("ray_translate_wall") or timings.get("translate", 0.0)
                print(f"| {label} | {seconds:.1f} | {counts['segments'] / seconds:,.0f} | {stage:.1f} | "
                      f"{counts['segments'] / stage:,.0f} |")


if __name__ == "__main__":
    main()
