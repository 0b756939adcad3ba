"""``bitext report``: one self-contained HTML page to look at a corpus.

The page holds the figures at the top (counts by status, term accuracy overall and per
entry, flags, post-edit effort, two inline-SVG charts) and every segment as data: a
JSON block the page's script renders a page of rows at a time, so a 50,000-segment corpus
opens at once. Corpus text only ever reaches the page as JSON (with ``<`` escaped) and
is put into the document with ``textContent``: a segment holding ``<script>`` is shown,
never run.

Figures come from the commands that compute them, one implementation each:
:func:`bitext.check.check_corpus` (violations, inconsistencies, degenerate output),
:func:`bitext.glossary.term_accuracy`, :func:`bitext.evaluate.post_edit_effort`.
"""

from __future__ import annotations

import difflib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext import __version__
from bitext.errors import EvaluationError
from bitext.model import Corpus, Segment
from bitext.qa.corpus_check import check_corpus
from bitext.terms.glossary import Glossary, match_spec, target_spans, term_accuracy

PAGE_SIZE = 200  # rows the page renders at a time
# Flags the report adds to the ones records carry (bitext.quality's, low-confidence).
UNMET_TERM = "unmet-term"
INCONSISTENT = "inconsistent"


@dataclass
class Report:
    """What the template renders: ``summary`` figures, ``charts`` (SVG strings, made here
    from numbers), ``score_charts`` (a histogram per filter score) and ``rows`` (one dict
    a segment, serialised as JSON)."""

    title: str
    summary: dict[str, Any]
    charts: list[dict[str, str]]
    rows: list[dict[str, Any]]
    score_charts: list[dict[str, str]] = field(default_factory=list)


REMOVED = "removed"  # the status shown for a pair bitext filter removed (filtered.jsonl)


def read_filtered(path: str | Path) -> list[tuple[Segment, list[str]]]:
    """The removed pairs of ``bitext filter`` (``filtered.jsonl``) with their reasons."""
    from bitext.errors import FormatError

    path = Path(path)
    removed = []
    try:
        lines = path.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise FormatError(f"cannot read {path}: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            reasons = record.get("reasons") or []
            if not isinstance(reasons, list) or not all(isinstance(reason, str) for reason in reasons):
                raise ValueError("'reasons' must be a list of text")
            removed.append((Segment.from_dict(record, number, path.stem), reasons))
        except (json.JSONDecodeError, RecursionError, ValueError) as error:
            raise FormatError(f"{path}:{number}: not a filtered record ({error})") from None
    return removed


def word_diff(before: str, after: str) -> list[list[str]]:
    """Word-level edits from ``before`` (the MT) to ``after`` (the reviewed text):
    ``[op, text]`` with op ``=``, ``-`` (removed) or ``+`` (added)."""
    a, b = before.split(), after.split()
    ops: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(a[i1:i2])])
        else:
            if i2 > i1:
                ops.append(["-", " ".join(a[i1:i2])])
            if j2 > j1:
                ops.append(["+", " ".join(b[j1:j2])])
    return ops


def _row(segment: Segment, flags: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": segment.id,
        "doc": segment.doc,
        "status": segment.status,
        "kind": segment.kind,
        "source": segment.source,
        "target": segment.target,
        "flags": flags,
        "terms": [[m.start, m.end, m.met is not False, m.term, m.required] for m in segment.terms],
        "target_terms": sorted(
            {span for m in segment.terms if m.met for span in target_spans(match_spec(m), segment.target)}
        ),
    }
    if segment.status == "reviewed" and segment.mt is not None:
        row["mt"] = segment.mt
        row["diff"] = word_diff(segment.mt, segment.target)
    if segment.alignment is not None:
        row["alignment"] = [segment.alignment.kind, segment.alignment.score]
    if segment.scores:
        row["scores"] = segment.scores
    return row


