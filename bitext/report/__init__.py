"""``bitext report``: one self-contained HTML page to review a corpus.

    from bitext.report import write_report
    write_report(corpus, "report.html", glossary)
"""

from bitext.report.page import Report, build_report, read_filtered, write_report

__all__ = ["Report", "build_report", "read_filtered", "write_report"]
