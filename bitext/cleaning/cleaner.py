"""Classify the paragraphs of a scraped news page and keep what a corpus wants.

Every paragraph gets a class: ``body``, ``heading`` and ``caption`` are kept; ``byline``,
``credit``, ``dateline``, ``boilerplate``, ``teaser``, ``related`` and ``duplicate`` are
dropped. Parts of kept paragraphs are stripped too: a dateline lead (``TEMPO.CO, Jakarta
-``), a photo credit (``(Gavriil Grigorov/ Pool / AFP)``), editor initials (``[ab/th]``),
a teaser glued to the next sentence (``BACA JUGA: ...Karpet MerahMedia Rusia ...``).
Everything dropped or stripped is reported as a :class:`Removal`, so nothing is lost.

The rules look at layout, repetition, shape and a vocabulary of widget words kept as
data (``bitext/data/boilerplate-id.txt``), never at the sentences of particular pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bitext.cleaning.blocks import Block, Removal
from bitext.cleaning.line_features import LineFeatures, line_features, navigation_reason
from bitext.cleaning.main_text import mark_outside_main_text, mark_page_title
from bitext.data import SectionedLists, packaged, sectioned_entries
from bitext.ingest.reader import Document

SECTIONS = ("widget", "related-header", "teaser-prefix", "byline-label", "agency", "notice-label")

_MONTHS = (
    r"(?:Jan(?:uari|uary)?|Feb(?:ruari|ruary)?|Mar(?:et|ch)?|Apr(?:il)?|Mei|May|Jun[ie]?|"
    r"Jul[iy]?|Agu(?:stus)?|Agt|Aug(?:ust)?|Sep(?:tember)?|Sept|Okt(?:ober)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Des(?:ember)?|Dec(?:ember)?)"
)


_DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_TIME = r"\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT|GMT|UTC)(?:\s*[+-]\s*\d+)?)?"

_TIMESTAMP = re.compile(
    rf"^(?:(?:Diperbarui|Dipublikasikan|Terbit|Updated|Published)\s*:?\s*)?(?:{_DAYS},?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:\s*[,|\-–]?\s*(?:pukul\s+)?{_TIME})?$",
    re.IGNORECASE,
)


_RELATIVE_TIME = re.compile(
    r"^(?:\d+|se)\s*(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?)"
    r"\s+(?:yang\s+)?(?:lalu|ago)$",
    re.IGNORECASE,
)


# A lead before the first sentence: "TEMPO.CO, Jakarta - ", "REPUBLIKA.CO.ID, MOSKOW -- ",
# "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", a city in capitals: "SEMARANG - ".
_DATELINE_LEAD = re.compile(
    r"^(?:[A-Z][A-Z0-9.]*[A-Z0-9](?:\.[A-Za-z]{2,})*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)"
    r"|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?:,\s*[A-Z][\w.]*)?\s*\([A-Z][\w .]*\)"
    r"|[A-Z]{3,}(?:\s[A-Z]{3,})?)"
    r"\s*(?:--|-|–|—)\s+(?=[\"“A-Z])"
)


_EDITOR_INITIALS = re.compile(r"\s*[\[(]\s*[A-Za-z]{1,8}(?:\s*/\s*[a-z*]{1,8})+\s*[\])]\s*$|\s*\((?:\*|red)\)\s*$")

_PAREN_TAIL = re.compile(r"\s*\(([^()]{2,160})\)\s*$")

_BARE_CREDIT_TAIL = re.compile(r"(?<=[.!?])\s+([A-Z][^.!?]*?(?:/|\svia\s)[^.!?]*)$")

# "© Reuters", "©2024 AFP/Getty", "© KCNA/Pool" closing a caption: set off by a space
# (or a sentence's end), then only capitalised words, digits and / to the end. A ©
# glued to a word inside a sentence ("Apple© dijual") is text, never a credit.
_COPYRIGHT_TAIL = re.compile(r"(?:(?<=\s)|(?<=[.!?”\")])|^)\s*©\s*(?:\d{4}\s*)?[A-Z][\w.&'-]*(?:\s*[/,]?\s*[A-Z0-9][\w.&'-]*){0,5}\s*$")

_CAPTION_MARKER = re.compile(r"^(?:FILE|FOTO|ARSIP|ILUSTRASI)\s*(?:-|–|—|:)\s+")

_LABELLED = re.compile(r"^([A-Za-z]+)\s*:\s*\S")

_DOMAIN_LINE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|co|id|net|org|co\.id|or\.id|go\.id|tv|news)$", re.I)

_TINY_CAPS_LINE = re.compile(r"^(?:[A-Z][A-Z+-]?|A[+-])(?:\s+(?:[A-Z][A-Z+-]?|A[+-]))*$")

_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")

_GLUE = re.compile(r"(?<=[a-z0-9”\")])(?=[A-Z][a-z])")


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

    def update_from_text(self, text: str, name: str) -> None:
        for section, line in sectioned_entries(text, name, SECTIONS, "widget"):
            if section == "teaser-prefix":
                self.teaser_prefix.append(line)
            elif section == "agency":
                self.agency.add(line.lower())
            else:
                getattr(self, section.replace("-", "_")).add(_key(line))


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().rstrip(":.").split())


def _words(text: str) -> list[str]:
    return text.split()


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
        self.repaired = 0  # paragraphs whose mojibake was repaired, over every clean() call

    # -- public API ---------------------------------------------------------------------

    def clean(self, document: Document) -> list[Block]:
        blocks = []
        for number, line in enumerate(document.paragraphs, 1):
            text = repair_mojibake(line)
            blocks.append(Block(number, text, text=text, raw=line if text != line else ""))
        self.repaired += sum(1 for block in blocks if block.raw)
        features = [line_features(block.original, self.function_words) for block in blocks]
        self._classify_lines(blocks, features)
        mark_page_title(blocks, getattr(document, "title", ""))
        self._mark_byline_names(blocks)
        self._mark_related_lists(blocks)
        mark_outside_main_text(blocks, features)
        self._strip_parts(blocks)
        self._mark_captions_and_duplicates(blocks)
        self._mark_headings(blocks)
        if self.keep_all:
            for block in blocks:
                block.text, block.stripped, block.keep = block.original, [], True
        return blocks

    def removals(self, doc: str, blocks: list[Block]) -> list[Removal]:
        """What :meth:`clean` dropped or stripped, for ``dropped.jsonl``."""
        if self.keep_all:
            return []
        removed = []
        for block in blocks:
            if not block.kept:
                removed.append(Removal(doc, block.paragraph, block.kind, block.reason, block.raw or block.original))
                continue
            for kind, reason, text in block.stripped:
                removed.append(Removal(doc, block.paragraph, kind, reason, text))
        return removed

    # -- line shapes ----------------------------------------------------------------------

    def _classify_lines(self, blocks: list[Block], features: list[LineFeatures]) -> None:
        for block, shape in zip(blocks, features):
            kind_reason = self._line_kind(block.original)
            if kind_reason is None:
                navigation = navigation_reason(shape)
                kind_reason = ("boilerplate", navigation) if navigation else None
            if kind_reason:
                block.kind, block.reason = kind_reason

    def _line_kind(self, text: str) -> tuple[str, str] | None:
        key = _key(text)
        vocabulary = self.vocabulary
        if key in vocabulary.widget:
            return "boilerplate", "page widget"
        if _TINY_CAPS_LINE.match(text):
            return "boilerplate", "page widget (size or menu letters)"
        if _TIMESTAMP.match(text):
            return "dateline", "publication date"
        if _RELATIVE_TIME.match(text):
            return "dateline", "relative time of a listed article"
        if key in vocabulary.related_header:
            return "related", "related-articles header"
        if self._teaser_prefix(text) is not None:
            return "teaser", "teaser for another article"
        labelled = _LABELLED.match(text)
        if key in vocabulary.byline_label or (
            labelled and labelled.group(1).lower() in vocabulary.byline_label and len(_words(text)) <= 12
        ):
            label = (labelled.group(1) if labelled else text).lower()
            return ("credit", "photo credit") if label in {"foto", "photo", "fotografer"} else ("byline", "byline")
        if _DOMAIN_LINE.match(text):
            return "byline", "outlet name"
        if labelled and labelled.group(1).lower() in vocabulary.notice_label:
            return "boilerplate", "site notice"
        if "/" in text and len(_words(text)) <= 8 and not _TERMINAL.search(text) and self._looks_like_credit(text):
            return "credit", "photo credit line"
        words = _words(text)
        if len(words) <= 3 and text.isupper() and not any(ch.isdigit() for ch in text) and not _TERMINAL.search(text):
            return "byline", "source in capitals"
        return None

    def _teaser_prefix(self, text: str) -> str | None:
        for prefix in self.vocabulary.teaser_prefix:
            head = text[: len(prefix)]
            rest = text[len(prefix) :]
            if head.lower() == prefix.lower() and rest.lstrip().startswith(":"):
                return prefix
            if prefix.isupper() and head == prefix and rest[:1].isspace():
                return prefix
        return None

    # -- context ----------------------------------------------------------------------------

    def _mark_byline_names(self, blocks: list[Block]) -> None:
        """A label alone ("Reporter") names whoever is on the next short line."""
        for block, following in zip(blocks, blocks[1:]):
            if block.kind in ("byline", "credit") and _key(block.original) in self.vocabulary.byline_label:
                if following.kind == "body" and len(_words(following.original)) <= 4 and not _TERMINAL.search(
                    following.original
                ):
                    following.kind, following.reason = block.kind, f"name after the label {block.original!r}"

    def _mark_related_lists(self, blocks: list[Block]) -> None:
        """After a related-articles header, take items while they have a list item's shape:
        a time, a read-more link, a title printed again, or a line followed by one of those."""
        index = 0
        while index < len(blocks):
            if blocks[index].kind == "related" and _key(blocks[index].original) in self.vocabulary.related_header:
                index = self._take_related_items(blocks, index + 1)
            else:
                index += 1

    def _is_list_marker(self, block: Block) -> bool:
        return block.kind in ("dateline", "boilerplate")

    def _take_related_items(self, blocks: list[Block], start: int) -> int:
        seen: set[str] = set()
        index = start
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            after = blocks[index + 2] if index + 2 < len(blocks) else None
            if not (
                self._is_list_marker(block)
                or block.original in seen
                or (following is not None and self._is_list_marker(following))
                or (after is not None and after.original == block.original)
            ):
                break
            if block.kind == "body":
                block.kind, block.reason = "related", "item of a related-articles list"
            seen.add(block.original)
            index += 1
        return index

    def _strip_parts(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "teaser":
                self._split_glued_teaser(block)
            if block.kind != "body":
                continue
            self._strip(block, _DATELINE_LEAD, "dateline", "dateline lead")
            self._strip(block, _EDITOR_INITIALS, "byline", "editor initials")
            if self._strip(block, _CAPTION_MARKER, "caption", "caption marker"):
                block.kind, block.reason = "caption", "starts with a caption marker"
            if self._strip_credit(block):
                block.kind, block.reason = "caption", "ends with a photo credit"

    def _strip(self, block: Block, pattern: re.Pattern[str], kind: str, reason: str) -> bool:
        """Remove what ``pattern`` matches from a kept paragraph, unless nothing would remain."""
        match = pattern.search(block.text)
        if not match:
            return False
        remaining = (block.text[: match.start()] + block.text[match.end() :]).strip()
        if not remaining:
            return False
        block.text = remaining
        block.stripped.append((kind, reason, match.group().strip()))
        return True

    def _strip_credit(self, block: Block) -> bool:
        tail = _PAREN_TAIL.search(block.text)
        if tail and self._looks_like_credit(tail.group(1)):
            return self._strip(block, _PAREN_TAIL, "credit", "photo credit")
        tail = _BARE_CREDIT_TAIL.search(block.text)
        if tail and self._looks_like_credit(tail.group(1)):
            return self._strip(block, _BARE_CREDIT_TAIL, "credit", "photo credit")
        return self._strip(block, _COPYRIGHT_TAIL, "credit", "photo credit")

    def _looks_like_credit(self, text: str) -> bool:
        """Names and agencies separated by / , or 'via': (Gavriil Grigorov/ Pool / AFP),
        (ANTARA FOTO/Sigid Kurniawan/foc). Digits, or lower-case words other than 'via'
        and editor initials, make it ordinary text: (19/6), (cybertheft)."""
        if any(ch.isdigit() for ch in text) or len(text.split()) > 14:
            return False
        parts = [part.strip() for part in re.split(r"[/,]", text) if part.strip()]
        for index, part in enumerate(parts):
            words = [word for word in part.split() if word.lower() not in ("via", "dan", "and")]
            initials = index > 0 and len(words) == 1 and words[0].isalpha() and words[0].islower() and len(words[0]) <= 4
            if not initials and not all(word[:1].isupper() or word[:1] == "©" for word in words):
                return False
        if "/" in text or " via " in f" {text} ":
            return True
        # "(Reuters)" alone is an attribution, not a photo credit; "(Budi Santoso, AFP)" is.
        lowered = text.lower()
        has_agency = any(re.search(rf"(?<!\w){re.escape(agency)}(?!\w)", lowered) for agency in self.vocabulary.agency)
        return has_agency and len(parts) >= 2

    def _split_glued_teaser(self, block: Block) -> None:
        """'BACA JUGA: Title Of Another StoryNext sentence of the body.' keeps the body."""
        prefix = self._teaser_prefix(block.original) or ""
        rest = block.original[len(prefix) :]
        for match in _GLUE.finditer(rest):
            body = rest[match.start() :]
            if _TERMINAL.search(body) and len(_words(body)) >= 5:
                teaser = block.original[: len(prefix) + match.start()]
                block.kind, block.reason, block.text = "body", "", body.strip()
                block.stripped.append(("teaser", "teaser glued to the next sentence", teaser.strip()))
                return

    def _mark_captions_and_duplicates(self, blocks: list[Block]) -> None:
        seen: dict[str, int] = {}
        for index, block in enumerate(blocks):
            if not block.kept:
                continue
            key = _key(block.text)
            if key in seen:
                block.kind, block.reason = "duplicate", f"repeats paragraph {seen[key]}"
                continue
            seen[key] = block.paragraph
            nearby = blocks[index + 1 : index + 3]
            if block.kind == "body" and (
                any(other.kept and _key(other.text) == key for other in nearby)
                or (nearby and nearby[0].kind == "credit")
            ):
                block.kind, block.reason = "caption", "printed twice or followed by a photo credit"

    def _mark_headings(self, blocks: list[Block]) -> None:
        """Short lines without a full stop are headings when body text follows them,
        and page furniture when nothing but furniture does."""
        has_body_after = False
        for block in reversed(blocks):
            if block.kind == "body" and self._heading_shape(block.text):
                if has_body_after:
                    block.kind, block.reason = "heading", "short line without a full stop"
                elif any(b.kind == "body" and not self._heading_shape(b.text) for b in blocks):
                    block.kind, block.reason = "boilerplate", "short line after the last body text"
            if block.kind == "body" or block.kind == "caption":
                has_body_after = True

    @staticmethod
    def _heading_shape(text: str) -> bool:
        words = _words(text)
        if text.endswith("?") or text.endswith("!"):
            return len(words) <= 8
        return len(words) <= 20 and not _TERMINAL.search(text)
