"""How well the cleaner keeps an article and drops the page around it, per site and input.

Labels (``benchmarks/labels/cleaning.json``) classify the lines of each page's text dump
by line number (1-based, as ``sed -n Np`` counts): ``heading`` (the title and
subheadings), ``body``, ``caption``: the article; ``duplicate``: an article line printed
again (an image's alt text before its caption, the title repeated over the photo), mapped
to the line it repeats; ``partial``: an article line holding debris too (a dateline lead,
a photo credit), with the slice of the whitespace-normalised line to keep; ``ignore``:
genuinely ambiguous lines, left out of the scores. Every other non-empty line is debris.
Labels hold line numbers and offsets only, never the pages' text (the pages are not ours
to copy). ``split`` puts each site in the ``dev`` set (rules were developed looking at
these) or the ``held-out`` set (only measured), so the figures say how the rules do on
sites they were not written from.

For each page the benchmark scores the text dump (the cleaner on its lines) and, where a
saved ``.html`` sits beside it, the HTML input (bitext's reader, then the same cleaner),
next to trafilatura alone (``favor_precision`` and ``favor_recall``) as the anchor. An
article line is *kept* when the part to keep comes out; a debris line *leaks* when it
comes out (a group of duplicates leaks every copy after the first). For HTML, a line
comes out when its text is found in what comes out, counted so that a title printed
twice leaks only when it comes out twice. It prints kept and leaked per site and per
input kind, then per split.

    python benchmarks/cleaning.py [--shared ../shared/data] [--show] [--site NAME] [--kind KIND]
    python benchmarks/cleaning.py --labels OTHER.json --pages FOLDER   # pages labelled elsewhere
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.cleaning.cleaner import Cleaner  # noqa: E402
from bitext.ingest.reader import Document, read_document  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "cleaning.json"
ARTICLE = ("heading", "body", "caption")
KINDS = ("text", "html", "trafilatura-precision", "trafilatura-recall")


@dataclass
class Row:
    """One labelled non-empty line of a page's text dump."""

    number: int
    text: str  # whitespace-normalised
    label: str  # heading, body, caption, duplicate, debris, ignore
    keep: str  # the part of an article line to keep ("" for debris)
    group: int  # the line a duplicate repeats (its own number otherwise)


