"""What an HTML page's structure says of its lines, as cleaning rules.

:mod:`bitext.ingest.html_page` gives each line of a page its evidence (the element it
stands in, the share of its text inside links, the telling container around it, whether
the main-content extractor chose it). These rules turn that into classes, before the
article is placed: a line inside a menu, footer, share bar, comment thread or related
list that the extractor left out is furniture; a line that is (nearly) all link is
another page's title; a figure's caption is a caption, a heading element a heading; a
list item the extractor took for the article is the article's, not a menu's.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.cleaning.blocks import Block
from bitext.cleaning.credits import CreditRules
from bitext.cleaning.line_features import LineFeatures

LINK_SHARE = 0.6  # a line outside the extractor's choice with this much link is another page's title
ALL_LINK = 0.95  # a short line this much link is one wherever it stands
LINK_WORDS = 30
HEADING_WORDS = 25
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def classify_structure(blocks: list[Block], structure: Sequence, features: list[LineFeatures],
                       credits: CreditRules) -> None:
    """Classify lines by the page's structure (see the module docstring)."""
    for block, line, shape in zip(blocks, structure, features):
        main = bool(line.main)
        if block.kind == "boilerplate" and block.rule == "menu-item" and main:
            block.mark("body", "article-list", "a list item the main-content extractor took for the article")
        if block.kind != "body":
            continue
        if line.tag == "img":
            if shape.terminal or credits.credit_tail(block.original) is not None:
                block.mark("caption", "html-image-text", "an image's text that reads as its caption")
            else:
                block.mark("boilerplate", "image-alt", "an image's alternative text, not a caption")
        elif line.chrome and not main:
            block.mark("boilerplate", "html-container", f"inside the page's {line.chrome} (its element or class "
                       "names it), and not in the extractor's article")
        elif shape.words <= LINK_WORDS and (line.link_share >= ALL_LINK and shape.words <= 20
                                            or line.link_share >= LINK_SHARE and not main):
            block.mark("teaser", "html-link", f"a link to another page ({line.link_share:.0%} of its text is a link)")
        elif line.caption:
            block.mark("caption", "html-caption", "an image caption (<figcaption> or an element named caption)")
        elif line.tag in HEADINGS and shape.words <= HEADING_WORDS and not shape.terminal:
            block.mark("heading", "html-heading", f"a heading (<{line.tag}>)")
