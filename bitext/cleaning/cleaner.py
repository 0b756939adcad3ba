"""Classify the paragraphs of a scraped news page and keep what a corpus wants.

Every paragraph gets a class: ``body``, ``heading`` and ``caption`` are kept; ``byline``,
``credit``, ``dateline``, ``boilerplate``, ``teaser``, ``related`` and ``duplicate`` are
dropped. Parts of kept paragraphs are stripped too: a dateline lead (``TEMPO.CO, Jakarta
-``), a photo credit (``(Gavriil Grigorov/ Pool / AFP)``, ``© Reuters``), editor initials
(``[ab/th]``), a teaser glued to the next sentence (``BACA JUGA: ...Karpet MerahMedia Rusia
...``). Everything dropped or stripped is reported as a :class:`Removal` with the name of
the rule and the evidence, so nothing is lost and every decision can be checked
(``bitext segment --explain``).

The rules look at the shape of a line (:mod:`bitext.cleaning.line_features`), where it sits
on the page (:mod:`bitext.cleaning.main_text`: the article runs from its title to the end
of its text), repetition within the page, the structure of an HTML page when there is one
(links, lists, captions, menus, the extractor's choice: :mod:`bitext.ingest.html_page`) and
a vocabulary of widget words kept as data (``bitext/data/boilerplate-id.txt``), never at
the sentences of particular pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bitext.cleaning.blocks import STRIP_RULES, Block, Decision, Removal
from bitext.cleaning.credits import CreditRules
from bitext.cleaning.line_features import HEADLINE_WORDS, LineFeatures, line_features, navigation_reason
from bitext.cleaning.main_text import Evidence, Region, find_region
from bitext.data import SectionedLists, packaged, sectioned_entries
from bitext.ingest.reader import Document

SECTIONS = ("widget", "related-header", "teaser-prefix", "byline-label", "agency", "notice-label", "end-marker")

_MONTHS = (
    r"(?:Jan(?:uari|uary)?|Feb(?:ruari|ruary)?|Mar(?:et|ch)?|Apr(?:il)?|Mei|May|Jun[ie]?|"
    r"Jul[iy]?|Agu(?:stus)?|Agt|Aug(?:ust)?|Sep(?:tember)?|Sept|Okt(?:ober)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Des(?:ember)?|Dec(?:ember)?)"
)
_DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s?(?:WIB|WITA|WIT|GMT|UTC)(?:\s?[+-]\s?\d{1,2})?)?"
_TIMESTAMP = re.compile(
    rf"^(?:(?:Diperbarui|Dipublikasikan|Terbit|Updated|Published)\s?:?\s?)?(?:{_DAYS},?\s)?"
    rf"(?:\d{{1,2}}\s{_MONTHS}\.?\s\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:\s?[,|\-–]?\s?(?:pukul\s)?{_TIME})?$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"^(?:\d+|se)\s?(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?)"
    r"\s(?:yang\s)?(?:lalu|ago)$",
    re.IGNORECASE,
)
# A lead before the first sentence: "TEMPO.CO, Jakarta - ", "REPUBLIKA.CO.ID, MOSKOW -- ",
# "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", a city in capitals: "SEMARANG - ",
# the outlet alone: "Merdeka.com - ", "Bola.net - ". Each part is bounded, so a long line
# is tried in linear time.
_DATELINE_LEAD = re.compile(
    r"^(?:[A-Z][A-Z0-9.]{0,40}[A-Z0-9](?:\.[A-Za-z]{2,6}){0,3}(?:,\s?[A-Z][\w.]{0,40}(?:\s[A-Z][\w.]{0,40})?)"
    r"|[A-Z][\w.]{0,40}(?:\s[A-Z][\w.]{0,40})?(?:,\s?[A-Z][\w.]{0,40})?\s?\([A-Z][\w .]{0,40}\)"
    r"|[A-Z][\w]{0,40}(?:\.[a-z]{2,6}){1,3}(?:\s[A-Z][\w]{0,40}(?:\.[a-z]{2,6}){1,3})?"
    r"|[A-Z][A-Za-z]{1,40}(?:Sport|News|com|COM|CO)"
    r"|[A-Z]{3,}(?:\s[A-Z]{3,})?)"
    r"\s?(?:--|-|–|—)\s(?=[\"“‘A-Z])"
)
_EDITOR_INITIALS = re.compile(r"\s*[\[(]\s*[A-Za-z]{1,8}(?:\s?/\s?[a-z*]{1,8}){1,3}\s*[\])]\s*$|\s*\((?:\*|red|ant|[a-z]{2,5})\)\s*$")
_CAPTION_MARKER = re.compile(r"^(?:FILE|FOTO|ARSIP|ILUSTRASI)\s?(?:-|–|—|:)\s")
_LABELLED = re.compile(r"^([A-Za-z]+)\s?:\s?\S")
_DOTTED_LABEL = re.compile(r"^([A-Za-z]+)\.\s[A-Z][^.!?]{0,60}$")  # "Editor. Iwan Setiawan"
_DOMAIN_LINE = re.compile(r"^[\w-]+(?:\.[\w-]+){0,4}\.(?:com|co|id|net|org|co\.id|or\.id|go\.id|tv|news)$", re.I)
_TINY_CAPS_LINE = re.compile(r"^(?:[A-Z][A-Z+-]?|A[+-])(?:\s(?:[A-Z][A-Z+-]?|A[+-]))*$")
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_GLUE = re.compile(r"(?<=[a-z0-9”\")])(?=[A-Z][a-z])")
_TRAILING_TEASER = re.compile(r"(?<=[.!?”\"])\s+(?P<label>(?:Baca|Simak|Lihat|Tonton)\s(?:[Jj]uga|[Pp]ula|JUGA|PULA))\s?[:\-–]\s")
_PLACEHOLDERS = re.compile(r"\[[^\[\]]{0,80}\]")  # "[fb-icon]": an image the text dump names
# An embedded post: a tweet's picture link, a t.co link, "— Name (@handle) January 30, 2017",
# "A video posted by Name (@handle)".
_EMBEDDED = re.compile(r"pic\.twitter\.com/|https?://t\.co/|^[—–-]\s.{1,60}\(@\w{1,30}\)"
                       r"|^An? (?:video|photo|post) (?:posted|shared) by ")
_AUTHOR_OUTLET = re.compile(r"^[A-Z][\w.'-]{1,30}(?:\s[A-Z][\w.'-]{0,30}){0,3}\s[-–]\s(?:[a-z]+[A-Z]\w{1,30}|[\w-]{2,40}\.[a-z]{2,6}(?:\.[a-z]{2,3})?)$")
_BY_NAME = re.compile(r"^(?i:by|oleh)\s[A-Z][\w.'-]{0,30}(?:\s[\w.'@-]{1,30}){0,6}$")
_INITIALS_ALONE = re.compile(r"^[(\[][A-Za-z]{2,6}(?:\s?/\s?[A-Za-z]{2,6}){0,3}[)\]]$")  # "(ASM)", "[ab/th]"
_PAGINATION = re.compile(r"^(?:(?:halaman|page)\s?\d{1,3}\s(?:dari|of)\s\d{1,3}|\d{1,3}\s(?:dari|of)\s\d{1,3}\s(?:halaman|pages?))$",
                         re.IGNORECASE)
_CAPS_WORD = re.compile(r"^[A-Z][A-Z.&'-]*$")
_LEAD_ALONE = re.compile(r"^[A-Z][\w.]{0,40}(?:\s[A-Z][\w.]{0,40})?,?\s?\(?[\w.]{2,40}\)?\s?(?:--|-|–|—)$")
_INNER_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?]\s[A-Z]")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")  # "buruh-harus-bangun-industrialisasi"
TAIL = 100  # characters at a line's end in which what closes it (initials, a credit) is looked for
TITLE_ECHO = 8  # lines around a title in which the page prints it again (caption, breadcrumb)
ECHO_EXTRA = 6  # words a copy of the title may carry besides it (a credit, the breadcrumb's path)
GLUED_BODY_WORDS = 8  # a teaser glued to the next sentence leaves this many words of it (not "...Pay yang Baru!")
CREDIT_ECHO_MIN = 4  # words of a caption that a copy with a credit must repeat
PULL_WORDS = 8  # a line this long held whole by another paragraph is printed twice
PULL_PAGE = 200_000  # characters of kept text above which pull quotes are not looked for
MAX_RELATED_ITEMS = 8  # titles taken after a "read also" header that has no other list marks


def repair_mojibake(text: str) -> str:
    """Text that was UTF-8 read as Latin-1 or Windows-1252 ("CafÃ©") put right ("Café"),
    by ftfy; only the encoding is fixed (quotes, dashes and widths stay as written)."""
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_encoding(text)


@dataclass
class Vocabulary(SectionedLists):
    """The cleaner's word lists, by section."""

    packaged_name = "boilerplate-id.txt"
    what = "boilerplate"
    widget: set[str] = field(default_factory=set)
    related_header: set[str] = field(default_factory=set)
    teaser_prefix: list[str] = field(default_factory=list)
    byline_label: set[str] = field(default_factory=set)
    agency: set[str] = field(default_factory=set)
    notice_label: set[str] = field(default_factory=set)
    end_marker: set[str] = field(default_factory=set)
    teaser_prefixes: dict[str, list[str]] = field(default_factory=dict)  # by first word, lower case

    def update_from_text(self, text: str, name: str) -> None:
        """Add the entries of a boilerplate list (entries before any section header are
        widgets): teaser prefixes as written, also indexed by first word; agencies in lower
        case; the other sections normalised for comparison."""
        for section, line in sectioned_entries(text, name, SECTIONS, "widget"):
            if section == "teaser-prefix":
                self.teaser_prefix.append(line)
                self.teaser_prefixes.setdefault(line.split()[0].lower(), []).append(line)
            elif section == "agency":
                self.agency.add(line.lower())
            else:
                getattr(self, section.replace("-", "_")).add(_key(line))

    def ends_article(self, text: str) -> str | None:
        """The end marker a line is, or opens as a label ("Tags: ...", "Editor: Budi")."""
        key = _key(text)
        if key in self.end_marker:
            return key
        label, colon, _ = text.partition(":")
        if colon and _key(label) in self.end_marker and len(label.split()) <= 3:
            return _key(label)
        return None


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().rstrip(":.").split())