@dataclass
class Score:
    """Counts of one page (or a sum of pages) for one input kind."""

    article: int = 0
    kept: int = 0
    debris: int = 0
    leaked: int = 0
    partial: int = 0  # article lines with debris to cut
    cut: int = 0  # ... whose debris part did not come out
    mistakes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another page's counts."""
        for name in ("article", "kept", "debris", "leaked", "partial", "cut"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.mistakes += other.mistakes

    @property
    def kept_share(self) -> float:
        """Share of article lines kept."""
        return self.kept / self.article if self.article else 1.0

    @property
    def leaked_share(self) -> float:
        """Share of debris lines kept."""
        return self.leaked / self.debris if self.debris else 0.0


def numbers(spec: str) -> set[int]:
    """'3,5-7' -> {3, 5, 6, 7}."""
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        low, _, high = part.partition("-")
        found.update(range(int(low), int(high or low) + 1))
    return found


def _slice(text: str, spec: str) -> str:
    start, _, end = spec.partition(":")
    return text[int(start) if start else None : int(end) if end else None].strip()


def labelled_rows(path: Path, label: dict) -> list[Row]:
    """Every non-empty line of a page with its label (see the module docstring)."""
    classes = {n: name for name in ARTICLE for n in numbers(label.get(name, ""))}
    classes.update({n: "body" for n in numbers(label.get("keep", ""))})  # the first labels' form
    duplicates = {int(n): int(of) for n, of in label.get("duplicate", {}).items()}
    partial = {int(n): spec for n, spec in label.get("partial", {}).items()}
    ignore = numbers(label.get("ignore", ""))
    rows = []
    for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
        text = " ".join(line.split())
        if not text:
            continue
        kind = "ignore" if number in ignore else classes.get(number, "duplicate" if number in duplicates else "debris")
        keep = _slice(text, partial[number]) if number in partial else text
        rows.append(Row(number, text, kind, keep if kind in ARTICLE or kind == "duplicate" else "",
                        duplicates.get(number, number)))
    return rows


# -- judging --------------------------------------------------------------------------------


def judge_lines(rows: list[Row], kept_text: list[str | None]) -> Score:
    """Text dump: ``kept_text[i]`` is what came out of row i (None: dropped)."""
    score = Score()
    kept_groups: dict[int, int] = {}
    for row, out in zip(rows, kept_text):
        if row.label in ARTICLE or row.label == "duplicate":
            if out is not None and row.keep in out:
                kept_groups[row.group] = kept_groups.get(row.group, 0) + 1
    for row, out in zip(rows, kept_text):
        if row.label in ARTICLE:
            came_out = kept_groups.get(row.group, 0) > 0
            score.article += 1
            score.kept += came_out
            if not came_out:
                score.mistakes.append(f"LOST   {row.number}: {row.text[:100]}")
            if row.keep != row.text:
                score.partial += 1
                score.cut += out is not None and out.strip() != row.text
        elif row.label == "duplicate":
            score.debris += 1
            copies = kept_groups.get(row.group, 0)
            leaked = out is not None and row.keep in out and copies > 1
            if leaked:
                kept_groups[row.group] = copies - 1
                score.leaked += 1
                score.mistakes.append(f"TWICE  {row.number}: {row.text[:100]}")
        elif row.label == "debris":
            score.debris += 1
            if out is not None:
                score.leaked += 1
                score.mistakes.append(f"LEAKED {row.number}: {row.text[:100]}")
    return score


_DUMP_BULLET = ("• ", "□ ", "☆ ", "◦ ", "■ ", "● ")  # how the text dump (w3m) draws list items


def _probe(text: str) -> str:
    """The part of a line looked for in extracted output: the middle of a long line (the
    extractor may join or split it at its edges), a short line whole, without the list
    bullet the text dump draws."""
    if text.startswith(_DUMP_BULLET):
        text = text[2:]
    return text[len(text) // 4 : 3 * len(text) // 4].strip() if len(text) > 60 else text


def judge_output(rows: list[Row], paragraphs: list[str]) -> Score:
    """HTML: a labelled line came out when its text is found in the output paragraphs;
    occurrences are counted, so a debris line that repeats an article line (a title in a
    list of other articles) leaks only when the text comes out more often than the
    article lines holding it."""
    paragraphs = [" ".join(p.split()) for p in paragraphs]
    joined = "\n".join(paragraphs)
    exact: dict[str, int] = {}
    for paragraph in paragraphs:
        exact[paragraph] = exact.get(paragraph, 0) + 1
    article = [row.keep for row in rows if row.label in ARTICLE]

    def available(row: Row) -> int:
        probe = _probe(row.keep or row.text)
        short = len((row.keep or row.text).split()) <= 2 and row.label not in ARTICLE
        found = exact.get(_probe(row.text), 0) if short else joined.count(probe)
        return found - sum(1 for text in article if probe in text)

    score = Score()
    left: dict[str, int] = {}
    for row in rows:
        if row.label in ARTICLE:
            score.article += 1
            came_out = _probe(row.keep) in joined
            score.kept += came_out
            if not came_out:
                score.mistakes.append(f"LOST   {row.number}: {row.text[:100]}")
            if row.keep != row.text:
                score.partial += 1
                score.cut += came_out and row.text not in joined
        elif row.label in ("debris", "duplicate"):
            score.debris += 1
            key = row.keep or row.text
            if key not in left:
                left[key] = available(row)
            if left[key] > 0:
                left[key] -= 1
                score.leaked += 1
                score.mistakes.append(f"{'TWICE ' if row.label == 'duplicate' else 'LEAKED'} {row.number}: {row.text[:100]}")
    return score


# -- inputs ---------------------------------------------------------------------------------


def run_text(rows: list[Row], path: Path) -> Score:
    """The text dump: paragraph i of the cleaner is the page's i-th non-empty line."""
    blocks = Cleaner().clean(Document(path.name, [row.text for row in rows]))
    return judge_lines(rows, [block.text if block.kept else None for block in blocks])


def run_html(rows: list[Row], html: Path) -> Score:
    """Saved HTML through bitext's reader and cleaner."""
    blocks = Cleaner().clean(read_document(html, html.name))
    return judge_output(rows, [block.text for block in blocks if block.kept])


def run_trafilatura(rows: list[Row], html: Path, precision: bool) -> Score:
    """trafilatura alone (its text output, one paragraph a line), the anchor."""
    import trafilatura

    data = html.read_bytes()
    text = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=True,
                               favor_precision=precision, favor_recall=not precision) or ""
    metadata = trafilatura.extract_metadata(data)
    title = [metadata.title] if metadata is not None and metadata.title else []
    return judge_output(rows, title + [line for line in text.split("\n") if line.strip()])


def scorers(rows: list[Row], path: Path) -> Iterable[tuple[str, Callable[[], Score]]]:
    """The input kinds a page can be scored on, each with its scorer."""
    yield "text", lambda: run_text(rows, path)
    html = path.with_suffix(".html")
    if html.exists():
        yield "html", lambda: run_html(rows, html)
        yield "trafilatura-precision", lambda: run_trafilatura(rows, html, True)
        yield "trafilatura-recall", lambda: run_trafilatura(rows, html, False)


# -- report ---------------------------------------------------------------------------------


def _row(name: str, kind: str, score: Score) -> str:
    return (f"| {name} | {kind} | {score.article} | {score.kept_share:.1%} | {score.debris} | "
            f"{score.leaked_share:.1%} | {score.cut}/{score.partial} |")


HEADER = ("| {} | input | article lines | kept | debris lines | leaked | partial lines cut |\n"
          "|---|---|---:|---:|---:|---:|---:|")


def main() -> None:
    """Score every labelled page; print per page, per site, per split."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", action="store_true", help="print each lost and leaked line")
    parser.add_argument("--site", action="append", help="only these sites (or 'dev', 'held-out', 'seed')")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only these input kinds")
    parser.add_argument("--labels", type=Path, default=LABELS, help="another labels file (same form)")
    parser.add_argument("--pages", type=Path, help="the folder its page names are in (default: --shared)")
    args = parser.parse_args()
    labels = json.loads(args.labels.read_text("utf-8"))
    pages = args.pages or args.shared
    splits = labels.get("_split", {})
    by_site: dict[tuple[str, str], Score] = {}
    by_split: dict[tuple[str, str], Score] = {}
    print(HEADER.format("page"))
    for name, label in labels.items():
        if name.startswith("_"):
            continue
        site = label.get("site", name)
        split = splits.get(site, "seed" if name.startswith("seeds/") else "dev")
        if args.site and site not in args.site and split not in args.site:
            continue
        path = (ROOT / name) if name.startswith("seeds/") else (pages / name)
        if not path.exists():
            print(f"| {name} | (not here) | | | | | |")
            continue
        rows = labelled_rows(path, label)
        for kind, scorer in scorers(rows, path):
            if args.kind and kind not in args.kind:
                continue
            score = scorer()
            print(_row(name, kind, score))
            if args.show:
                for mistake in score.mistakes:
                    print(f"    {mistake}")
            by_site.setdefault((f"{site} ({split})", kind), Score()).add(score)
            by_split.setdefault((split, kind), Score()).add(score)
    print()
    print(HEADER.format("site"))
    for (site, kind), score in sorted(by_site.items(), key=lambda item: (KINDS.index(item[0][1]), item[0][0])):
        print(_row(site, kind, score))
    print()
    print(HEADER.format("split"))
    for (split, kind), score in sorted(by_split.items(), key=lambda item: (item[0][0], KINDS.index(item[0][1]))):
        print(_row(split, kind, score))
    totals: dict[str, Score] = {}
    for (_, kind), score in by_split.items():
        totals.setdefault(kind, Score()).add(score)
    for kind in KINDS:
        if kind in totals:
            print(_row("**all**", kind, totals[kind]))


if __name__ == "__main__":
    main()
