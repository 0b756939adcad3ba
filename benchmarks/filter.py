"""bitext filter on a noisy corpus: what it keeps, what it removes, per filter and per kind of noise.

The corpus is built at run time from TICO-19 (CC0: 3,071 Indonesian-English pairs of 31
documents; its own repeats and near repeats dropped: the clean pairs) with noise of each kind injected into
copies of clean pairs, as crawled and aligned corpora have it:

* ``misaligned``: the target of another document's pair of about the same length;
* ``untranslated``: the source copied as the target, exactly or lightly edited;
* ``wrong_language``: the target in another language (another pair's Indonesian,
  Malay, or French, German, Spanish, Dutch, Portuguese: ``labels/malay-sentences.txt``
  and ``labels/other-languages.txt``, written for this benchmark);
* ``truncated``: the target cut to 35-60% of its words (half of the translation missing);
* ``boilerplate``: page furniture pairs (teasers, share bars, datelines, bylines,
  copyright lines, menus, calls to action; general web templates filled with TICO-19
  sentences, names and numbers, and the seeds' lines the cleaner drops);
* ``two_for_one``: the target followed or preceded by the next pair's target;
* ``exact_duplicate``: a clean pair again (as is, or in other case, spacing, punctuation);
* ``near_duplicate``: a clean pair again with a word dropped or changed on one or both sides.

Figures: clean pairs kept; noise removed, overall and by kind (a copy counts as removed
when its group is kept once: which copy survives is the filter's choice); duplicate
groups kept exactly once (groups whose every copy another filter removes left out); per filter, the pairs it removes, its precision (share of them that are
noise) and recall (share of all noise). OpusFilter's standard filters are run on the
same corpus where ``pip install opusfilter`` works (in this interpreter, or another one
given with ``--opusfilter-python``). ``--speed N`` also times ``bitext filter`` on a
corpus of N pairs (wall time, pairs a second, peak memory).

    python benchmarks/filter.py [--tmx ../shared/data/tico19-all.en-id.tmx] [--per-kind 150] [--seed 1]
        [--opusfilter-python /path/to/python] [--speed 20000 --speed 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.model import Segment

KINDS = ("misaligned", "untranslated", "wrong_language", "truncated", "boilerplate", "two_for_one",
         "exact_duplicate", "near_duplicate")
LABELS = ROOT / "benchmarks" / "labels"


@dataclass
class Item:
    """A pair of the benchmark corpus: its kind ("clean" or a noise kind) and, for
    duplicates, the clean pair it copies (its group)."""

    segment: Segment
    kind: str
    group: int = -1


# -- the corpus --------------------------------------------------------------------------------


def clean_pairs(tmx: Path) -> list[tuple[str, str, str]]:
    """(document, Indonesian, English) of TICO-19, its own repeats and near repeats
    dropped (the first kept), so the clean pairs are distinct."""
    from bitext.filtering.base import Pair
    from bitext.filtering.duplicates import DuplicateIndex, DuplicateSettings, fingerprints
    from bitext.formats import read_corpus

    segments = [s for s in read_corpus(tmx, source_lang="id", target_lang="en") if s.source.strip() and s.target.strip()]
    pairs = []
    with tempfile.TemporaryDirectory() as folder:
        index = DuplicateIndex(Path(folder) / "index.sqlite3")
        prints = fingerprints([Pair(segment) for segment in segments], DuplicateSettings())
        for number, (segment, print_) in enumerate(zip(segments, prints), 1):
            if index.add(number, segment.id, print_, 1.0).match == "first":
                pairs.append((segment.id.split(":")[0], " ".join(segment.source.split()), " ".join(segment.target.split())))
        index.close()
    return pairs


def other_sentences() -> tuple[list[str], list[str]]:
    """(Malay sentences, sentences in five European languages)."""
    malay = [line.strip() for line in (LABELS / "malay-sentences.txt").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    others = [line.split("\t", 1)[1] for line in (LABELS / "other-languages.txt").read_text("utf-8").splitlines()
              if "\t" in line and not line.startswith("#")]
    return malay, others


def seed_furniture() -> list[str]:
    """Lines the cleaner drops from the seeds (real page furniture of Indonesian news pages)."""
    from bitext.cleaning.cleaner import Cleaner
    from bitext.ingest.reader import Document, read_paragraphs

    cleaner, lines = Cleaner(), []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs, discarded, title = read_paragraphs(path)
        blocks = cleaner.clean(Document(path.name, paragraphs, discarded, title))
        lines += [removal.text for removal in cleaner.removals(path.name, blocks)
                  if removal.kind in {"boilerplate", "teaser", "related", "byline", "credit", "dateline"}]
    return [line for line in dict.fromkeys(lines) if line.strip()]


_NAMES = ("Joko Widodo", "Prabowo Subianto", "Sri Mulyani", "Anies Baswedan", "Budi Santoso", "Dewi Lestari")
_SITES = ("kompas.com", "tempo.co", "detik.com", "antaranews.com", "republika.co.id", "liputan6.com")
_MONTHS = (("Januari", "January"), ("Maret", "March"), ("Juni", "June"), ("Agustus", "August"), ("Oktober", "October"))


def boilerplate_pair(rng: random.Random, pairs: list[tuple[str, str, str]], furniture: list[str]) -> tuple[str, str]:
    """One pair of page furniture, from a general template or the seeds' dropped lines."""
    _, source, target = rng.choice(pairs)
    name, site = rng.choice(_NAMES), rng.choice(_SITES)
    day, (month_id, month_en), year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(2019, 2025)
    hour = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    count = rng.randint(0, 9999)
    templates = [
        (f"Baca juga: {source}", f"Read also: {target}"),
        (f"BACA JUGA: {source}", f"READ ALSO: {target}"),
        ("Bagikan artikel ini", "Share this article"),
        ("Bagikan: Facebook | Twitter | WhatsApp | Telegram", "Share: Facebook | Twitter | WhatsApp | Telegram"),
        (f"Jakarta, {day} {month_id} {year} | {hour} WIB", f"Jakarta, {month_en} {day}, {year} | {hour} WIB"),
        (f"Penulis: {name} | Editor: {rng.choice(_NAMES)}", f"Writer: {name} | Editor: {rng.choice(_NAMES)}"),
        (f"Foto: ANTARA/{name}", f"Photo: ANTARA/{name}"),
        (f"Copyright © {year} {site}. All rights reserved.", f"Copyright © {year} {site}. All rights reserved."),
        (f"Hak cipta © {year} {site}", f"Copyright © {year} {site}"),
        ("Beranda > Berita > Nasional", "Home > News > National"),
        (f"{count} Komentar", f"{count} Comments"),
        ("Klik di sini untuk berlangganan buletin kami", "Click here to subscribe to our newsletter"),
        (f"Ikuti kami di Instagram @{site.split('.')[0]}", f"Follow us on Instagram @{site.split('.')[0]}"),
        (f"Kunjungi https://www.{site}/berita untuk informasi lebih lanjut",
         f"Visit https://www.{site}/news for more information"),
        ("Unduh aplikasi kami di Google Play dan App Store", "Download the app on Google Play and the App Store"),
        ("Berita Terkait", "Related News"),
        ("Halaman 1 2 3 4 Selanjutnya", "Page 1 2 3 4 Next"),
        ("Iklan", "Advertisement"),
        ("Tags: covid-19, vaksin, kesehatan", "Tags: covid-19, vaccine, health"),
        (f"Kirim tulisan Anda ke redaksi@{site}", f"Send your writing to redaksi@{site}"),
    ]
    if furniture and rng.random() < 0.25:
        line = rng.choice(furniture)
        return line, line
    return rng.choice(templates)