def build_report(corpus: Corpus, glossary: Glossary | None = None, title: str = "",
                 filtered: Sequence[tuple[Segment, list[str]]] = ()) -> Report:
    """Everything the page shows, from a corpus and (optionally) a glossary; without a
    glossary the matches the records carry are used. ``filtered`` (the pairs ``bitext
    filter`` removed, with their reasons) become rows of status "removed", flagged by the
    filters that removed them."""
    check = check_corpus(corpus, glossary)
    if glossary:
        for segment in corpus:  # the same matches the check judged, for highlighting
            segment.terms = glossary.check(glossary.match(segment.source), segment.target) if segment.target else []
    flags: dict[str, list[str]] = defaultdict(list)
    for segment in corpus:
        flags[segment.id] += segment.flags
        if any(m.met is False for m in segment.terms):
            flags[segment.id].append(UNMET_TERM)
    for flagged in check.flagged:
        flags[flagged.id] += [flag for flag in flagged.flags if flag not in flags[flagged.id]]
    for item in check.inconsistencies:
        for ids in item.renderings.values():
            for segment_id in ids:
                if INCONSISTENT not in flags[segment_id]:
                    flags[segment_id].append(INCONSISTENT)
    rows = [_row(segment, flags[segment.id]) for segment in corpus]
    for segment, reasons in filtered:
        row = _row(segment, [f"{REMOVED}:{reason.split(':', 1)[0]}" for reason in reasons])
        row.update(status=REMOVED, reasons=reasons)
        rows.append(row)
    summary = _summary(corpus, flags, check)
    if filtered or any(segment.scores for segment in corpus):
        summary["filter"] = _filter_summary(corpus, filtered)
    charts = [chart for chart in (_term_chart(corpus), _hter_chart(corpus), _ratio_chart(corpus)) if chart]
    return Report(title or "bitext report", summary, charts, rows, _score_charts(corpus, filtered))


def _filter_summary(corpus: Corpus, filtered: Sequence[tuple[Segment, list[str]]]) -> dict[str, Any]:
    """Pairs kept and removed, and the pairs each filter removed (a pair may have several reasons)."""
    by_filter: Counter = Counter()
    for _, reasons in filtered:
        by_filter.update({reason.split(":", 1)[0] for reason in reasons})
    return {"kept": len(corpus), "removed": len(filtered), "by_filter": dict(by_filter.most_common())}


def _score_charts(corpus: Corpus, filtered: Sequence[tuple[Segment, list[str]]]) -> list[dict[str, str]]:
    """A histogram per filter score: pairs per band of the score, kept and removed."""
    kept = [segment.scores for segment in corpus if segment.scores]
    removed = [segment.scores for segment, _ in filtered if segment.scores]
    names = list(dict.fromkeys(name for scores in kept + removed for name in scores))
    charts = []
    for name in names:
        values = [scores[name] for scores in kept if name in scores], [scores[name] for scores in removed if name in scores]
        chart = _histogram(name, *values)
        if chart:
            charts.append(chart)
    return charts


def _histogram(name: str, kept: Sequence[float], removed: Sequence[float], bins: int = 10) -> dict[str, str] | None:
    """Pairs per band of one score, kept (blue) and removed (red), as SVG."""
    from markupsafe import escape

    values = [*kept, *removed]
    if not values:
        return None
    low, high = min(values), max(values)
    if 0 <= low and high <= 1:
        low, high = 0.0, 1.0
    width = (high - low) / bins or 1.0

    def counts(series: Sequence[float]) -> list[int]:
        found = [0] * bins
        for value in series:
            found[min(bins - 1, int((value - low) / width))] += 1
        return found

    kept_counts, removed_counts = counts(kept), counts(removed)
    most = max(k + r for k, r in zip(kept_counts, removed_counts)) or 1
    title = f"{name}: pairs per band of the score (blue kept, red removed)"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="{18 * bins + 10}" role="img" '
             f'aria-label="{escape(title)}">']
    for index, (k, r) in enumerate(zip(kept_counts, removed_counts)):
        y = 5 + 18 * index
        start = low + index * width
        kept_width, removed_width = 160 * k / most, 160 * r / most
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{start:.2g}-{start + width:.2g}</text>')
        parts.append(f'<rect x="80" y="{y + 2}" width="{kept_width:.1f}" height="12" fill="#4a7bd0"/>')
        parts.append(f'<rect x="{80 + kept_width:.1f}" y="{y + 2}" width="{removed_width:.1f}" height="12" fill="#d0584a"/>')
        parts.append(f'<text x="{85 + kept_width + removed_width:.1f}" y="{y + 12}" font-size="11">{k}/{r}</text>')
    parts.append("</svg>")
    return {"title": title, "svg": "".join(parts)}


