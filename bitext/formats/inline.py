"""Inline codes of XLIFF 1.x, XLIFF 2.0 and TMX: read into tokens, written back.

A content element (``<source>``, ``<target>``, ``<seg>``) mixes text and inline elements:
placeholders (XLIFF ``<x/>``, ``<ph>``; TMX ``<ph>``), paired codes (``<g>``, ``<pc>``,
``<bpt>``/``<ept>``, ``<sc/>``/``<ec/>``, ``<bx/>``/``<ex/>``), isolated ones (``<it>``)
and annotations (``<mrk>``, ``<hi>``). Reading turns each into a token in the text
(``<x1/>``, ``<g2>`` ... ``</g2>``) and an :class:`~bitext.model.InlineCode` that keeps
the element as written; writing turns the tokens back into elements: the very element in
the format it came from, the nearest one in another (a ``<g>`` becomes ``<pc>`` in XLIFF
2.0, ``<bpt>``/``<ept>`` in TMX), and its original markup as text where a format holds
text only (PO, TSV, Moses).

A token is a code only while the segment's ``codes`` name it: literal text that looks
like one is text (numbers are chosen so that no literal text of the unit collides).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree

from bitext.formats.tokens import TOKEN, content_text, split_tokens, token_of
from bitext.model import InlineCode, nfc
from bitext.xmlsafe import xml_text

__all__ = ["TOKEN", "CodeReader", "content_text", "inner_xml", "local_name", "split_tokens", "token_of",
           "write_content"]

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Per family: element -> role. "container" elements hold text between their two ends
# (one open and one close code); "marker" elements stand for one end of a pair; "ph"
# stand alone. Native code (the original markup) is the content of XLIFF 1.x and TMX
# codes, and XLIFF 2.0's <originalData>.
CONTAINERS = {"xliff1": {"g", "mrk"}, "xliff2": {"pc", "mrk"}, "tmx": {"hi"}}
OPENS = {"xliff1": {"bx", "bpt"}, "xliff2": {"sc", "sm"}, "tmx": {"bpt"}}
CLOSES = {"xliff1": {"ex", "ept"}, "xliff2": {"ec", "em"}, "tmx": {"ept"}}
EMPTY_XLIFF2 = {"ph", "sc", "ec", "sm", "em", "cp"}
COMMENT = "#comment"  # an XML comment inside a text: kept as a code, written back as a comment



def local_name(tag: object) -> str:
    """An element's name without its namespace ("" for comments and instructions)."""
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def inner_xml(element: etree._Element) -> str:
    """The content of ``element`` as XML text (its text and children, not its own tags)."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    if text.endswith("/>") and len(element) == 0 and not element.text:
        return ""
    return text[text.index(">") + 1 : text.rindex("</")]


class CodeReader:
    """Reads the content elements of one unit, sharing one numbering of codes between
    them: a code in the target that is the source's (same element, attributes and native
    code) gets the source's token. ``literal`` is all text of the unit, so that no token
    collides with text."""

    def __init__(self, family: str, literal: str, namespace: str | None, data: dict[str, str] | None = None) -> None:
        self.family = family
        self.literal = literal
        self.namespace = namespace
        self.data = data or {}  # XLIFF 2.0 originalData: id -> native code (inner XML)
        self.codes: list[InlineCode] = []
        self._by_identity: dict[tuple, str] = {}
        self._tokens: set[str] = set()
        self._next = 1

    def read(self, element: etree._Element | None) -> str:
        """The text of a content element, each inline element a token."""
        if element is None:
            return ""
        pieces: list[str] = [element.text or ""]
        self._children(element, pieces, {})
        return nfc("".join(pieces))

    def _children(self, element: etree._Element, pieces: list[str], open_pairs: dict[str, int]) -> None:
        for child in element:
            name = self._name(child)
            if name:
                self._element(child, name, pieces, open_pairs)
            elif child.tag is etree.Comment:  # kept where it stood, as a code that is no text
                pieces.append(token_of("ph", self._number("ph", COMMENT, {}, xml_text(child.text or ""))))
            pieces.append(child.tail or "")

    def _name(self, child: etree._Element) -> str:
        if not isinstance(child.tag, str):
            return ""  # a comment or processing instruction in text: not content
        namespace = child.tag[1:].split("}")[0] if child.tag.startswith("{") else None
        return local_name(child.tag) if namespace == self.namespace or namespace is None else child.tag

    def _element(self, child: etree._Element, name: str, pieces: list[str], open_pairs: dict[str, int]) -> None:
        family = self.family
        attrs = {key: value for key, value in child.attrib.items()}
        if name in CONTAINERS[family]:
            # A container holds text, not native code: only XLIFF 2.0 points at its markup.
            number = self._number("open", name, attrs, self._native(child, name, attrs) if family == "xliff2" else "")
            pieces.append(token_of("open", number))
            pieces.append(child.text or "")
            self._children(child, pieces, open_pairs)
            pieces.append(token_of("close", number))
            self._add_close(number, name, attrs)
            return
        content = self._native(child, name, attrs)
        kind = self._kind(name, attrs)
        pair = _pair_key(family, name, attrs)
        if kind == "close" and pair in open_pairs:
            number = open_pairs.pop(pair)
            self._add_close(number, name, attrs, content)
        else:
            number = self._number(kind, name, attrs, content)
            if kind == "open" and pair:
                open_pairs[pair] = number
        pieces.append(token_of(kind, number))

    def _kind(self, name: str, attrs: dict[str, str]) -> str:
        if name in OPENS[self.family]:
            return "open"
        if name in CLOSES[self.family]:
            return "close"
        if name == "it":
            return "open" if attrs.get("pos") in ("begin", "open") else "close"
        return "ph"

    def _native(self, child: etree._Element, name: str, attrs: dict[str, str]) -> str:
        if self.family == "xliff2":
            ref = attrs.get("dataRef") or attrs.get("dataRefStart") or ""
            if ref:
                return self.data.get(ref, "")
            # A code holding its markup itself (not valid 2.0, but some tools write it).
            return inner_xml(child) if name not in CONTAINERS["xliff2"] else ""
        return inner_xml(child)

    def _number(self, kind: str, name: str, attrs: dict[str, str], content: str) -> int:
        identity = (kind, name, tuple(sorted(attrs.items())), content)
        if identity in self._by_identity:
            token = self._by_identity[identity]
            return int(re.sub(r"\D", "", token))
        number = self._free_number()
        token = token_of(kind, number)
        self._by_identity[identity] = token
        self.codes.append(InlineCode(token, kind, name, _code_id(self.family, name, attrs), attrs, content, self.family))
        self._tokens.add(token)
        return number

    def _add_close(self, number: int, name: str, attrs: dict[str, str], content: str = "") -> None:
        token = token_of("close", number)
        if token in self._tokens:
            return
        close_attrs = {} if name in CONTAINERS[self.family] else attrs
        if name in CONTAINERS[self.family] and self.family == "xliff2" and attrs.get("dataRefEnd"):
            content = self.data.get(attrs["dataRefEnd"], "")
        self.codes.append(InlineCode(token, "close", name, _code_id(self.family, name, attrs), close_attrs, content,
                                     self.family))
        self._tokens.add(token)

    def _free_number(self) -> int:
        while any(token_of(kind, self._next) in self.literal for kind in ("ph", "open", "close")):
            self._next += 1
        number = self._next
        self._next += 1
        return number


def _code_id(family: str, name: str, attrs: dict[str, str]) -> str:
    if family == "tmx":
        return attrs.get("i") or attrs.get("x") or ""
    return attrs.get("id") or attrs.get("rid") or attrs.get("startRef") or attrs.get("mid") or ""


def _pair_key(family: str, name: str, attrs: dict[str, str]) -> str:
    """What ties the two ends of a pair: TMX ``i``, XLIFF 1.x ``rid`` (else ``id``),
    XLIFF 2.0 ``startRef`` of an end to the ``id`` of its start."""
    if family == "tmx":
        return attrs.get("i", "") if name in ("bpt", "ept") else ""
    if family == "xliff2":
        return attrs.get("startRef") or attrs.get("id", "") if name in ("sc", "ec", "sm", "em") else ""
    return attrs.get("rid") or attrs.get("id", "") if name in ("bx", "ex", "bpt", "ept") else ""


# -- writing ---------------------------------------------------------------------------


def write_content(parent: etree._Element, text: str, codes: Sequence[InlineCode], family: str,
                  namespace: str | None) -> None:
    """Fill ``parent`` with ``text``, each token written as an element of ``family``."""
    pieces = split_tokens(text, codes)
    nested = _nested_pairs(pieces, family)
    stack: list[tuple[etree._Element, str]] = [(parent, "")]
    for piece in pieces:
        current = stack[-1][0]
        if isinstance(piece, str):
            _append_text(current, xml_text(piece))
        elif piece.kind == "open" and piece.token in nested:
            element = etree.SubElement(current, *_container(piece, family, namespace))
            stack.append((element, token_of("close", int(piece.token[2:-1]))))
        elif piece.kind == "close" and stack[-1][1] == piece.token:
            stack.pop()
        elif piece.element == COMMENT:
            current.append(etree.Comment(piece.content))
        else:
            tag, attrs = _standalone(piece, family, namespace, pieces)
            element = etree.SubElement(current, tag, attrs)
            _fill_native(element, piece, family, namespace)


def _append_text(element: etree._Element, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _nested_pairs(pieces: Iterable[str | InlineCode], family: str) -> set[str]:
    """Open tokens whose pair can be written as one element holding the text between
    (container codes, properly nested in this text)."""
    nested: set[str] = set()
    stack: list[str] = []
    broken = False
    for piece in pieces:
        if isinstance(piece, str) or not _can_contain(piece, family):
            continue
        if piece.kind == "open":
            stack.append(piece.token)
        elif piece.kind == "close":
            if stack and stack[-1] == "<g" + piece.token[3:]:
                nested.add(stack.pop())
            else:
                broken = True
    return set() if broken else nested


def _can_contain(code: InlineCode, family: str) -> bool:
    if code.family == family:
        return code.element in CONTAINERS[family]
    if family == "tmx":
        return False  # TMX pairs are <bpt>/<ept>; <hi> is a highlight, not a code
    return code.element in CONTAINERS.get(code.family, set())


def _q(namespace: str | None, name: str) -> str:
    if name.startswith("{"):
        return name
    return f"{{{namespace}}}{name}" if namespace else name


def _container(code: InlineCode, family: str, namespace: str | None) -> tuple[str, dict[str, str]]:
    if code.family == family:
        return _q(namespace, code.element), dict(code.attrs)
    name = "g" if family == "xliff1" else "pc"
    return _q(namespace, name), {"id": code.id or code.token[2:-1]}


def _standalone(code: InlineCode, family: str, namespace: str | None,
                pieces: Sequence[str | InlineCode]) -> tuple[str, dict[str, str]]:
    """A code written as one element: itself in its own family (a container code whose
    other end is missing as its family's marker), the nearest element elsewhere."""
    number = code.token.strip("<>/gx")
    ident = code.id or number
    if code.family == family and code.element not in CONTAINERS[family]:
        return _q(namespace, code.element), dict(code.attrs)
    if family == "xliff1":
        native = bool(code.content)
        name = {"ph": "ph" if native else "x", "open": "bpt" if native else "bx", "close": "ept" if native else "ex"}
        return _q(namespace, name[code.kind]), {"id": ident}
    if family == "xliff2":
        if code.kind == "ph":
            return _q(namespace, "ph"), {"id": ident, **({"disp": content_text(code.content)} if code.content else {})}
        if code.kind == "open":
            return _q(namespace, "sc"), {"id": ident}
        opener = "<g" + code.token[3:]
        if any(isinstance(p, InlineCode) and p.token == opener for p in pieces):
            return _q(namespace, "ec"), {"startRef": ident}
        return _q(namespace, "ec"), {"id": ident, "isolated": "yes"}
    tmx_name = {"ph": "ph", "open": "bpt", "close": "ept"}[code.kind]
    return tmx_name, {"x": ident} if code.kind == "ph" else {"i": ident}


def _fill_native(element: etree._Element, code: InlineCode, family: str, namespace: str | None) -> None:
    """The native code inside an element that holds one (not XLIFF 2.0: its codes are
    empty, their native code lives in <originalData>, unless the element held it itself)."""
    if not code.content:
        return
    if family == "xliff2" and (code.family != "xliff2" or any(key.startswith("dataRef") for key in code.attrs)):
        return
    if code.family == family:
        wrapper = f'<w{f" xmlns={chr(34)}{namespace}{chr(34)}" if namespace else ""}>{code.content}</w>'
        try:
            parsed = etree.fromstring(wrapper)
        except etree.XMLSyntaxError:
            element.text = xml_text(content_text(code.content))
            return
        element.text = parsed.text
        for child in parsed:
            element.append(child)
        return
    element.text = xml_text(content_text(code.content))