def _edit_words(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) < 4:
        return text + "."
    position = rng.randrange(len(words))
    if rng.random() < 0.5:
        del words[position]
    else:
        words[position] = words[position].upper() if rng.random() < 0.5 else words[position] + ","
    return " ".join(words)


def _variant(text: str, rng: random.Random) -> str:
    """The same text in another case, spacing or punctuation (equal once normalised)."""
    choice = rng.randrange(3)
    if choice == 0:
        return text.upper() if len(text) < 60 else text.lower()
    if choice == 1:
        return "  ".join(text.split()) + " "
    return text.rstrip(".!?") + ("!" if text.endswith(".") else ".")


def noise(kind: str, index: int, pairs, rng: random.Random, extra) -> tuple[str, str]:
    """The (source, target) of one noise pair of ``kind`` made from clean pair ``index``."""
    malay, others, furniture = extra
    doc, source, target = pairs[index]
    if kind == "misaligned":
        options = [p for p in rng.sample(pairs, 200) if p[0] != doc and 0.7 < len(p[2]) / max(1, len(target)) < 1.4]
        return source, (options[0][2] if options else rng.choice(pairs)[2])
    if kind == "untranslated":
        return source, source if rng.random() < 0.5 else _edit_words(source, rng)
    if kind == "wrong_language":
        roll = rng.random()
        other = rng.choice(pairs)[1] if roll < 0.4 else rng.choice(malay) if roll < 0.6 else rng.choice(others)
        return source, other
    if kind == "truncated":
        words = target.split()
        return source, " ".join(words[: max(3, int(len(words) * rng.uniform(0.35, 0.6)))])
    if kind == "boilerplate":
        return boilerplate_pair(rng, pairs, furniture)
    if kind == "two_for_one":
        following = pairs[index + 1][2] if index + 1 < len(pairs) and pairs[index + 1][0] == doc else rng.choice(pairs)[2]
        return source, (f"{target} {following}" if rng.random() < 0.7 else f"{following} {target}")
    if kind == "exact_duplicate":
        if rng.random() < 0.5:
            return source, target
        return _variant(source, rng), _variant(target, rng)
    if kind == "near_duplicate":
        roll = rng.random()
        return (_edit_words(source, rng) if roll < 0.7 else source), (_edit_words(target, rng) if roll > 0.3 else target)
    raise ValueError(kind)


