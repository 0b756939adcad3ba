"""Where the article is on its page: from its title to the end of its text.

A line that reads as prose starts or extends a *run*; short neutral lines (headings,
captions, an ad line) may sit inside one, up to MAX_GAP in a row; a date, a list item or a
counter ends it (those mark lists of other articles). The article's *core* is its
heaviest run (on an HTML page, prose the main-content extractor also chose weighs more,
and the run must follow the page's declared title when there is one). Runs after the core
join the article when only neutral lines lie between: no end marker (tags, share bars,
comments, the editor's credit, a list of related articles) and no evidence of a list of
other articles (a date line, a title with its date, a summary cut off with "...", a
kicker repeated down the page). After the last run, a list the article introduces ("...
berikut:", numbered items) belongs to it up to the next end marker, and so do lines up to
the editor's initials ("(mdk/yan)") that close many articles.

The title is the line the HTML page declares, or else a heading-shaped line before the
core that is not part of a menu, preferring one the page prints again (as an image
caption, in the breadcrumb). The idea is jusText's context smoothing, written for news
pages; every step is one pass over the lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bitext.cleaning.line_features import LineFeatures

if TYPE_CHECKING:
    from bitext.cleaning.blocks import Block

MAX_GAP = 4  # neutral lines in a row inside one run
LINK_GAP = 12  # neutral lines between two runs of one article
TRAIL = 40  # lines after the last run in which a list of the article or the editor's initials may end it
TITLE_WINDOW = 30  # lines before the core in which its title may stand
TITLE_WORDS = (3, 25)
SHORT_TITLE = 3
TITLE_REACH = 15  # a candidate that is no title (a name, a credit) yields to one this many lines above it
MENU_ITEMS = 6  # items of a menu in a row, above which no title of the article is looked for
TITLE_CHOICES = 3  # the nearest candidates among which one printed twice is preferred
UNMAIN_WEIGHT = 0.3  # prose the HTML extractor left out counts this much
AFTER_RELATED = 200  # characters of prose a run after a "read also" list needs to be the article going on
MENU_WORDS = 3
CARDS = 2  # cards after the text that show the list's shape
CARD_REACH = 30  # lines after the text in which they are looked for
SHORT_GAP = 6  # lines of an embedded post (text, author, date) between two parts of one article  # menu items are short; a title of more words is never taken for one


@dataclass(frozen=True)
class Evidence:
    """What the cleaner knows of each line beyond its shape, for placing the article."""

    stop: Sequence[bool]  # an end marker: tags, share bar, comments, editor's credit, related list header
    listing: Sequence[bool]  # evidence of a list of other articles: dates, dated titles, cut summaries
    initials: Sequence[bool]  # ends with an editor's initials: "(mdk/yan)", "[ab/th]"
    repeated: Callable[[int], bool]  # the line's text stands elsewhere on the page too
    captioned: Callable[[int], bool]  # ends with a photo credit: a caption, never the title
    main: Sequence[bool] | None = None  # HTML: in the main-content extractor's choice


@dataclass(frozen=True)
class Region:
    """The article's lines: ``start`` (its title, or its first line) to ``end``, inclusive;
    ``body`` is the first line of its text (the lines from ``start`` up to it are its
    header: title, kicker, date, byline, photo)."""

    start: int
    body: int
    end: int
    title: int | None


def prose_runs(blocks: list[Block], features: list[LineFeatures], stop: Sequence[bool] | None = None
               ) -> list[list[int]]:
    """Indices of each run of prose lines (with the short lines inside it); an end marker
    (``stop``) ends a run too."""
    runs: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for index, (block, shape) in enumerate(zip(blocks, features)):
        if block.kind == "body" and shape.prose:
            current.append(index)
            gap = 0
        elif current and gap < MAX_GAP and not ends_run(block, shape) and not (stop and stop[index]):
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
    related_item = (block.kind == "related" and block.rule != "related-header") or block.rule == "dated-title"
    return block.kind == "dateline" or related_item or shape.bullet or shape.counter


def find_region(blocks: list[Block], features: list[LineFeatures], evidence: Evidence,
                declared_title: int | None = None) -> Region | None:
    """The article's region (see the module docstring); None when the page has no prose."""
    runs = prose_runs(blocks, features, evidence.stop)
    if not runs:
        return None
    core = _core(runs, blocks, evidence, declared_title)
    first, last = runs[core][0], runs[core][-1]
    for run in runs[core + 1 :]:
        if not _joins(blocks, features, evidence, last + 1, run[0], run):
            break
        if _crosses_related(blocks, last + 1, run[0]) and _prose_weight(blocks, run) < AFTER_RELATED:
            break  # a line or two after a list of other articles: a notice, not the article going on
        last = run[-1]
    title = declared_title if declared_title is not None and declared_title < first else None
    if title is None:
        for run in reversed(runs[:core]):
            if not _joins(blocks, features, evidence, run[-1] + 1, first, run):
                break
            first = run[0]
        title = title_line(blocks, features, evidence, first)
    last = _without_first_card(blocks, features, evidence, runs, last)
    end = _trailing_end(blocks, features, evidence, last)
    return Region(title if title is not None else first, first, end, title)