def _summary(corpus: Corpus, flags: dict[str, list[str]], check) -> dict[str, Any]:
    matches = [m for s in corpus for m in s.terms]
    accuracy = term_accuracy(matches)
    summary: dict[str, Any] = {
        "documents": len(corpus.documents()),
        "segments": len(corpus),
        "statuses": dict(Counter(s.status for s in corpus)),
        "flags": dict(Counter(flag for values in flags.values() for flag in values)),
        "term_accuracy": accuracy,
        "violations": len(check.violations),
        "inconsistencies": len(check.inconsistencies),
        "signature": corpus.signature,
        "languages": f"{corpus.source_lang}-{corpus.target_lang}",
        "bitext_version": __version__,
    }
    alignments = Counter(s.alignment.kind for s in corpus if s.alignment is not None)
    if alignments:
        summary["alignments"] = dict(sorted(alignments.items()))
    try:
        effort = post_edit(corpus)
        summary["post_edit"] = effort
    except EvaluationError:
        pass
    return summary


def post_edit(corpus: Corpus) -> dict[str, Any]:
    """bitext evaluate's post-edit effort (HTER, chrF, unchanged share)."""
    from bitext.qa.evaluate import post_edit_effort

    return post_edit_effort(corpus)


# -- charts: small inline SVG, drawn from numbers --------------------------------------------------


def _bars(title: str, labels: Sequence[str], values: Sequence[float], maximum: float, unit: str) -> dict[str, str]:
    """A horizontal bar chart as SVG text (labels escaped by the template's autoescape
    are not enough inside SVG markup built here, so labels are escaped here)."""
    from markupsafe import escape

    height = 18 * len(labels) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="480" height="{height}" role="img" '
             f'aria-label="{escape(title)}">']
    for index, (label, value) in enumerate(zip(labels, values)):
        y = 5 + 18 * index
        width = 0 if maximum <= 0 else 220 * min(value, maximum) / maximum
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{escape(label[:28])}</text>')
        parts.append(f'<rect x="170" y="{y + 2}" width="{width:.1f}" height="12" fill="#4a7bd0"/>')
        shown = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
        parts.append(f'<text x="{175 + width:.1f}" y="{y + 12}" font-size="11">{shown}{unit}</text>')
    parts.append("</svg>")
    return {"title": title, "svg": "".join(parts)}


def _term_chart(corpus: Corpus) -> dict[str, str] | None:
    by_doc: dict[str, list] = defaultdict(list)
    for segment in corpus:
        by_doc[segment.doc] += segment.terms
    docs = [doc for doc, matches in by_doc.items() if matches][:30]
    if not docs:
        return None
    values = [100 * float(term_accuracy(by_doc[doc])["accuracy"] or 0) for doc in docs]  # type: ignore[arg-type]
    return _bars("Term accuracy per document (%)", docs, values, 100, "%")


def _hter_chart(corpus: Corpus) -> dict[str, str] | None:
    docs, values = [], []
    for doc in corpus.documents()[:30]:
        try:
            effort = post_edit(Corpus([s for s in corpus if s.doc == doc]))
        except EvaluationError:
            continue
        docs.append(doc)
        values.append(effort["hter"])
    if not docs:
        return None
    return _bars("HTER per document (edits per 100 words of the reviewed text)", docs, values, max(max(values), 1.0), "")


def _ratio_chart(corpus: Corpus) -> dict[str, str] | None:
    ratios = [len(s.target) / len(s.source) for s in corpus if s.source and s.target]
    if not ratios:
        return None
    edges = [0, 0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2.0, math.inf]
    labels = [f"{low:g}-{high:g}" if high != math.inf else f"{low:g}+" for low, high in zip(edges, edges[1:])]
    counts = [sum(1 for r in ratios if low <= r < high) for low, high in zip(edges, edges[1:])]
    return _bars("Segments per target/source length ratio (characters)", labels, counts, max(counts), "")


# -- rendering ------------------------------------------------------------------------------------


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside <script>: no "<" survives, so "</script>" or "<!--" in
    a segment cannot end the block."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029"
    )


def render(report: Report) -> str:
    """The report as one HTML document (no network, no external files)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("bitext.report", "templates"), autoescape=select_autoescape(["html"]))
    template = environment.get_template("report.html")
    return template.render(
        report=report,
        summary=report.summary,
        data=_json_for_script({"rows": report.rows, "pageSize": PAGE_SIZE}),
    )


def write_report(corpus: Corpus, path: str | Path, glossary: Glossary | None = None, title: str = "",
                 filtered: Sequence[tuple[Segment, list[str]]] = ()) -> Path:
    """Build and write the report atomically; returns its path."""
    from bitext.files import atomic_output

    path = Path(path)
    html = render(build_report(corpus, glossary, title, filtered))
    with atomic_output(path) as stream:
        stream.write(html)
    return path