def _eligible(kind: str, pair: tuple[str, str, str]) -> bool:
    words = len(pair[2].split())
    if kind == "truncated":
        return words >= 8
    if kind == "near_duplicate":
        return words >= 8 and len(pair[1].split()) >= 8
    return words >= 3


def build_corpus(tmx: Path, per_kind: int, seed: int) -> list[Item]:
    """Clean pairs and ``per_kind`` pairs of each noise kind, shuffled together."""
    rng = random.Random(seed)
    pairs = clean_pairs(tmx)
    malay, others = other_sentences()
    extra = (malay, others, seed_furniture())
    items = [Item(Segment(doc, number, 1, source, target, "imported"), "clean", number)
             for number, (doc, source, target) in enumerate(pairs)]
    for kind in KINDS:
        candidates = [number for number, pair in enumerate(pairs) if _eligible(kind, pair)]
        for number in rng.sample(candidates, per_kind):
            source, target = noise(kind, number, pairs, rng, extra)
            group = number if kind.endswith("duplicate") else -1
            items.append(Item(Segment(f"noise-{kind}", number, 1, source, target, "imported"), kind, group))
    rng.shuffle(items)
    for position, item in enumerate(items, 1):  # unique ids, in corpus order
        item.segment.key = f"pair-{position}"
    return items


# -- scoring ------------------------------------------------------------------------------------


def bitext_decisions(items: list[Item]) -> tuple[list[list[str]], float]:
    """Each pair's removal reasons from bitext filter (library, defaults), and the seconds."""
    from bitext.filtering import FilterConfig, FilterOptions, filter_segments
    from bitext.filtering.engines import InProcess

    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        options = FilterOptions(FilterConfig(), engine=InProcess())
        judged = list(filter_segments((item.segment for item in items), Path(work), options))
        seconds = time.perf_counter() - started
    return [j.reasons for j in judged], seconds


def _duplicate_reason(reason: str) -> bool:
    return reason.startswith("duplicates") or reason == "remove_duplicates"


def summary(items: list[Item], reasons: list[list[str]]) -> dict[str, float]:
    """Clean kept, noise removed (all and by kind), duplicate groups kept exactly once.
    A clean pair removed only as a duplicate of a copy kept in its place counts as kept
    (which copy of a group survives is the filter's choice)."""
    removed = [bool(r) for r in reasons]
    kept_per_group: dict[int, int] = defaultdict(int)
    duplicated = {item.group for item in items if item.kind.endswith("duplicate")}
    for item, gone in zip(items, removed):
        if item.group in duplicated and (item.kind == "clean" or item.kind.endswith("duplicate")) and not gone:
            kept_per_group[item.group] += 1
    result: dict[str, float] = {}
    clean = [not gone or (item.group in duplicated and kept_per_group[item.group] == 1
                          and all(_duplicate_reason(r) for r in pair_reasons))
             for item, gone, pair_reasons in zip(items, removed, reasons) if item.kind == "clean"]
    result["clean kept"] = sum(clean) / len(clean)
    # A copy counts as removed when its group is kept once (the copy, or the pair it copies, went).
    gone_or_settled = [gone or (item.kind.endswith("duplicate") and kept_per_group[item.group] == 1)
                       for item, gone in zip(items, removed)]
    noisy = [gone for item, gone in zip(items, gone_or_settled) if item.kind != "clean"]
    result["noise removed"] = sum(noisy) / len(noisy)
    for kind in KINDS:
        flags = [gone for item, gone in zip(items, gone_or_settled) if item.kind == kind]
        result[kind] = sum(flags) / len(flags)
    judged = [group for group in duplicated if not all(
        gone and not all(_duplicate_reason(r) for r in pair_reasons)
        for item, gone, pair_reasons in zip(items, removed, reasons) if item.group == group)]
    result["groups kept once"] = sum(1 for group in judged if kept_per_group[group] == 1) / len(judged)
    return result


