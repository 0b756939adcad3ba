"""Saved news pages (HTML) to lines, with what the page's structure says of each line.

The page is rendered to the lines a browser would show (scripts, styles and image files
left out; a block element or ``<br>`` ends a line), the same lines a text dump of the page
holds, so bitext's cleaner reads both inputs with the same rules and ids stay
``doc:paragraph:sentence``. Each line comes with its evidence (:class:`HtmlLine`): the
element it stands in (a heading, a list item, a caption), the share of its text inside
links, the telling container around it (``<nav>``, ``<footer>``, a block whose class names
it a menu, share bar, comment thread or related list), and whether trafilatura (a
well-kept main-content extractor) chose it for the article. The page's declared title
(its ``<h1>``, ``og:title`` or ``<title>``) anchors the article.

Pages nested deeper than the parser reads (libxml2 stops at 2048 levels) are read as flat
text, without the structure, and said so (``HtmlPage.flat``); nothing is dropped unseen.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bitext.errors import InputError

# Elements whose text stands on lines of its own on a rendered page.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "title",
    "tr", "ul",
})
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "canvas"})
_CELLS = frozenset({"td", "th"})
_CHROME_TAGS = {"nav": "nav", "footer": "footer", "aside": "aside", "form": "form", "select": "form",
                "button": "form", "textarea": "form", "label": "form"}
# Class and id words that name page furniture (the words every CMS uses); a token counts
# when it starts or ends with one ("related-posts", "entry-share"), not when it holds one
# inside ("content-sidebar-wrap" holds the article too).
_CHROME_WORDS = {
    "nav": "nav", "navbar": "nav", "navigation": "nav", "menu": "nav", "breadcrumb": "nav", "breadcrumbs": "nav",
    "footer": "footer", "sidebar": "aside", "widget": "aside", "share": "share", "sharing": "share",
    "social": "share", "sosmed": "share", "comment": "comment", "comments": "comment", "komentar": "comment",
    "disqus": "comment", "related": "related", "terkait": "related", "recommended": "related",
    "recommendation": "related", "rekomendasi": "related", "popular": "related", "populer": "related",
    "terpopuler": "related", "trending": "related", "ads": "ad", "advert": "ad", "advertisement": "ad",
    "iklan": "ad", "banner": "ad", "sponsor": "ad", "tags": "tags",
}
_CAPTION_WORDS = ("caption", "keterangan")
ALT_WORDS = 4  # an image's alternative text this long is rendered as a line
_TOKEN_SPLIT = re.compile(r"[-_]")


@dataclass(frozen=True)
class HtmlLine:
    """What the HTML page says of one of its lines."""

    tag: str = ""  # the block element it stands in: p, h1..h6, li, figcaption, td, div, ...
    link_share: float = 0.0  # share of its letters inside links
    chrome: str = ""  # the telling container around it: nav, footer, aside, form, share, comment, related, ad, tags
    caption: bool = False  # inside a figcaption, or an element named a caption
    main: bool = False  # chosen by the main-content extractor (trafilatura)


@dataclass
class HtmlPage:
    """A rendered page: its lines, their evidence, its title."""

    lines: list[str]
    structure: list[HtmlLine] | None
    title: str = ""
    discarded: int = 0  # lines the main-content extractor left out (the cleaner reads them too)
    flat: bool = False  # too deeply nested for the parser: read as flat text, without structure
    notes: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """Whitespace runs as single spaces, none at the ends."""
    return " ".join(text.split())


# -- rendering ------------------------------------------------------------------------------


@dataclass
class _Context:
    block: str
    chrome: str
    caption: bool
    link: bool


def _own_chrome(element, tag: str) -> str:
    if tag in _CHROME_TAGS:
        return _CHROME_TAGS[tag]
    for token in f"{element.get('class') or ''} {element.get('id') or ''}".lower().split():
        parts = _TOKEN_SPLIT.split(token)
        for word in (parts[0], parts[-1]):
            if word in _CHROME_WORDS:
                return _CHROME_WORDS[word]
    return ""


def _is_caption(element, tag: str) -> bool:
    if tag == "figcaption":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(word in names for word in _CAPTION_WORDS)


class _Renderer:
    """Lines of text with their evidence, from a walk over the parsed page (iterative:
    no recursion, however deep the nesting)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.structure: list[HtmlLine] = []
        self._parts: list[str] = []
        self._letters = 0
        self._linked = 0
        self._first: _Context | None = None
        self._caption = False

    def add(self, text: str | None, context: _Context) -> None:
        """Text of the line being built, in ``context`` (in a link or not, ...)."""
        if not text:
            return
        if self._first is None and text.strip():
            self._first = context
        self._parts.append(text)
        letters = sum(1 for ch in text if not ch.isspace())
        self._letters += letters
        self._caption = self._caption or (context.caption and bool(text.strip()))
        if context.link:
            self._linked += letters

    def flush(self) -> None:
        """End the line being built (a block element or ``<br>`` starts or ends)."""
        line = normalise("".join(self._parts))
        if line and self._first is not None:
            first = self._first
            self.lines.append(line)
            self.structure.append(HtmlLine(first.block, self._linked / self._letters if self._letters else 0.0,
                                           first.chrome, self._caption or first.caption))
        self._parts, self._letters, self._linked, self._first, self._caption = [], 0, 0, None, False

    def image(self, element, context: _Context) -> None:
        """An image standing on its own: a sentence-long alternative text becomes a line
        (some pages hold their captions only there)."""
        if any(part.strip() for part in self._parts):
            return  # an icon inside a line of text
        alt = normalise(element.get("alt") or "")
        if len(alt.split()) >= ALT_WORDS:
            self.lines.append(alt)
            self.structure.append(HtmlLine("img", 1.0 if context.link else 0.0, context.chrome, False))

    def render(self, root) -> None:
        """Walk the parsed page ``root`` and build its lines."""
        from lxml import etree

        stack = [_Context("", "", False, False)]
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if not tag or tag in SKIPPED:
                    walker.skip_subtree()
                    stack.append(stack[-1])
                    continue
                if tag in BLOCKS:
                    self.flush()
                parent = stack[-1]
                context = _Context(tag if tag in BLOCKS or tag in _CELLS else parent.block,
                                   parent.chrome or _own_chrome(element, tag),
                                   parent.caption or _is_caption(element, tag), parent.link or tag == "a")
                stack.append(context)
                if tag in _CELLS:
                    self.add("  ", context)
                if tag == "img":
                    self.image(element, context)
                elif tag != "br":
                    self.add(element.text, context)
            else:
                if tag in BLOCKS:
                    self.flush()
                stack.pop()
                self.add(element.tail, stack[-1])
        self.flush()