def _words(text: str) -> list[str]:
    return text.split()


@dataclass
class Page:
    """One document being cleaned: its blocks, what each line looks like, and what the
    HTML page says of it (``structure``, None for text)."""

    blocks: list[Block]
    features: list[LineFeatures]
    structure: Sequence | None
    keys: list[str]
    counts: Counter
    title: int | None = None


class Cleaner:
    """Classify paragraphs; :meth:`clean` returns one :class:`Block` per paragraph."""

    def __init__(self, extra_boilerplate: Iterable[str | Path] = (), keep_all: bool = False) -> None:
        self.vocabulary = Vocabulary.default()
        for path in extra_boilerplate:
            self.vocabulary.update_from_file(path)
        self.keep_all = keep_all
        self.function_words = frozenset(
            word for line in packaged("stopwords-id.txt").splitlines() if not line.startswith("#") for word in line.split()
        )
        self.credits = CreditRules(self.vocabulary.agency)
        self.repaired = 0  # paragraphs whose mojibake was repaired, over every clean() call

    # -- public API ---------------------------------------------------------------------

    def clean(self, document: Document) -> list[Block]:
        """One :class:`Block` per paragraph of ``document``, classified."""
        page = self._page(document)
        blocks = page.blocks
        self._classify_lines(page)
        if page.structure is not None:
            from bitext.cleaning.structure import classify_structure

            classify_structure(page.blocks, page.structure, page.features, self.credits)
        page.title = self._mark_page_title(page, getattr(document, "title", ""))
        self._mark_byline_names(blocks)
        self._mark_related_lists(page)
        self._mark_lists_of_articles(page)
        evidence = self._evidence(page)
        region = find_region(blocks, page.features, evidence, page.title)
        if region is not None:
            region = self._apply_region(page, region, evidence)
        self._strip_parts(blocks)
        self._mark_captions_and_duplicates(blocks, region)
        self._mark_headings(blocks, page.features, region)
        if self.keep_all:
            for block in blocks:
                block.text, block.stripped, block.keep = block.original, [], True
        return blocks

    def explain(self, document: Document) -> list[Decision]:
        """How :meth:`clean` decides each paragraph of ``document``: class, kept or
        dropped, the rule and its evidence, the parts stripped (``bitext segment --explain``)."""
        return [Decision.of(document.doc, block) for block in self.clean(document)]

    def removals(self, doc: str, blocks: list[Block]) -> list[Removal]:
        """What :meth:`clean` dropped or stripped, for ``dropped.jsonl``."""
        if self.keep_all:
            return []
        removed = []
        for block in blocks:
            if not block.kept:
                removed.append(Removal(doc, block.paragraph, block.kind, block.reason, block.raw or block.original,
                                       block.rule))
                continue
            for kind, reason, text in block.stripped:
                removed.append(Removal(doc, block.paragraph, kind, reason, text, STRIP_RULES.get(reason, "")))
        return removed

    # -- the page -------------------------------------------------------------------------

    def _page(self, document: Document) -> Page:
        blocks = []
        for number, line in enumerate(document.paragraphs, 1):
            text = repair_mojibake(line)
            blocks.append(Block(number, text, text=text, raw=line if text != line else ""))
        self.repaired += sum(1 for block in blocks if block.raw)
        measured: dict[str, LineFeatures] = {}  # a page repeats its menus: each text is measured once
        features = []
        for block in blocks:
            shape = measured.get(block.original)
            if shape is None:
                shape = measured[block.original] = line_features(block.original, self.function_words)
            features.append(shape)
        structure = getattr(document, "structure", None)
        if structure is not None and len(structure) != len(blocks):
            structure = None  # not the paragraphs it was measured on
        if structure is not None and any(isinstance(line, dict) for line in structure):
            from bitext.ingest.html_page import HtmlLine

            # a document that travelled as JSON (a worker's shard) carries its structure as records
            structure = [HtmlLine(**line) if isinstance(line, dict) else line for line in structure]
        if structure is not None:
            features = [replace(shape, bullet=True) if getattr(line, "tag", "") == "li" and not shape.bullet else shape
                        for shape, line in zip(features, structure)]
        keyed: dict[str, str] = {}
        keys = []
        for block in blocks:
            key = keyed.get(block.original)
            if key is None:
                key = keyed[block.original] = _key(block.original)
            keys.append(key)
        return Page(blocks, features, structure, keys, Counter(keys))

    # -- line shapes ----------------------------------------------------------------------

    def _classify_lines(self, page: Page) -> None:
        decisions: dict[str, tuple[str, str, str] | None] = {}  # each text decided once
        for block, shape in zip(page.blocks, page.features):
            if block.original in decisions:
                decided = decisions[block.original]
            else:
                decided = self._line_kind(block.original, shape)
                if decided is None and not (shape.separators == 1 and self.credits.credited_bar(block.original)):
                    decided = _navigation(shape)
                decisions[block.original] = decided
            if decided:
                block.mark(*decided)

    def _line_kind(self, text: str, shape: LineFeatures) -> tuple[str, str, str] | None:
        """(kind, rule, reason) of a line by its own words and shape, or None."""
        key = _key(text)
        vocabulary = self.vocabulary
        if key in vocabulary.widget or (_PLACEHOLDERS.search(text) and _key(_PLACEHOLDERS.sub(" ", text)) in vocabulary.widget):
            return "boilerplate", "widget-word", f"page widget ({text!r} is in the widget list)"
        if _TINY_CAPS_LINE.match(text):
            return "boilerplate", "size-letters", "page widget (size or menu letters)"
        if _TIMESTAMP.match(text):
            return "dateline", "date-line", "publication date"
        if _RELATIVE_TIME.match(text):
            return "dateline", "relative-time", "relative time of a listed article"
        if key in vocabulary.related_header:
            return "related", "related-header", "related-articles header"
        if self._teaser_prefix(text) is not None:
            return "teaser", "teaser-prefix", "teaser for another article"
        byline = self._byline(text, key)
        if byline is not None:
            return byline
        marker = vocabulary.ends_article(text)
        if marker is not None:
            return "boilerplate", "end-marker", f"closes the article ({marker!r}: tags, sharing, comments, credits)"
        if key in vocabulary.agency:
            return "credit", "agency-name", "an agency's name alone: a photo credit"
        if _DOMAIN_LINE.match(text):
            return "byline", "outlet-name", "outlet name"
        labelled = _LABELLED.match(text)
        if labelled and labelled.group(1).lower() in vocabulary.notice_label:
            return "boilerplate", "site-notice", "site notice"
        if "/" in text and len(_words(text)) <= 8 and not _TERMINAL.search(text) and self.credits.looks_like_credit(text):
            return "credit", "credit-line", "photo credit line"
        words = _words(text)
        if len(words) <= 3 and all(_CAPS_WORD.match(word) for word in words):
            return "byline", "source-in-capitals", "source in capitals"
        if _LEAD_ALONE.match(text):
            return "dateline", "dateline-alone", "a dateline with no text after it"
        if _AUTHOR_OUTLET.match(text):
            return "byline", "author-outlet", "an author's name and the outlet ('Name - detikFinance')"
        if _BY_NAME.match(text):
            return "byline", "byline-by", "byline ('by' or 'oleh' and a name)"
        if _EMBEDDED.search(text):
            return "boilerplate", "embedded-post", "an embedded social-media post (its link or its author's @handle)"
        if _INITIALS_ALONE.match(text):
            return "byline", "initials-alone", "editor's initials on a line of their own"
        if _PAGINATION.match(text):
            return "boilerplate", "pagination", "page numbers of the article"
        return self._dated_or_foreign(text, shape)

    def _byline(self, text: str, key: str) -> tuple[str, str, str] | None:
        labelled = _LABELLED.match(text) or _DOTTED_LABEL.match(text)
        labels = self.vocabulary.byline_label
        if key in labels or (labelled and labelled.group(1).lower() in labels and len(_words(text)) <= 12):
            label = (labelled.group(1) if labelled else text).lower()
            if label in {"foto", "photo", "fotografer"}:
                return "credit", "byline-label", f"photo credit (labelled {label!r})"
            return "byline", "byline-label", f"byline (labelled {label!r})"
        return None

    def _dated_or_foreign(self, text: str, shape: LineFeatures) -> tuple[str, str, str] | None:
        if shape.date_line and shape.dates is not None:
            start, end = shape.dates.spans[0]
            return "dateline", "date-line", f"a date with at most a kicker or a name ({text[start:end]!r})"
        if shape.english:
            return "boilerplate", "english", "a line of English in an Indonesian page"
        if shape.lowercase or _SLUG.match(text):
            return "boilerplate", "lowercase-words", "all lower-case words, no sentence: an image name or a slug"
        return None

    def _teaser_prefix(self, text: str) -> str | None:
        """The teaser prefix ``text`` opens with ("Baca juga: ...", "BACA JUGA ..."), if any.
        Only prefixes sharing the line's first word are tried, and nothing of the rest of
        the line is copied (a line may be megabytes long)."""
        start = 1 if text[:1] in "([" and text.endswith((")", "]")) else 0  # "(Baca juga: Judul Lain)"
        first = text[start : start + 40].split(maxsplit=1)[:1]
        if not first:
            return None
        for prefix in self.vocabulary.teaser_prefixes.get(first[0].lower().rstrip(":"), ()):
            end = start + len(prefix)
            head = text[start:end]
            after = text[end : end + 8].lstrip()[:1]
            if head.lower() == prefix.lower() and after in (":", "-", "–"):
                return prefix
            if prefix.isupper() and head == prefix and text[end : end + 1].isspace():
                return prefix
        return None

    # -- context ----------------------------------------------------------------------------

    def _mark_page_title(self, page: Page, title: str) -> int | None:
        """An HTML page names its title: that line is the heading wherever it stands (the
        copy in its ``<h1>``, else the first that is not a link, else the first)."""
        if not title:
            return None
        found = [index for index, block in enumerate(page.blocks) if block.original == title]
        if not found:
            return None
        structure = page.structure
        if structure is not None:
            found.sort(key=lambda i: (getattr(structure[i], "tag", "") != "h1",
                                      getattr(structure[i], "link_share", 0.0) >= 0.5))
        block = page.blocks[found[0]]
        block.mark("heading", "page-title", "the page's title (as its HTML declares it)")
        block.keep, block.title = None, True
        return found[0]

    def _mark_byline_names(self, blocks: list[Block]) -> None:
        """A label alone ("Reporter") names whoever is on the next short line."""
        for block, following in zip(blocks, blocks[1:]):
            if block.kind in ("byline", "credit") and _key(block.original) in self.vocabulary.byline_label:
                if following.kind == "body" and len(_words(following.original)) <= 4 and not _TERMINAL.search(
                    following.original
                ):
                    following.mark(block.kind, "byline-name", f"name after the label {block.original!r}")

    def _mark_related_lists(self, page: Page) -> None:
        """After a related-articles header, take items while they have a list item's shape:
        a time, a read-more link, a title printed again, a line followed by one of those,
        or (up to MAX_RELATED_ITEMS) a title-shaped line before the text resumes."""
        blocks = page.blocks
        index = 0
        while index < len(blocks):
            if blocks[index].rule == "related-header" and page.keys[index] in self.vocabulary.related_header:
                index = self._take_related_items(page, index + 1)
            else:
                index += 1

    def _is_list_marker(self, block: Block) -> bool:
        """A date or a read-more link: what stands beside each item of a list of articles."""
        return block.kind == "dateline" or block.rule == "widget-word"

    def _take_related_items(self, page: Page, start: int) -> int:
        blocks, features = page.blocks, page.features
        seen: set[str] = set()
        titled_seen: set[str] = set()
        paired = False  # the list prints every title twice (a link, then a heading)
        index = start
        while index < len(blocks):
            block = blocks[index]
            if block.kind != "body":
                if block.kind in ("heading", "caption"):
                    break
                index += 1  # a kicker, a date, an icon or a bullet between the items
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            after = blocks[index + 2] if index + 2 < len(blocks) else None
            shape = features[index]
            twice = following is not None and following.original == block.original
            titled = ((len(titled_seen) < MAX_RELATED_ITEMS or block.original in titled_seen)
                      and shape.words >= 2 and self.credits.credit_tail(block.original) is None
                      and (shape.headline or (not shape.terminal and shape.words <= HEADLINE_WORDS))
                      and not (paired and not twice and block.original not in titled_seen))
            if not (
                block.original in seen
                or (following is not None and self._is_list_marker(following))
                or (after is not None and after.original == block.original)
                or titled
            ):
                break
            block.mark("related", "related-list", "item of a related-articles list")
            if titled:
                paired = paired or (twice and not titled_seen)
                titled_seen.add(block.original)  # a title printed twice (link, then heading) is one item
            seen.add(block.original)
            index += 1
        return index

    def _mark_lists_of_articles(self, page: Page) -> None:
        """Titles with their dates, when the page has two or more (a list of articles), and
        short labels printed three times or more (the kicker of every card of a list)."""
        dated = [i for i, (block, shape) in enumerate(zip(page.blocks, page.features))
                 if (shape.opening_stamp or (shape.dates is not None and shape.dates.found)) and block.kind == "body"
                 and ((shape.dated_title(block.original) and not shape.prose) or shape.stamped_summary)]
        if len(dated) >= 2:
            for index in dated:
                shape = page.features[index]
                assert shape.dates is not None
                start, end = shape.dates.spans[0]
                page.blocks[index].mark("teaser", "dated-title", "a title with its date "
                                        f"({page.blocks[index].original[start:end]!r}): an item of a list of articles")
        spread: dict[str, tuple[int, int]] = {}  # first and last line of each text
        for index, key in enumerate(page.keys):
            first, _ = spread.get(key, (index, index))
            spread[key] = (first, index)
        for index, block in enumerate(page.blocks):
            key = page.keys[index]
            count = page.counts[key]
            if count < 3 or block.kind != "body":
                continue
            shape = page.features[index]
            if (shape.words <= 3 and not shape.prose and not shape.terminal
                    and not _close_together(spread[key], index)):
                block.mark("boilerplate", "repeated-label", f"a short label printed {count} times: a list's kicker")

    def _evidence(self, page: Page) -> Evidence:
        """What places the article: end markers, list evidence, editor's initials."""
        blocks, features = page.blocks, page.features
        stop, listing, initials = [], [], []
        structure = page.structure
        truncated = sum(1 for shape in features if shape.truncated)  # summaries cut off: a list has several
        ends: dict[str, bool] = {}  # each text looked up once
        for index, (block, shape) in enumerate(zip(blocks, features)):
            end_marker = ends.get(block.original)
            if end_marker is None:
                end_marker = ends[block.original] = self.vocabulary.ends_article(block.original) is not None
            list_header = block.rule == "related-header" and page.keys[index] in self.vocabulary.end_marker
            chrome = structure is not None and getattr(structure[index], "chrome", "") in ("comment", "share", "related")
            stop.append(end_marker or list_header or chrome)
            listing.append(block.kind == "dateline" or block.rule in ("dated-title", "repeated-label")
                           or (shape.counter and not shape.terminal and not shape.numbered)
                           or (shape.truncated and truncated >= 2)
                           or (block.rule == "related-list" and _after_list_header(page, index)))
            initials.append(shape.words >= 2 and bool(_EDITOR_INITIALS.search(block.original[-TAIL:])))
        main = None
        if structure is not None and any(getattr(line, "main", False) for line in structure):
            main = [bool(getattr(line, "main", False)) for line in structure]

        def repeated(index: int) -> bool:
            """Printed again close by: as its photo's caption, at the end of the breadcrumb."""
            key = page.keys[index]
            around = range(max(0, index - TITLE_ECHO), min(len(page.keys), index + TITLE_ECHO + 1))
            return any(_echoes(page.keys[other], key) for other in around if other != index)

        def captioned(index: int) -> bool:
            return self.credits.credit_tail(blocks[index].original) is not None

        return Evidence(stop, listing, initials, repeated, captioned, main)

    def _apply_region(self, page: Page, region: Region, evidence: Evidence) -> Region:
        """Drop what lies outside the article; in its header (between the title and the
        text), drop title-shaped lines other than the title (kickers, names, other
        articles' titles); inside, a list the text introduces is the article's, and a
        short line in capitals before more text is a heading, not a source."""
        blocks, features = page.blocks, page.features
        if region.title is not None and blocks[region.title].kind == "body":
            blocks[region.title].mark("heading", "title", "the article's title (the title-shaped line before its text)")
        end = region.end
        if evidence.main is not None:
            end = _extend_with_main(blocks, evidence, end)
        for index in range(region.body, end):
            if blocks[index].rule == "source-in-capitals" and blocks[index + 1].kind == "body":
                blocks[index].mark("heading", "caps-heading", "a short line in capitals with the article's text after it")
        for index, block in enumerate(blocks):
            if block.title or index == region.title or block.kind not in ("body", "heading", "caption"):
                continue
            if index < region.start:
                block.mark("boilerplate", "outside-main-text", "before the article (its title, or its text)")
            elif index > end:
                block.mark("boilerplate", "outside-main-text", "after the article's text ends")
            elif (index < region.body and region.title is not None and index > region.title
                  and page.keys[index] != page.keys[region.title] and page.keys[index].startswith(page.keys[region.title])):
                block.mark("duplicate", "title-echo", f"the title (paragraph {blocks[region.title].paragraph}) "
                           "printed again with other words glued to it")
            elif index < region.body and block.kind != "caption" and self._header_title_shape(block, features[index]):
                block.mark("boilerplate", "header-zone",
                           "between the title and the text: a kicker, a name or another article's title")
        _restore_article_lists(blocks, features, region.body, end)
        return Region(region.start, region.body, end, region.title)

    def _header_title_shape(self, block: Block, shape: LineFeatures) -> bool:
        """A line without a sentence (a title, a kicker, a name, a button: "LINE it!"), and
        no photo credit to make it a caption."""
        sentence = shape.terminal or _INNER_SENTENCE.search(block.original) is not None
        if shape.prose or (sentence and not shape.headline and shape.words >= 4):
            return False
        return self.credits.credit_tail(block.original) is None

    def _strip_parts(self, blocks: list[Block]) -> None:
        """Strip the kept paragraphs' parts (see :meth:`_strip_block`); a line the page
        prints again is stripped once and the result reused."""
        done: dict[tuple[str, str], tuple[str, str, str, str, list[tuple[str, str, str]]]] = {}
        for block in blocks:
            if block.kind == "teaser":
                self._split_glued_teaser(block)
            if block.kind not in ("body", "caption"):
                continue
            pristine = block.text == block.original and not block.stripped
            before = (block.original, block.kind)
            if pristine and before in done:
                block.kind, block.rule, block.reason, block.text, stripped = done[before]
                block.stripped = list(stripped)
                continue
            self._strip_block(block)
            if pristine:
                done[before] = (block.kind, block.rule, block.reason, block.text, list(block.stripped))

    def _strip_block(self, block: Block) -> None:
        """Strip a kept paragraph's dateline lead, initials, trailing teaser, caption
        marker and photo credit."""
        self._strip(block, _DATELINE_LEAD, "dateline", "dateline lead")
        self._strip(block, _EDITOR_INITIALS, "byline", "editor initials", tail=True)
        self._strip_trailing_teaser(block)
        if self._strip(block, _CAPTION_MARKER, "caption", "caption marker"):
            block.mark("caption", "caption-marker", "starts with a caption marker")
        if self._strip_credit(block) and block.kind == "body":
            block.mark("caption", "photo-credit", "ends with a photo credit")

    def _strip(self, block: Block, pattern: re.Pattern[str], kind: str, reason: str, tail: bool = False) -> bool:
        """Remove what ``pattern`` matches from a kept paragraph, unless nothing would remain;
        ``tail``: the pattern closes the line, so only its last TAIL characters are searched."""
        offset = max(0, len(block.text) - TAIL) if tail else 0
        match = pattern.search(block.text, offset)
        if not match:
            return False
        return self._cut(block, match.start(), match.end(), kind, reason)

    def _cut(self, block: Block, start: int, end: int, kind: str, reason: str) -> bool:
        remaining = (block.text[:start] + block.text[end:]).strip()
        if not remaining or not any(ch.isalnum() for ch in remaining):
            return False
        block.stripped.append((kind, reason, block.text[start:end].strip()))
        block.text = remaining
        return True

    def _strip_credit(self, block: Block) -> bool:
        span = self.credits.credit_tail(block.text)
        return span is not None and self._cut(block, span[0], span[1], "credit", "photo credit")

    def _strip_trailing_teaser(self, block: Block) -> None:
        """'... dalam laga nanti. Simak Juga : Judul Lain.' keeps the sentences before the teaser."""
        match = _TRAILING_TEASER.search(block.text)
        if match and len(_words(block.text[match.start() :])) <= 25:
            self._cut(block, match.start(), len(block.text), "teaser", "teaser after the last sentence")

    def _split_glued_teaser(self, block: Block) -> None:
        """'BACA JUGA: Title Of Another StoryNext sentence of the body.' keeps the body."""
        prefix = self._teaser_prefix(block.original) or ""
        rest = block.original[len(prefix) :]
        for match in _GLUE.finditer(rest):
            body = rest[match.start() :]
            if _TERMINAL.search(body) and len(_words(body)) >= GLUED_BODY_WORDS:
                teaser = block.original[: len(prefix) + match.start()]
                block.mark("body", "", "")
                block.text = body.strip()
                block.stripped.append(("teaser", "teaser glued to the next sentence", teaser.strip()))
                return

    def _mark_captions_and_duplicates(self, blocks: list[Block], region: Region | None = None) -> None:
        self._mark_pull_quotes(blocks, region.body if region is not None else 0)
        seen: dict[str, int] = {}
        for index, block in enumerate(blocks):
            if not block.kept:
                continue
            key = _key(block.text)
            if key in seen:
                block.mark("duplicate", "duplicate", f"repeats paragraph {seen[key]}")
                continue
            echo = self._credited_copy(key, seen)
            if echo is not None:
                block.mark("duplicate", "duplicate", f"repeats paragraph {echo} with a credit after it")
                continue
            seen[key] = block.paragraph
            nearby = blocks[index + 1 : index + 3]
            if block.kind == "body" and (
                any(other.kept and _key(other.text) == key for other in nearby)
                or (nearby and nearby[0].kind == "credit")
            ):
                block.mark("caption", "caption-repeat", "printed twice or followed by a photo credit")

    @staticmethod
    def _credited_copy(key: str, seen: dict[str, int]) -> int | None:
        """The paragraph this line repeats with up to three words after it (a caption
        printed under the image's text with its credit: "... membawa PES Opera News")."""
        words = key.split()
        for cut in range(max(CREDIT_ECHO_MIN, len(words) - 3), len(words)):
            head = " ".join(words[:cut])
            if head in seen:
                return seen[head]
        return None

    def _mark_pull_quotes(self, blocks: list[Block], body: int) -> None:
        """A kept line of PULL_WORDS or more that another, longer kept paragraph of the
        article's text holds whole is a pull quote (or a summary) printed again: a
        duplicate. Skipped on pages whose kept text exceeds PULL_PAGE (no news page is
        that long), so the cost stays bounded."""
        kept = [block for block in blocks if block.kept and block.paragraph > body]
        if sum(len(block.text) for block in kept) > PULL_PAGE:
            return
        keys = [_key(block.text) for block in kept]
        joined = "\n".join(keys)
        for block, key in zip(kept, keys):
            if (block.kind == "body" and len(key.split()) >= PULL_WORDS and joined.count(key) >= 2
                    and keys.count(key) == 1):
                holder = next(other for other, other_key in zip(kept, keys) if other is not block and key in other_key)
                block.mark("duplicate", "pull-quote", f"printed again inside paragraph {holder.paragraph}")

    def _mark_headings(self, blocks: list[Block], features: list[LineFeatures], region: Region | None) -> None:
        """Short lines without a full stop are headings when body text follows them,
        and page furniture when nothing but furniture does (unless they are the end of
        the article: the items of its closing list)."""
        shaped: dict[str, bool] = {}

        def heading_shape(text: str) -> bool:
            if text not in shaped:
                shaped[text] = self._heading_shape(text)
            return shaped[text]

        has_body_after = False
        any_body = any(b.kind == "body" and not heading_shape(b.text) for b in blocks)
        for index in range(len(blocks) - 1, -1, -1):
            block = blocks[index]
            if block.kind == "body" and heading_shape(block.text):
                inside = region is not None and region.body <= index <= region.end
                if has_body_after and not (features[index].numbered or features[index].bullet):
                    block.mark("heading", "heading-shape", "short line without a full stop")
                elif inside:
                    has_body_after = True
                    continue  # an item of the article's list
                elif any_body:
                    block.mark("boilerplate", "trailing-short", "short line after the last body text")
            if block.kind == "body" or block.kind == "caption":
                has_body_after = True

    @staticmethod
    def _heading_shape(text: str) -> bool:
        words = _words(text)
        if text.endswith("?") or text.endswith("!"):
            return len(words) <= 8
        return len(words) <= 20 and not _TERMINAL.search(text)


