"""Where a line sits: the article is the page's longest run of prose.

A line that reads as prose starts or extends a run; short neutral lines (headings,
captions, an ad line) may sit inside one, up to MAX_GAP in a row; a date, a list item or a
counter ends it (those mark lists of other articles). Runs with less than MIN_SHARE of the
longest run's prose are other articles' teasers. The title is a heading-shaped line just
before the article that is not part of a run of short lines (a menu), or the title an
HTML page declares. The idea is jusText's context smoothing, written for news pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bitext.cleaning.line_features import LineFeatures

if TYPE_CHECKING:
    from bitext.cleaning.blocks import Block

MAX_GAP = 4
MIN_SHARE = 0.3
TITLE_WINDOW = 10  # non-empty lines before the article in which its title may stand


def mark_outside_main_text(blocks: list[Block], features: list[LineFeatures]) -> None:
    """Drop what lies outside the article's runs of prose (see the module docstring)."""
    runs = prose_runs(blocks, features)
    if not runs:
        return  # no running text at all: leave the page to the other rules
    weights = [sum(len(blocks[i].original) for i in run if features[i].prose) for run in runs]
    best = max(weights)
    kept_runs = [run for run, weight in zip(runs, weights) if weight >= MIN_SHARE * best]
    inside = {i for run in kept_runs for i in range(run[0], run[-1] + 1)}
    first = min(inside)
    titles = title_candidates(blocks, features, first)
    for index, block in enumerate(blocks):
        if index in inside or index in titles or block.kind != "body" or block.title:
            continue
        block.kind, block.reason = "boilerplate", "outside the article's main text"

def mark_page_title(blocks: list[Block], title: str) -> None:
    """An HTML page names its title: that line is the heading wherever it stands."""
    for block in blocks:
        if title and block.original == title:
            block.kind, block.reason, block.keep = "heading", "the page's title", None
            block.title = True
            return

def prose_runs(blocks: list[Block], features: list[LineFeatures]) -> list[list[int]]:
    """Indices of each run of prose lines (with the short lines inside it)."""
    runs: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for index, (block, shape) in enumerate(zip(blocks, features)):
        if block.kind == "body" and shape.prose:
            current.append(index)
            gap = 0
        elif current and gap < MAX_GAP and not ends_run(block, shape):
            gap += 1  # a heading, a caption, an ad line or a "read also" inside the article
        else:
            if current:
                runs.append(current)
            current, gap = [], 0
    if current:
        runs.append(current)
    return runs

def ends_run(block: Block, shape: LineFeatures) -> bool:
    """Lines that mark a list of other articles, never the inside of one: a date or
    time, an item of a related list, a bulleted line, a counter."""
    related_item = block.kind == "related" and block.reason != "related-articles header"
    return block.kind == "dateline" or related_item or shape.bullet or shape.counter

def title_candidates(blocks: list[Block], features: list[LineFeatures], first: int) -> set[int]:
    """Heading-shaped lines just before the article (its title, a kicker), unless they
    belong to a run of short lines (a menu)."""
    window = range(max(0, first - TITLE_WINDOW), first)
    short = [blocks[i].kind == "body" and not features[i].prose and not features[i].terminal for i in window]
    menu = set()
    for position, index in enumerate(window):
        neighbourhood = short[max(0, position - 2) : position + 3]
        if short[position] and any(all(neighbourhood[k : k + 3]) and len(neighbourhood[k : k + 3]) == 3
                                   for k in range(len(neighbourhood))):
            menu.add(index)
    return {index for index in window if index not in menu and blocks[index].kind == "body"
            and 3 <= features[index].words <= 25 and not features[index].bullet}