class _FlatText(HTMLParser):
    """A page too deep for the tree parser, as lines of text: block elements end lines,
    scripts and styles are left out (the standard library's parser keeps no tree, so no
    depth stops it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._parts: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        line = normalise("".join(self._parts))
        if line:
            self.lines.append(line)
        self._parts = []

    def handle_starttag(self, tag, attrs):
        """Start skipping inside a script or style; a block element ends the current line."""
        if tag in SKIPPED:
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        """Stop skipping at the end of a script or style; a block element ends the current line."""
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        """Keep text for the current line, unless inside a script or style."""
        if not self._skipping:
            self._parts.append(data)


def _decode_for_flat(data: bytes) -> str:
    return data.decode(page_encoding(data), errors="replace")


def flat_lines(data: bytes) -> list[str]:
    """The page's lines without a tree (for pages nested too deep to parse)."""
    parser = _FlatText()
    parser.feed(_decode_for_flat(data))
    parser.close()
    parser._flush()
    return parser.lines


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def page_encoding(data: bytes) -> str:
    """The page's encoding: the one its ``<meta>`` declares, else UTF-8 when its bytes
    are UTF-8, else Windows-1252 (a parser left to guess reads UTF-8 as Latin-1)."""
    declared = _CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _parse(data: bytes):
    """(root, too deep) of the page; root None when it cannot be parsed at all."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                                  encoding=page_encoding(data))
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (ValueError, etree.ParserError):
        return None, False
    deep = any("Excessive depth" in str(entry.message) for entry in parser.error_log)
    return root, deep


def page_lines(data: bytes) -> list[str]:
    """Every line of text a browser would show for the page (scripts and styles left
    out): what the cleaner reads with ``--keep-all``."""
    root, deep = _parse(data)
    if root is None or deep:
        return flat_lines(data)
    renderer = _Renderer()
    renderer.render(root)
    return renderer.lines


# -- the title ------------------------------------------------------------------------------


def _strip_site(title: str, site: str) -> str:
    """The page title without a trailing "| Site name" or "- Site name"."""
    for separator in (" | ", " - ", " – ", " — "):
        head, found, tail = title.rpartition(separator)
        if found and head and (site and site.lower() in tail.lower() or len(tail.split()) <= 4):
            return head.strip()
    return title


def declared_title(root, lines: list[str]) -> str:
    """The article's title as the page declares it, as one of its rendered lines: the
    ``<h1>`` that agrees with ``og:title`` or ``<title>``, else the line those name."""
    def meta(*names: str) -> str:
        for name in names:
            for attribute in ("property", "name"):
                found = root.xpath(f"//meta[@{attribute}=$value]/@content", value=name)
                if found and found[0].strip():
                    return normalise(found[0])
        return ""

    site = meta("og:site_name")
    named = [normalise(text) for text in (meta("og:title", "twitter:title"), root.findtext(".//title") or "") if text]
    named += [_strip_site(text, site) for text in named]
    by_text = {line.lower(): line for line in lines}
    scored = [(max((_agreement(heading, text) for text in named), default=0.0), heading)
              for heading in (normalise(h.text_content()) for h in root.iter("h1")) if heading.lower() in by_text]
    if scored and max(scored)[0] >= 0.6:
        return by_text[max(scored)[1].lower()]
    for text in reversed(named):  # the stripped forms first
        if text.lower() in by_text:
            return by_text[text.lower()]
    if len(scored) == 1:
        return by_text[scored[0][1].lower()]
    return ""


def _agreement(heading: str, title: str) -> float:
    """Shared words over the words of the two (Jaccard): 1.0 for the same title."""
    one, other = set(heading.lower().split()), set(title.lower().split())
    return len(one & other) / len(one | other) if one and other else 0.0


# -- the extractor's choice -----------------------------------------------------------------


def _element_lines(element) -> list[str]:
    """The text of an element of trafilatura's XML, one line per ``<lb/>``."""
    parts, current = [], [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("".join(current))
            current = [child.tail or ""]
        else:
            current.append("".join(child.itertext()) + (child.tail or ""))
    parts.append("".join(current))
    return [normalise(line) for part in parts for line in part.splitlines() if line.strip()]


def extractor_lines(data: bytes) -> set[str]:
    """The lines trafilatura takes for the article (empty when it finds none)."""
    import trafilatura
    from lxml import etree

    tree = trafilatura.load_html(data)
    if tree is None:
        return set()
    xml = trafilatura.extract(tree, output_format="xml", include_comments=False, include_tables=True,
                              include_images=False, include_links=False, favor_recall=True)
    if not xml:
        return set()
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                  huge_tree=True))
    main = root.find("main")
    found: set[str] = set()
    for element in main.iter("head", "p", "item", "cell", "quote") if main is not None else ():
        found.update(_element_lines(element))
    return found