def _core(runs: list[list[int]], blocks: list[Block], evidence: Evidence, declared_title: int | None) -> int:
    """The heaviest run, after the declared title when there is one."""
    def weight(run: list[int]) -> float:
        total = 0.0
        for index in run:
            if blocks[index].kind == "body":
                length = len(blocks[index].original)
                total += length if evidence.main is None or evidence.main[index] else UNMAIN_WEIGHT * length
        return total

    weights = [0.0 if _introduced_by_list(blocks, evidence, run[0]) else weight(run) for run in runs]
    candidates: Sequence[int] = range(len(runs))
    if declared_title is not None:
        after = [i for i in candidates if runs[i][0] > declared_title]
        candidates = after or candidates
    return max(candidates, key=lambda i: (weights[i], -i))


def _introduced_by_list(blocks: list[Block], evidence: Evidence, start: int) -> bool:
    """The run right after a header of a list of other articles ("Foto terkait:") is that
    list's text, not the article."""
    for index in range(start - 1, -1, -1):
        if blocks[index].rule in ("navigation", "widget-word"):
            continue
        return evidence.stop[index] and blocks[index].rule == "related-header"
    return False


def _crosses_related(blocks: list[Block], start: int, stop: int) -> bool:
    return any(blocks[index].rule == "related-header" for index in range(start, stop))


def _prose_weight(blocks: list[Block], run: list[int]) -> int:
    return sum(len(blocks[index].original) for index in run if blocks[index].kind == "body")


def _joins(blocks: list[Block], features: list[LineFeatures], evidence: Evidence, start: int, stop: int,
           other: list[int]) -> bool:
    """Lines ``start`` to ``stop - 1`` may sit inside one article, whose run ``other``
    lies beyond them: no end marker, at most LINK_GAP neutral lines (the items of a
    bulleted or numbered list not counted), and no list evidence, but for one line in a
    short gap before a run of several paragraphs (an embedded post with its date: a
    list of other articles gives each a line or two)."""
    neutral = listing = 0
    substantial = (sum(1 for index in other if features[index].prose) >= 2
                   and _prose_weight(blocks, other) >= AFTER_RELATED and stop - start <= SHORT_GAP)
    for index in range(start, stop):
        if evidence.stop[index]:
            return False
        if evidence.listing[index]:
            listing += 1
            if listing > 1 or not substantial:
                return False
        if blocks[index].kind == "body" and not (features[index].bullet or features[index].numbered):
            neutral += 1
            if neutral > LINK_GAP:
                return False
    return True


def _without_first_card(blocks: list[Block], features: list[LineFeatures], evidence: Evidence,
                        runs: list[list[int]], last: int) -> int:
    """A list of cards (summary, date, title, repeated) can start right after the text, its
    first summary read as the article's last paragraph: when the line after ``last`` is
    list evidence and CARDS more prose lines each followed by list evidence come after, the
    article ends at the paragraph before."""
    def card(index: int) -> bool:
        return (blocks[index].kind == "body" and features[index].prose
                and any(evidence.listing[i] for i in range(index + 1, min(len(blocks), index + 3))))

    if not card(last):
        return last
    following = sum(1 for index in range(last + 1, min(len(blocks), last + 1 + CARD_REACH)) if card(index))
    if following < CARDS:
        return last
    run = next((run for run in runs if last in run), [])
    before = [index for index in run if index < last and blocks[index].kind == "body" and features[index].prose]
    return before[-1] if before else last