def per_filter(items: list[Item], reasons: list[list[str]]) -> list[tuple[str, int, float, float]]:
    """(filter, pairs it removes, precision, recall over all noise) for each filter."""
    total_noise = sum(1 for item in items if item.kind != "clean")
    by_filter: dict[str, list[bool]] = defaultdict(list)
    for item, pair_reasons in zip(items, reasons):
        for name in {reason.split(":", 1)[0] for reason in pair_reasons}:
            by_filter[name].append(item.kind != "clean")
    rows = []
    for name, flags in sorted(by_filter.items(), key=lambda entry: -len(entry[1])):
        rows.append((name, len(flags), sum(flags) / len(flags), sum(flags) / total_noise))
    return rows


def kind_by_filter(items: list[Item], reasons: list[list[str]]) -> dict[str, Counter]:
    table: dict[str, Counter] = defaultdict(Counter)
    for item, pair_reasons in zip(items, reasons):
        table[item.kind].update({reason.split(":", 1)[0] for reason in pair_reasons})
    return table


# -- OpusFilter's standard filters, for comparison ----------------------------------------------

_OPUSFILTER_SCRIPT = r"""
import json, sys
from opusfilter.filters import (CharacterScoreFilter, HtmlTagFilter, LanguageIDFilter, LengthFilter,
                                LengthRatioFilter, LongWordFilter, NonZeroNumeralsFilter, TerminalPunctuationFilter)
pairs = [tuple(json.loads(line)) for line in sys.stdin]
filters = {
    "LengthFilter": LengthFilter(min_length=1, max_length=100, unit="word"),
    "LengthRatioFilter": LengthRatioFilter(threshold=3, unit="word"),
    "LongWordFilter": LongWordFilter(threshold=40),
    "HtmlTagFilter": HtmlTagFilter(),
    "CharacterScoreFilter": CharacterScoreFilter(scripts=["Latin", "Latin"], thresholds=[1, 1]),
    "LanguageIDFilter": LanguageIDFilter(languages=["id", "en"], id_method="langid", thresholds=[0, 0]),
    "TerminalPunctuationFilter": TerminalPunctuationFilter(threshold=-2),
    "NonZeroNumeralsFilter": NonZeroNumeralsFilter(threshold=0.5),
}
out = {name: [bool(f.accept(score)) for score in f.score(pairs)] for name, f in filters.items()}
print(json.dumps(out))
"""


def opusfilter_decisions(items: list[Item], python: str) -> list[list[str]] | None:
    """Each pair's rejecting OpusFilter filters (and exact duplicates, as its
    remove_duplicates step), or None when OpusFilter cannot be run."""
    lines = "".join(json.dumps([item.segment.source, item.segment.target]) + "\n" for item in items)
    try:
        done = subprocess.run([python, "-c", _OPUSFILTER_SCRIPT], input=lines, capture_output=True, text=True)
    except OSError as error:
        print(f"(OpusFilter not run: {error})", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"(OpusFilter not run: {(done.stderr.strip().splitlines() or ['?'])[-1]})", file=sys.stderr)
        return None
    accepted = json.loads(done.stdout.strip().splitlines()[-1])
    reasons: list[list[str]] = [[name for name, flags in accepted.items() if not flags[n]] for n in range(len(items))]
    seen = set()
    for n, item in enumerate(items):  # remove_duplicates: exact pairs, the first kept
        key = (item.segment.source, item.segment.target)
        if key in seen:
            reasons[n].append("remove_duplicates")
        seen.add(key)
    return reasons


# -- speed and memory ----------------------------------------------------------------------------


