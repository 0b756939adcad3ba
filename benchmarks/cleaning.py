"""How well the cleaner keeps an article and drops the page around it, per labelled page.

Labels (benchmarks/labels/cleaning.json) give, for each page's text dump, the line
numbers of the article (title, headings, body, captions); every other non-empty line is
debris. For each page the benchmark prints the share of article lines kept and the share
of debris lines leaked (kept), for the text dump and, where a saved .html sits beside it,
for the HTML input (trafilatura, then the same cleaner), where a line counts as kept when
its text is found in what comes out.

    python benchmarks/cleaning.py [--shared ../shared/data] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.cleaning.cleaner import Cleaner
from bitext.ingest.reader import Document, read_paragraphs


def numbers(spec: str) -> set[int]:
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        low, _, high = part.partition("-")
        found.update(range(int(low), int(high or low) + 1))
    return found


def labelled_lines(path: Path, label: dict) -> list[tuple[int, str, str]]:
    """(line number, text, "keep" | "debris") of a page's non-empty, non-ignored lines."""
    keep, ignore = numbers(label["keep"]), numbers(label.get("ignore", ""))
    rows = []
    for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
        text = " ".join(line.split())
        if text and number not in ignore:
            rows.append((number, text, "keep" if number in keep else "debris"))
    return rows


def score_text(rows: list[tuple[int, str, str]]) -> tuple[float, float, list[str]]:
    """Text dump: paragraph i of the cleaner is the page's i-th non-empty line."""
    cleaner = Cleaner()
    lines = [text for _, text, _ in rows]
    blocks = cleaner.clean(Document("page", lines))
    return _shares([(kind, block.kept, text) for (_, text, kind), block in zip(rows, blocks)])


def score_html(rows: list[tuple[int, str, str]], html: Path) -> tuple[float, float, list[str]]:
    """HTML: a labelled line is kept when its words appear in the kept output (a debris
    line of one or two words only when a kept paragraph is exactly that line)."""
    paragraphs, _, title = read_paragraphs(html)
    cleaner = Cleaner()
    kept = [b.text for b in cleaner.clean(Document(html.name, paragraphs, title=title)) if b.kept]
    joined = " \n ".join(kept)
    exact = set(kept)
    judged = []
    for _, text, kind in rows:
        if kind == "keep" or len(text.split()) > 2:
            # the middle of a line: the cleaner may strip a dateline lead or a credit
            middle = text[len(text) // 4 : 3 * len(text) // 4] if len(text) > 60 else text
            found = middle in joined
        else:
            found = text in exact
        judged.append((kind, found, text))
    return _shares(judged)


def _shares(judged: list[tuple[str, bool, str]]) -> tuple[float, float, list[str]]:
    keep = [(kept, text) for kind, kept, text in judged if kind == "keep"]
    debris = [(kept, text) for kind, kept, text in judged if kind == "debris"]
    kept_share = sum(kept for kept, _ in keep) / len(keep) if keep else 1.0
    leaked_share = sum(kept for kept, _ in debris) / len(debris) if debris else 0.0
    mistakes = [f"LOST   {text[:100]}" for kept, text in keep if not kept]
    mistakes += [f"LEAKED {text[:100]}" for kept, text in debris if kept]
    return kept_share, leaked_share, mistakes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", action="store_true", help="print each lost and leaked line")
    args = parser.parse_args()
    labels = json.loads((ROOT / "benchmarks" / "labels" / "cleaning.json").read_text("utf-8"))
    print("| page | input | article lines | kept | debris lines | leaked |")
    print("|---|---|---:|---:|---:|---:|")
    totals: dict[str, list[int]] = {}
    for name, label in labels.items():
        if name.startswith("_"):
            continue
        path = (ROOT / name) if name.startswith("seeds/") else (args.shared / name)
        if not path.exists():
            print(f"| {name} | (not here) | | | | |")
            continue
        rows = labelled_lines(path, label)
        inputs = [("text", lambda rows=rows: score_text(rows))]
        html = path.with_suffix(".html")
        if html.exists():
            inputs.append(("html", lambda html=html, rows=rows: score_html(rows, html)))
        for kind, scorer in inputs:
            kept, leaked, mistakes = scorer()
            n_keep = sum(1 for row in rows if row[2] == "keep")
            n_debris = len(rows) - n_keep
            total = totals.setdefault(kind, [0, 0, 0, 0])
            total[0] += n_keep
            total[1] += round(kept * n_keep)
            total[2] += n_debris
            total[3] += round(leaked * n_debris)
            print(f"| {name} | {kind} | {n_keep} | {kept:.1%} | {n_debris} | {leaked:.1%} |")
            if args.show:
                for mistake in mistakes:
                    print(f"    {mistake}")
    for kind, (n_keep, kept, n_debris, leaked) in totals.items():
        print(f"| **all** | {kind} | {n_keep} | {kept / max(n_keep, 1):.1%} | {n_debris} | {leaked / max(n_debris, 1):.1%} |")


if __name__ == "__main__":
    main()