def _echoes(other: str, key: str) -> bool:
    """``other`` prints the line ``key`` again: the same, or with a few words beside it
    (a credit after it, the breadcrumb's path before it)."""
    if other == key:
        return True
    if other.startswith(key):
        extra = other[len(key) :]
    elif other.endswith(key):
        extra = other[: -len(key)]
    else:
        return False
    return len(extra.split()) <= ECHO_EXTRA or any(mark in extra for mark in ("»", " > ", " / "))


def _close_together(spread: tuple[int, int], index: int, window: int = 5) -> bool:
    """Every other copy of line ``index`` (its text's first and last line: ``spread``)
    stands within ``window`` lines of it (a title and its photo's caption), not spread
    down the page (a list's kickers)."""
    return spread[0] >= index - window and spread[1] <= index + window


def _navigation(shape: LineFeatures) -> tuple[str, str, str] | None:
    reason = navigation_reason(shape)
    if reason is None:
        return None
    rule = "menu-item" if reason == "list item of a menu" else "navigation"
    return "boilerplate", rule, reason


def _after_list_header(page: Page, index: int) -> bool:
    """A related item under a header that lists related articles (not an inline "read also")."""
    for back in range(index - 1, max(-1, index - MAX_RELATED_ITEMS - 12), -1):
        if page.blocks[back].rule == "related-header":
            return page.keys[back] not in _INLINE_HEADERS
    return True


