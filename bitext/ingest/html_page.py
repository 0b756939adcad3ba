"""Saved news pages (HTML) to paragraphs, with a main-content extractor.

trafilatura (a well-kept extractor made for this) finds the article: its title, headings,
paragraphs and lists. Its XML output is turned into the paragraph lines bitext's cleaner
and segmenter read from text files (a ``<lb/>`` inside a paragraph ends a line, as a line
break does in a text dump), so ids stay ``doc:paragraph:sentence`` and the same rules
run on both inputs. The lines of the whole page that the extractor left out are counted,
and ``keep_all`` reads the whole page's text instead, so nothing is dropped unseen.
"""

from __future__ import annotations

from bitext.errors import InputError


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


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
    return [line for part in parts for line in _lines(part)]


# Elements whose text stands on lines of its own on a rendered page.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "option", "p", "pre",
    "section", "table", "td", "th", "title", "tr", "ul",
}


def page_lines(data: bytes) -> list[str]:
    """Every line of text a browser would show for the page (scripts and styles left
    out): what the extractor chooses from."""
    import lxml.html

    try:
        root = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return []
    for element in list(root.iter("script", "style", "noscript", "template")):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return _lines(root.text_content())


def _title(root) -> str:
    """The page title without a trailing "| Site name" or "- Site name" (the site's own
    name as the page declares it, not a list of sites)."""
    title = " ".join((root.get("title") or "").split())
    site = (root.get("sitename") or "").strip()
    for separator in (" | ", " - ", " – ", " — "):
        head, found, tail = title.rpartition(separator)
        if found and head and (not site or tail.strip().lower() == site.lower() or site.lower() in tail.lower()):
            return head.strip()
    return title


def html_paragraphs(data: bytes, name: str, keep_all: bool = False) -> tuple[list[str], int, str]:
    """(paragraph lines, lines of the page the extractor discarded, the page's title)."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: reading HTML needs trafilatura: pip install trafilatura lxml_html_clean") from None
    from lxml import etree

    full_text = page_lines(data)
    if keep_all:
        return full_text, 0, ""
    tree = trafilatura.load_html(data)
    if tree is None:
        raise InputError(f"{name}: not an HTML page bitext can read")
    xml = trafilatura.extract(tree, output_format="xml", include_comments=False, include_tables=True,
                              include_images=False, include_links=False, with_metadata=True, favor_recall=True)
    if not xml:
        return [], len(full_text), ""
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    lines = []
    title = _title(root)
    if title:
        lines.append(title)
    main = root.find("main")
    for element in main.iter("head", "p", "item", "cell", "quote") if main is not None else ():
        if element.tag in ("p", "item", "cell", "quote") and element.getparent() is not None and \
                element.getparent().tag in ("p", "quote"):
            continue  # nested: taken with its parent
        lines += _element_lines(element)
    kept = set(lines)
    discarded = sum(1 for line in full_text if line not in kept)
    return lines, discarded, title