def speed(tmx: Path, pairs: int, workers: int | None) -> tuple[float, float, float]:
    """(pairs a second, pairs a CPU second, peak RSS MB) of the whole ``bitext filter``
    process (its workers included) on ``pairs`` pairs: two random TICO-19 pairs joined into
    one (so almost none repeats), in a JSONL file."""
    rng = random.Random(7)
    base = clean_pairs(tmx)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as stream:
            for number in range(pairs):
                (_, source, target), (_, source2, target2) = rng.choice(base), rng.choice(base)
                record = {"id": f"p:{number + 1}:1", "source": f"{source} {source2}", "target": f"{target} {target2}"}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "bitext", "filter", str(corpus), "-o",
                   str(Path(folder) / "out"), "-q", "--no-glossary"] + (["--workers", str(workers)] if workers else [])
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=folder,
                              env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(done.stderr[-2000:])
        lines = done.stderr.splitlines()
        rss = next(int(line.split()[-1]) for line in lines if "Maximum resident" in line)
        cpu = sum(float(line.split()[-1]) for line in lines if "User time" in line or "System time" in line)
    return pairs / seconds, pairs / cpu, rss / 1024


# -- the tables -----------------------------------------------------------------------------------


def print_tables(items: list[Item], results: dict[str, list[list[str]]], seconds: float) -> None:
    counts = Counter(item.kind for item in items)
    print(f"{len(items)} pairs: {counts['clean']} clean, " + ", ".join(f"{counts[k]} {k}" for k in KINDS)
          + f"; bitext filter {len(items) / seconds:,.0f} pairs/s on one process\n")
    names = list(results)
    print("| | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    summaries = {name: summary(items, reasons) for name, reasons in results.items()}
    for row in ["clean kept", "noise removed", *KINDS, "groups kept once"]:
        print(f"| {row} | " + " | ".join(f"{100 * summaries[name][row]:.1f}%" for name in names) + " |")
    for name, reasons in results.items():
        print(f"\n{name}, per filter (precision: share of the pairs it removes that are noise; recall: share of "
              "all noise it removes):\n")
        print("| filter | removes | precision | recall |")
        print("|---|---:|---:|---:|")
        for filter_name, removed, precision, recall in per_filter(items, reasons):
            print(f"| {filter_name} | {removed} | {100 * precision:.1f}% | {100 * recall:.1f}% |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmx", type=Path, default=ROOT.parent / "shared" / "data" / "tico19-all.en-id.tmx")
    parser.add_argument("--per-kind", type=int, default=150, help="noise pairs of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--opusfilter-python", default=sys.executable,
                        help="a Python that has opusfilter installed  [default: this one]")
    parser.add_argument("--speed", type=int, action="append", default=[], help="also time bitext filter on N pairs")
    parser.add_argument("--workers", type=int, default=None, help="--speed: scoring processes  [default: the CPUs]")
    parser.add_argument("--show", default=None, help="print the pairs of this kind bitext keeps (or 'clean': removes)")
    args = parser.parse_args()
    items = build_corpus(args.tmx, args.per_kind, args.seed)
    reasons, seconds = bitext_decisions(items)
    results = {"bitext filter": reasons}
    opus = opusfilter_decisions(items, args.opusfilter_python)
    if opus is not None:
        results["OpusFilter (standard filters)"] = opus
    print_tables(items, results, seconds)
    print("\nbitext filter, pairs each filter removes by kind:\n")
    table = kind_by_filter(items, reasons)
    filters = sorted({name for counter in table.values() for name in counter})
    print("| kind | " + " | ".join(filters) + " |")
    print("|---|" + "---:|" * len(filters))
    for kind in ("clean", *KINDS):
        print(f"| {kind} | " + " | ".join(str(table[kind][name]) for name in filters) + " |")
    if args.show:
        for item, pair_reasons in zip(items, reasons):
            if item.kind == args.show and (bool(pair_reasons) == (args.show == "clean")):
                print(pair_reasons, "|", item.segment.source[:140], "|", item.segment.target[:140])
    for pairs in args.speed:
        rate, per_cpu, rss = speed(args.tmx, pairs, args.workers)
        print(f"\nbitext filter on {pairs:,} pairs: {rate:,.0f} pairs/s ({per_cpu:,.0f} pairs per CPU second), "
              f"peak RSS {rss:,.0f} MB (the largest of the processes)")


if __name__ == "__main__":
    main()