def _trailing_end(blocks: list[Block], features: list[LineFeatures], evidence: Evidence, last: int) -> int:
    """The last line of the article: the last run's, or further when a list the article
    introduces, or its editor's initials, follow before any end marker."""
    limit = min(len(blocks), last + 1 + TRAIL)
    numbered = items = 0
    introduced = False
    end = last
    for index in range(last + 1, limit):
        listed = numbered >= 2 or (introduced and items >= 2)
        if evidence.stop[index] or evidence.listing[index]:
            return end if listed else last  # a list the article introduced ends at the marker
        shape = features[index]
        if blocks[index].kind == "body":
            if evidence.initials[index]:
                return index
            if shape.prose and not shape.numbered:
                return end if listed else last  # prose that did not join the article
            numbered += shape.numbered
            if introduced:
                items += 1
            introduced = introduced or (shape.list_intro and shape.words <= 20)
            end = index
    listed = numbered >= 2 or (introduced and items >= 2)
    return end if listed and limit == len(blocks) else last  # the page ends after the list


def title_line(blocks: list[Block], features: list[LineFeatures], evidence: Evidence, first: int) -> int | None:
    """A heading-shaped line before the article's first line that is not part of a menu,
    the nearest one the page prints again, else the nearest one."""
    window = range(max(0, first - TITLE_WINDOW), first)
    short = {i: blocks[i].kind == "body" and not features[i].terminal and features[i].words <= MENU_WORDS
             for i in window}
    candidates = []
    menu_run = 0
    for index in reversed(window):
        shape = features[index]
        if blocks[index].rule == "menu-item" and shape.words <= MENU_WORDS + 2:
            menu_run += 1
        elif blocks[index].rule != "navigation":  # an empty bullet or an icon keeps the menu going
            menu_run = 0
        if menu_run >= MENU_ITEMS:
            break  # a menu: the article's header lies below it (a share bar has fewer items)
        if blocks[index].kind != "body" or shape.bullet or not TITLE_WORDS[0] <= shape.words <= TITLE_WORDS[1]:
            continue
        if shape.terminal and not (shape.ends_exclaiming or shape.truncated):
            continue
        if shape.lowercase or evidence.stop[index] or (evidence.listing[index] and not shape.truncated):
            continue
        if evidence.captioned(index) or _icons(blocks[index].original):
            continue
        if _in_menu(index, short):
            continue
        candidates.append(index)
    if not candidates:
        return None
    nearest = candidates[0]
    longer = [index for index in candidates if features[index].words > SHORT_TITLE]
    for index in longer[:TITLE_CHOICES]:
        if evidence.repeated(index):
            return index  # printed again as its photo's caption or in the breadcrumb
    titled = [index for index in candidates if _title_like(features[index]) and nearest - index <= TITLE_REACH]
    if titled and not _before_byline(blocks, titled[0]):
        for index in titled[1:]:
            if _before_byline(blocks, index):
                return index  # the title stands over its byline or date; a caption stands under them
    if not _title_like(features[nearest]) and titled:
        return titled[0]  # a name, a kicker or a credit stands between the title and the text
    return nearest


def _before_byline(blocks: list[Block], index: int) -> bool:
    """The line has a byline or date under it (past icons and empty widgets)."""
    for following in blocks[index + 1 : index + 4]:
        if following.kind in ("byline", "dateline"):
            return True
        if following.rule != "navigation":
            return False
    return False


def _icons(text: str) -> bool:
    """Two or more bracketed image names ("[sh-fb] Share 0 [sh-tw]"): a widget, never a title."""
    return text.count("[") >= 2


def _title_like(shape: LineFeatures) -> bool:
    """Five words or more, or four shaped like a headline; a name or a credit is shorter."""
    return shape.words >= 5 or (shape.words == 4 and shape.headline)


def _in_menu(index: int, short: dict[int, bool]) -> bool:
    """Three short lines in a row, this one among them: a menu."""
    if not short.get(index):
        return False
    for begin in range(index - 2, index + 1):
        if all(short.get(i, False) for i in range(begin, begin + 3)):
            return True
    return False
