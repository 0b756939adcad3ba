"""What glossary enforcement costs at decoding time, on both backends.

Translates the seed articles (152 segments, 165 glossary term occurrences with
glossary/id-en.tsv) with the random model of the real opus-mt-id-en shape built by
benchmarks/speed.py (EOS suppressed, so every segment decodes exactly --max-length
tokens and the runs differ only by enforcement), with and without the glossary, and
prints the translation time from each run's manifest and the term accuracy.

A random model never says a term on its own, so every occurrence is enforced: the worst
case. With a real model most terms come out unforced and the CTranslate2 repairs (which
re-decode only segments that miss a term) cost a fraction of this.

Both runs use ``--degenerate flag`` unless told otherwise: a random model loops on every
sentence, so the default guard (``redecode``) would decode every output a second time,
repairs included, and the figure would be the guard's cost as much as the glossary's.
``--degenerate redecode`` measures the two together, as a default run pays them.

    python benchmarks/glossary_cost.py [--shared ../shared] [--max-length 64] [--backend B] [--degenerate redecode]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import prepare  # noqa: E402

from bitext.translation import TranslationSettings  # noqa: E402


def run(model: Path, backend: str, beam: int, max_length: int, glossary: bool, out: Path, degenerate: str,
        rounds: int) -> dict:
    command = [sys.executable, "-m", "bitext", "translate", str(ROOT / "seeds"), "-o", str(out), "--model", str(model),
               "--backend", backend, "--beam-size", str(beam), "--max-length", str(max_length), "--no-cache", "-q",
               "--degenerate", degenerate, "--term-rounds", str(rounds)]
    command += ["--glossary", str(ROOT / "glossary" / "id-en.tsv")] if glossary else ["--no-glossary"]
    subprocess.run(command, check=True, cwd=tempfile.gettempdir())
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {"seconds": manifest["timings"]["translate"], "accuracy": manifest["counts"]["term_accuracy"],
            "terms": manifest["counts"]["terms_matched"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--max-length", type=int, default=64)
    parser.add_argument("--backend", choices=["transformers", "ctranslate2"], help="only this backend")
    parser.add_argument("--degenerate", choices=["redecode", "flag", "off"], default="flag",
                        help="the guard's mode in both runs (flag: the repairs' own cost; redecode: bitext's default, "
                             "which decodes a random model's looping outputs, repairs included, twice)")
    parser.add_argument("--term-rounds", type=int, default=TranslationSettings.term_rounds,
                        help="ctranslate2: re-decodes a sentence's repairs get (0: one a missing term)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    hf_dir, ct2_dir, _ = prepare(args.shared, args.work)
    print(f"--degenerate {args.degenerate}, --max-length {args.max_length}, --term-rounds {args.term_rounds}")
    print("| backend | beam | without glossary s | with glossary s | cost | terms met |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for backend, model, beam in [("transformers", hf_dir, 1), ("transformers", hf_dir, 4),
                                     ("ctranslate2", ct2_dir, 1), ("ctranslate2", ct2_dir, 4)]:
            if args.backend and backend != args.backend:
                continue
            plain = run(model, backend, beam, args.max_length, False, Path(scratch) / "a", args.degenerate,
                        args.term_rounds)
            forced = run(model, backend, beam, args.max_length, True, Path(scratch) / "b", args.degenerate,
                         args.term_rounds)
            cost = forced["seconds"] / plain["seconds"] - 1
            print(f"| {backend} | {beam} | {plain['seconds']:.1f} | {forced['seconds']:.1f} | {cost:+.0%} |"
                  f" {forced['accuracy']:.1%} of {forced['terms']} |", flush=True)


if __name__ == "__main__":
    main()
