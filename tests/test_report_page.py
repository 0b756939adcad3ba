"""bitext report: the page's data, its escaping, and the page in headless Chromium (issue 15)."""

import json
import shutil
import subprocess

import pytest

from bitext.model import Alignment, Corpus, Segment, TermMatch
from bitext.report.page import (
    _json_for_script,
    build_report,
    render,
    word_diff,
    write_report,
)
from bitext.terms.glossary import Glossary

from .conftest import GLOSSARY
from .test_project_carry_over import invoke, review_three_in_po, translate

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
HOSTILE = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


def test_word_diff_shows_what_the_translator_changed():
    assert word_diff("North Korea refused the offer", "The DPRK refused the offer") == [
        ["-", "North Korea"], ["+", "The DPRK"], ["=", "refused the offer"]
    ]


def test_corpus_text_cannot_end_the_data_block():
    text = _json_for_script({"s": "</script><!-- \u2028"})
    assert "<" not in text and json.loads(text) == {"s": "</script><!-- \u2028"}


def small_corpus() -> Corpus:
    return Corpus([
        Segment("a.txt", 1, 1, "Korea Utara menolak.", "North Korea refused.", "reviewed", mt="Korut refused.",
                terms=[TermMatch(0, 11, "Korea Utara", "Korea Utara", "North Korea", True)]),
        Segment("a.txt", 2, 1, "Korea Utara marah.", "Korut was angry.", "mt",
                terms=[TermMatch(0, 11, "Korea Utara", "Korea Utara", "North Korea", False)]),
        Segment("b.txt", 1, 1, HOSTILE, HOSTILE, "mt"),
        Segment("b.txt", 2, 1, "Halo semua.", "Hello all.", "aligned", alignment=Alignment("2-1", 0.81, [2, 3], [2])),
    ], signature="bitext:test")


def test_the_summary_holds_counts_accuracy_flags_and_effort():
    report = build_report(small_corpus())
    summary = report.summary
    assert summary["segments"] == 4 and summary["documents"] == 2
    assert summary["statuses"] == {"reviewed": 1, "mt": 2, "aligned": 1}
    assert (summary["term_accuracy"]["met"], summary["term_accuracy"]["matched"]) == (1, 2)
    assert summary["flags"]["unmet-term"] == 1 and summary["alignments"] == {"2-1": 1}
    assert summary["post_edit"]["reviewed"] == 1  # bitext evaluate's post-edit effort
    reviewed = report.rows[0]
    assert reviewed["diff"] == [["-", "Korut"], ["+", "North Korea"], ["=", "refused."]]
    assert reviewed["target_terms"] == [[0, 11]] or reviewed["target_terms"] == [(0, 11)]


def test_hostile_text_is_only_data_in_the_page():
    html = render(build_report(small_corpus()))
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert html.count("<script") == 2  # the data block and the page's own script


def test_a_store_that_cannot_be_read_is_one_line(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", "utf-8")
    result = invoke("report", path, "-o", tmp_path / "r.html")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def dump_dom(page, query=""):
    """Load the page from disk in headless Chromium, let its script run, return the DOM
    and what the browser logged (console errors land there)."""
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri() + query],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def reviewed_report(tmp_path_factory, tiny_model):
    from .conftest import SEEDS

    root = tmp_path_factory.mktemp("report")
    out = root / "out"
    translate(SEEDS, out, tiny_model)
    ids = review_three_in_po(out / "id-en.po")
    assert invoke("review", "apply", out / "id-en.po", out / "id-en.jsonl").exit_code == 0
    page = root / "report.html"
    result = invoke("report", out / "id-en.jsonl", "-o", page, "-g", GLOSSARY)
    assert result.exit_code == 0, result.output
    return page, ids, out


@pytest.mark.slow
@needs_chromium
def test_the_seeds_report_in_chromium(reviewed_report):
    from lxml import html

    page, ids, out = reviewed_report
    dom, log = dump_dom(page)
    assert console_errors(log) == []
    tree = html.fromstring(dom)
    assert tree.body.get("data-ready") == "yes"
    rows = tree.xpath('//tbody[@id="rows"]/tr')
    records = [json.loads(line) for line in (out / "id-en.jsonl").read_text("utf-8").splitlines()]
    assert [row.get("id") for row in rows] == [record["id"] for record in records]  # every segment, in order
    # the store was translated without a glossary; the report checks it against one
    glossary = Glossary.load(GLOSSARY)
    matches = [m for r in records for m in glossary.check(glossary.match(r["source"]), r["target"])]
    assert len(tree.xpath('//td[@class="source"]/mark')) == len(matches) == 165
    unmet = tree.xpath('//td[@class="source"]/mark[contains(@class, "unmet")]')
    assert len(unmet) == sum(m.met is False for m in matches) > 0
    assert all("NOT met" in mark.get("title") for mark in unmet)
    assert len(tree.xpath('//td[@class="target"]/mark[@class="term met"]')) >= sum(bool(m.met) for m in matches)
    for segment_id in ids:  # reviewed rows show what the translator changed against the MT
        row = tree.xpath(f'//tr[@id="{segment_id}"]')[0]
        assert row.get("data-status") == "reviewed" and row.xpath('.//div[@class="mt"]/ins')


@pytest.mark.slow
@needs_chromium
def test_filters_and_links_work_in_chromium(reviewed_report):
    from lxml import html

    page, ids, _ = reviewed_report
    tree = html.fromstring(dump_dom(page, "?status=reviewed")[0])
    assert [row.get("id") for row in tree.xpath('//tbody[@id="rows"]/tr')] == ids
    assert tree.xpath('//span[@id="shown"]')[0].text.startswith("3 of 160")
    tree = html.fromstring(dump_dom(page, "?text=Pyongyang")[0])
    assert all("pyongyang" in row.text_content().lower() for row in tree.xpath('//tbody[@id="rows"]/tr'))
    # a link to a segment the filter hides shows it anyway, focused
    tree = html.fromstring(dump_dom(page, "?status=reviewed#" + "002_3ffcf151adeb4a7b.txt:5:1")[0])
    focused = tree.xpath('//tr[contains(@class, "focus")]')
    assert [row.get("id") for row in focused] == ["002_3ffcf151adeb4a7b.txt:5:1"]


@needs_chromium
def test_a_script_in_the_corpus_shows_as_text_and_runs_nothing(tmp_path):
    from lxml import html

    page = write_report(small_corpus(), tmp_path / "r.html")
    dom, log = dump_dom(page)
    assert console_errors(log) == []
    tree = html.fromstring(dom)
    assert tree.findtext(".//title") != "pwned"
    assert not tree.xpath('//tbody//img') and not tree.xpath('//tbody//script')
    cells = [cell.text_content() for cell in tree.xpath('//td[@class="source"]')]
    assert HOSTILE in cells
