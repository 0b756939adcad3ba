"""bitext report after bitext filter: removed pairs, score histograms, figures that say what they count."""

import json

from bitext.model import Corpus, Segment
from bitext.report.page import build_report, read_filtered, render, write_report

from .test_report_page import CHROMIUM, dump_dom, needs_chromium, small_corpus


def filtered_corpus(tmp_path):
    kept = Corpus([Segment("d", 1, 1, "Harga naik.", "Prices rose.", "imported", scores={"lexical": 0.8, "copy": 0.0}),
                   Segment("d", 2, 1, "Polisi datang.", "Police came.", "imported", scores={"lexical": 0.6, "copy": 0.0})])
    path = tmp_path / "filtered.jsonl"
    records = [{**Segment("d", 3, 1, "Harga naik.", "Harga naik.", "imported", scores={"lexical": 1.0, "copy": 1.0}).to_dict(),
                "reasons": ["untranslated: target is the source copied", "language: target looks like 'id'"]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return kept, read_filtered(path)


def test_removed_pairs_are_rows_with_their_reasons(tmp_path):
    kept, removed = filtered_corpus(tmp_path)
    report = build_report(kept, filtered=removed)
    row = report.rows[-1]
    assert row["status"] == "removed" and row["flags"] == ["removed:untranslated", "removed:language"]
    assert row["reasons"][0].startswith("untranslated:") and row["scores"]["copy"] == 1.0
    assert report.summary["filter"] == {"kept": 2, "removed": 1, "by_filter": {"untranslated": 1, "language": 1}}
    assert [chart["title"].split(":")[0] for chart in report.score_charts] == ["lexical", "copy"]
    assert "blue kept, red removed" in report.score_charts[0]["title"]


def test_every_figure_says_what_it_counts():
    html = render(build_report(small_corpus()))
    assert "sources or names translated in several ways" in html and "segments flagged unmet-term" in html
    assert "HTER (edits per 100 words of the reviewed text)" in html
    assert "segments of status reviewed" in html


@needs_chromium
def test_the_first_screen_reaches_the_segments_and_removed_pairs_show(tmp_path):
    from lxml import html

    assert CHROMIUM
    kept, removed = filtered_corpus(tmp_path)
    page = write_report(kept, tmp_path / "r.html", filtered=removed)
    tree = html.fromstring(dump_dom(page, "?status=removed")[0])
    rows = tree.xpath('//tbody[@id="rows"]/tr')
    assert [row.get("id") for row in rows] == ["d:3:1"] and rows[0].xpath('.//div[@class="reasons"]')
    body = tree.body
    # the segments come before the figures: the key figures are one line above them
    assert body.index(tree.xpath('//h2')[0]) < body.index(tree.xpath('//details[@id="figures"]')[0])
