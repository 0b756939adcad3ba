"""Inline-code tokens in text, without XML: what the text formats (PO, TSV, Moses) need.

See :mod:`bitext.formats.inline` for how XML formats read and write the codes; this
module only finds tokens in a text and writes codes as their original markup, so the
line formats never load lxml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

from bitext.model import InlineCode

TOKEN = re.compile(r"<x(\d+)/>|<g(\d+)>|</g(\d+)>")


def token_of(kind: str, number: int) -> str:
    """The token of code ``number`` of a kind: ``<x1/>``, ``<g1>``, ``</g1>``."""
    return {"ph": f"<x{number}/>", "open": f"<g{number}>", "close": f"</g{number}>"}[kind]


def content_text(content: str) -> str:
    """The text of a code's inner XML (the native code: ``<b>`` of ``&lt;b&gt;``)."""
    if not content:
        return ""
    if "<" not in content:
        return unescape(content)  # text and character references only: no parser needed
    from lxml import etree

    try:
        return "".join(etree.fromstring(f"<w>{content}</w>").itertext())
    except etree.XMLSyntaxError:
        return content


def split_tokens(text: str, codes: Sequence[InlineCode]) -> list[str | InlineCode]:
    """``text`` as text pieces and the codes its tokens stand for."""
    by_token = {code.token: code for code in codes}
    pieces: list[str | InlineCode] = []
    position = 0
    for found in TOKEN.finditer(text):
        code = by_token.get(found.group())
        if code is None:
            continue
        if found.start() > position:
            pieces.append(text[position : found.start()])
        pieces.append(code)
        position = found.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def plain_text(text: str, codes: Sequence[InlineCode]) -> str:
    """``text`` for a format that holds text only: each code becomes its original markup
    (the native code it carries, else its element as XML)."""
    if not codes:
        return text
    return "".join(piece if isinstance(piece, str) else _markup(piece) for piece in split_tokens(text, codes))


def _markup(code: InlineCode) -> str:
    if code.element == "#comment":
        return ""  # an XML comment is no text
    if code.content:
        return content_text(code.content)
    name = code.element.split("}")[-1]
    attrs = "".join(f' {key.split("}")[-1]}="{escape(value)}"' for key, value in code.attrs.items())
    return {"ph": f"<{name}{attrs}/>", "open": f"<{name}{attrs}>", "close": f"</{name}>"}[code.kind]


def without_codes(text: str, codes: Sequence[InlineCode]) -> str:
    """``text`` with its tokens removed (what a reader sees; for comparisons)."""
    return "".join(piece for piece in split_tokens(text, codes) if isinstance(piece, str))