# -- the page -------------------------------------------------------------------------------


def read_html(data: bytes, name: str, keep_all: bool = False) -> HtmlPage:
    """The page's lines with their evidence (see the module docstring); ``keep_all``
    reads the lines alone, for a cleaner that keeps everything."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        raise InputError(f"{name}: reading HTML needs trafilatura: pip install trafilatura lxml_html_clean") from None
    root, deep = _parse(data)
    if root is None or deep:
        notes = [f"{name}: nested deeper than the HTML parser reads; read as flat text, without its structure"]
        return HtmlPage(flat_lines(data), None, flat=True, notes=notes)
    renderer = _Renderer()
    renderer.render(root)
    if keep_all:
        return HtmlPage(renderer.lines, None)
    chosen = extractor_lines(data)
    structure = [replace_main(line, text in chosen) for line, text in zip(renderer.structure, renderer.lines)]
    discarded = sum(1 for line in structure if not line.main)
    return HtmlPage(renderer.lines, structure, declared_title(root, renderer.lines), discarded)


def replace_main(line: HtmlLine, main: bool) -> HtmlLine:
    """``line`` with the extractor's choice set."""
    return HtmlLine(line.tag, line.link_share, line.chrome, line.caption, main)


def html_paragraphs(data: bytes, name: str, keep_all: bool = False) -> tuple[list[str], int, str]:
    """(paragraph lines, lines the extractor left out, the page's title): the page as
    :func:`read_html` reads it, without the evidence."""
    page = read_html(data, name, keep_all)
    return page.lines, page.discarded, page.title
