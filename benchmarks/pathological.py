"""Pathological inputs: each text path of bitext must stay near-linear and finish within
10 s on inputs up to 4 MB (2 cores).

Every case builds its input at run time (no data files), runs the library call it
stresses in a child process with a time limit, and the table prints the input size, the
seconds taken (or "timed out" at the limit) and the CPU seconds (what a loaded machine
does not inflate). Cases are small named functions in
``CASES``; add one for each new kind of hostile input.

    python benchmarks/pathological.py                 # every case, 60 s limit each
    python benchmarks/pathological.py --limit 20 --only credit-backtracking
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1 << 20
GOAL_SECONDS = 10.0

SENTENCE = ("Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin, "
            "kata juru bicara istana kepada wartawan di Jakarta. ")
WORDS = ("rumah jalan kota desa pasar sekolah anak ibu bapak tahun hari besar kecil baru lama air api tanah "
         "gunung laut sungai hutan kerja uang harga beli jual makan minum tidur pergi datang").split()


# -- inputs -------------------------------------------------------------------------------


def _segment_text(text: str) -> None:
    """Clean and segment one document held in ``text`` (what `bitext segment` does)."""
    from bitext.ingest.reader import Document, split_paragraphs
    from bitext.segmentation.documents import segment_documents

    segment_documents([Document("case", split_paragraphs(text))])


def credit_backtracking() -> tuple[int, Callable[[], None]]:
    """A caption-like line ending "© " and 100 capitals: nested quantifiers in a credit
    rule once backtracked exponentially on it (157 bytes, 48 s)."""
    text = "Foto bersama para pemimpin dunia di Jakarta, Senin. © " + "A" * 100 + "!\n"
    text = text * max(1, (4 * MB) // (len(text) * 400))  # a few KB: the shape, not the size, is the danger
    return len(text.encode()), lambda: _segment_text(text)


def dots_run() -> tuple[int, Callable[[], None]]:
    """``x.`` repeated: every dot is a sentence-end candidate."""
    text = "x. " * (4 * MB // 3)
    return len(text), lambda: _segment_text(text)


def one_long_line() -> tuple[int, Callable[[], None]]:
    """Ordinary sentences on a single 4 MB line."""
    text = SENTENCE * (4 * MB // len(SENTENCE.encode()))
    return len(text.encode()), lambda: _segment_text(text)


def short_lines() -> tuple[int, Callable[[], None]]:
    """Hundreds of thousands of short lines around one short sentence: per-line rules
    that look at the rest of the page become quadratic."""
    rng = random.Random(1)
    half = "\n".join(" ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 3))) for _ in range(120_000))
    text = half + "\nYa.\n" + half
    return len(text.encode()), lambda: _segment_text(text)


def glued_dots() -> tuple[int, Callable[[], None]]:
    """``a.`` repeated with no space: every dot is a glued-sentence candidate, and the word
    before each one was once looked for back to the start of the line."""
    text = "a." * (2 * MB)
    return len(text), lambda: _segment_text(text)


def spread_kickers() -> tuple[int, Callable[[], None]]:
    """A short label repeated down a page of short titles (a list's kicker): finding
    where each copy stands once scanned the whole page per line."""
    rng = random.Random(4)
    lines = []
    for number in range(100_000):
        lines.append("Olahraga" if number % 2 else " ".join(rng.choice(WORDS).capitalize() for _ in range(4)))
    text = "\n".join(lines)
    return len(text.encode()), lambda: _segment_text(text)


def dated_list() -> tuple[int, Callable[[], None]]:
    """A page that is all dated titles and stamped summaries (a list of articles)."""
    rng = random.Random(5)
    lines = []
    for number in range(28_000):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(6))
        lines.append(f"{title} {number % 28 + 1} Februari 2017")
        lines.append(f"Senin, {number % 28 + 1} Mei 2017 18:03 WIB " + " ".join(rng.choice(WORDS) for _ in range(12)) + ".")
    text = "\n".join(lines)
    return len(text.encode()), lambda: _segment_text(text)


def slashes_and_quotes() -> tuple[int, Callable[[], None]]:
    """One line of breadcrumb separators, brackets and quotes: patterns with ``.*``
    between separators, and a search for the closing quote of every opening one."""
    text = ("a / b » c " + "(“x” " * 3 + "[y] ") * (4 * MB // 40)
    return len(text.encode()), lambda: _segment_text(text)


def related_flood() -> tuple[int, Callable[[], None]]:
    """A "read also" header followed by a hundred thousand title-shaped lines."""
    rng = random.Random(6)
    lines = ["Baca juga:"] + [" ".join(rng.choice(WORDS).capitalize() for _ in range(5)) for _ in range(100_000)]
    text = SENTENCE * 3 + "\n" + "\n".join(lines)
    return len(text.encode()), lambda: _segment_text(text)


def mismatched_alignment() -> tuple[int, Callable[[], None]]:
    """Two unrelated documents of 1,500 sentences each: the aligner's band must not widen
    to the full matrix."""
    rng = random.Random(2)
    english = ["house", "road", "city", "market", "water", "fire", "work", "money"]
    # Lengths that disagree: short sentences on one side where the other has long ones.
    sources = [" ".join(rng.choice(WORDS) for _ in range(3 if i < 750 else 40)) + "." for i in range(1500)]
    targets = [" ".join(rng.choice(english) for _ in range(40 if i < 750 else 3)) + "." for i in range(1500)]

    def run() -> None:
        from bitext.alignment.beads import align_sentences

        align_sentences(sources, targets)

    return sum(len(s) for s in sources + targets), run


def _glossary_case(shared_first_word: bool) -> tuple[int, Callable[[], None]]:
    rng = random.Random(3)
    entries = []
    for number in range(5000):
        words = [rng.choice(WORDS) + rng.choice(WORDS) for _ in range(2)]
        first = "kementerian" if shared_first_word else words[0]
        entries.append(f"{first} {words[1]} {number}\tministry {number}")
    text = (SENTENCE + "Kementerian " + " ".join(rng.choice(WORDS) for _ in range(8)) + ". ") * 2000

    def run() -> None:
        from bitext.terms.glossary import Glossary

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "g.tsv"
            path.write_text("source\ttarget\n" + "\n".join(entries) + "\n", "utf-8")
            glossary = Glossary.load(path)
            for sentence in text.split(". "):
                glossary.match(sentence)

    return len(text.encode()), run


def glossary_shared_prefix() -> tuple[int, Callable[[], None]]:
    """5,000 glossary entries sharing their first word, matched against 2,000 sentences."""
    return _glossary_case(True)


def glossary_random() -> tuple[int, Callable[[], None]]:
    """The same with 5,000 entries of random first words (the reference for the case above)."""
    return _glossary_case(False)


def device_input() -> tuple[int, Callable[[], None]]:
    """A symlink to /dev/zero given as an input document: must be refused, not read."""

    def run() -> None:
        from bitext.errors import BitextError
        from bitext.ingest.reader import read_documents

        with tempfile.TemporaryDirectory() as folder:
            link = Path(folder) / "page.txt"
            os.symlink("/dev/zero", link)
            try:
                read_documents([link])
            except BitextError:
                return  # refused with one line: the expected outcome

    return 0, run


CASES: dict[str, Callable[[], tuple[int, Callable[[], None]]]] = {
    "credit-backtracking": credit_backtracking,
    "dots-run": dots_run,
    "one-long-line": one_long_line,
    "short-lines": short_lines,
    "glued-dots": glued_dots,
    "spread-kickers": spread_kickers,
    "dated-list": dated_list,
    "slashes-and-quotes": slashes_and_quotes,
    "related-flood": related_flood,
    "mismatched-alignment": mismatched_alignment,
    "glossary-shared-prefix": glossary_shared_prefix,
    "glossary-random": glossary_random,
    "device-input": device_input,
}


# -- driver -------------------------------------------------------------------------------


def run_child(name: str) -> None:
    """Build the case's input, then time only the call under test; print size and seconds."""
    size, call = CASES[name]()
    started, cpu = time.perf_counter(), time.process_time()
    call()
    print(f"{size} {time.perf_counter() - started:.3f} {time.process_time() - cpu:.3f}")


def measure(name: str, limit: float) -> tuple[str, str, str, str]:
    """(size, seconds, CPU seconds, verdict) of one case run in a child process."""
    command = [sys.executable, __file__, "--child", name]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, env={**os.environ,
                              "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return "?", f">{limit:.0f}", "-", "timed out"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return "?", "-", "-", f"error: {last[:80]}"
    size, seconds, cpu = done.stdout.split()[-3:]
    verdict = "ok" if float(seconds) <= GOAL_SECONDS else f"over {GOAL_SECONDS:.0f} s"
    return f"{int(size) / MB:.2f} MB", seconds, cpu, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a case counts as timed out")
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child)
        return
    print("| case | input | seconds | CPU seconds | verdict |")
    print("|---|---:|---:|---:|---|")
    for name in args.only or CASES:
        size, seconds, cpu, verdict = measure(name, args.limit)
        print(f"| {name} | {size} | {seconds} | {cpu} | {verdict} |", flush=True)


if __name__ == "__main__":
    main()
