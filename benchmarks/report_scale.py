"""How fast a large report is written and opens: 50,000 segments in headless Chromium.

Builds a corpus of N segments from the seed sentences (every tenth reviewed with an
edited target, glossary matches from glossary/id-en.tsv, some flags), writes the report,
and loads it in headless Chromium (``--dump-dom``) three times. Prints the seconds to
write it, its size, and the time from navigation start until the first page of rows is
in the document (the page records it in ``data-ready-ms``), plus the wall time of the
whole browser process (start-up included).

    python benchmarks/report_scale.py [--segments 50000]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.ingest.reader import read_documents
from bitext.model import Corpus, Segment
from bitext.report.page import write_report
from bitext.segmentation.documents import segment_documents
from bitext.terms.glossary import Glossary


def synthetic_corpus(count: int) -> Corpus:
    glossary = Glossary.load(ROOT / "glossary" / "id-en.tsv")
    sentences = [segment.source for segment in segment_documents(read_documents(ROOT / "seeds"))[0]]
    segments = []
    for index in range(count):
        source = sentences[index % len(sentences)]
        target = f"Translation {index} of a sentence that mentions North Korea and the United Nations."
        segment = Segment(f"doc{index // 100:04d}.txt", index % 100 + 1, 1, source, target, "mt")
        if index % 10 == 0:
            segment.status, segment.mt = "reviewed", target
            segment.target = target.replace("mentions", "names")
        if index % 37 == 0:
            segment.flags = ["too-long"]
        segment.terms = glossary.check(glossary.match(source), segment.target)
        segments.append(segment)
    return Corpus(segments, signature="bitext:benchmark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=50_000)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    corpus = synthetic_corpus(args.segments)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        started = time.perf_counter()
        write_report(corpus, page, glossary=None)
        written = time.perf_counter() - started
        print(f"{len(corpus)} segments: report written in {written:.1f} s, {page.stat().st_size / 1e6:.1f} MB")
        if chromium is None:
            print("headless Chromium is not installed: no browser timing")
            return
        ready, walls = [], []
        for _ in range(3):
            started = time.perf_counter()
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                                 capture_output=True, text=True, timeout=300).stdout
            walls.append(time.perf_counter() - started)
            ready.append(float(re.search(r'data-ready-ms="([\d.]+)"', dom).group(1)) / 1000)
            rows = dom.count("<tr id=")
        print(f"first screen ({rows} rows) ready {statistics.median(ready):.2f} s after navigation start "
              f"(median of 3: {', '.join(f'{r:.2f}' for r in ready)}); whole browser run {statistics.median(walls):.2f} s")


if __name__ == "__main__":
    main()