_INLINE_HEADERS = {"baca juga", "baca pula", "simak juga", "lihat juga", "tonton juga", "saksikan juga"}


def _extend_with_main(blocks: list[Block], evidence: Evidence, end: int) -> int:
    """Lines right after the article that the HTML extractor also took for the article
    (skipping what other rules dropped) belong to it, up to an end marker."""
    assert evidence.main is not None
    index = end + 1
    while index < len(blocks) and not evidence.stop[index] and not evidence.listing[index]:
        if blocks[index].kind in ("related", "teaser"):
            break  # a list of other articles closes the article, whatever the extractor took
        if blocks[index].kept:
            if not evidence.main[index]:
                break
            end = index
        index += 1
    return end


def _restore_article_lists(blocks: list[Block], features: list[LineFeatures], start: int, end: int) -> None:
    """Inside the article, bulleted lines after a line that introduces them ("... berikut:")
    are the article's list, not a menu."""
    introduced = False
    for index in range(start, min(end + 1, len(blocks))):
        block, shape = blocks[index], features[index]
        if block.kind == "body":
            introduced = shape.list_intro or (introduced and (shape.bullet or shape.numbered))
        elif introduced and block.rule == "menu-item":
            block.mark("body", "article-list", "an item of a list the article introduces")
        elif block.kind not in ("boilerplate",):
            introduced = False
