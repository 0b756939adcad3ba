"""The shape of another tool's XML file, kept so that its writer can put it back.

An XML exchange file is a tree of *containers* (``<xliff>``, ``<file>``, ``<body>``,
``<group>``; ``<tmx>``, ``<body>``) around *records* (``<trans-unit>``, ``<unit>``,
``<tu>``), with other elements beside them (a ``<header>``, a ``<group>``'s notes, an
empty ``<file>``) that bitext does not read: *raw* parts, kept as XML text.

Reading records where each record sits: ``path``, the containers around it (indexes into
:attr:`Skeleton.containers`), and ``before``, the raw parts that come before it since the
previous record, each with the container that holds it. A container's raw parts after its
last record are its ``tail``. Writing replays that: containers are opened and closed as the
records' paths change, raw parts written where they stood. A corpus filtered or reordered
still gives a well-formed file (containers are reopened where needed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass
class Container:
    """One element around records: its start and end tags as written, the container it
    sits in (-1 for the root), the namespaces in scope, and its raw parts after its last
    record."""

    open: str
    close: str
    parent: int = -1
    nsmap: dict[str, str] = field(default_factory=dict)  # prefix ("" = default) -> namespace
    tail: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The container as a JSON-ready dict (see :meth:`from_dict`)."""
        return {"open": self.open, "close": self.close, "parent": self.parent, "nsmap": self.nsmap, "tail": self.tail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Container:
        """The container stored by :meth:`to_dict`."""
        return cls(str(data["open"]), str(data["close"]), int(data.get("parent", -1)), dict(data.get("nsmap") or {}),
                   [str(part) for part in data.get("tail") or []])


@dataclass
class Skeleton:
    """Everything of an XML file that is not a record: prolog, containers, epilog."""

    prolog: str = ""
    containers: list[Container] = field(default_factory=list)
    epilog: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The skeleton as a JSON-ready dict, as a corpus's extra stores it."""
        return {"prolog": self.prolog, "containers": [c.to_dict() for c in self.containers], "epilog": self.epilog}

    @classmethod
    def from_dict(cls, data: Any) -> Skeleton | None:
        """The skeleton stored in a corpus's extra; None when there is none (or it is
        not one bitext wrote)."""
        if not isinstance(data, dict) or not isinstance(data.get("containers"), list):
            return None
        try:
            return cls(str(data.get("prolog", "")), [Container.from_dict(c) for c in data["containers"]],
                       str(data.get("epilog", "")))
        except (KeyError, TypeError, ValueError):
            return None

    def add_container(self, element: etree._Element, parent: int) -> int:
        """Register ``element`` as a container inside ``parent``; its index."""
        inherited = self.containers[parent].nsmap if parent >= 0 else {}
        self.containers.append(Container(start_tag(element, inherited), end_tag(element), parent, namespaces(element)))
        return len(self.containers) - 1


# -- reading ---------------------------------------------------------------------------


def namespaces(element: etree._Element) -> dict[str, str]:
    """The namespaces in scope at ``element`` (prefix "" for the default one)."""
    return {prefix or "": uri for prefix, uri in element.nsmap.items()}


def _qualified(name: str, nsmap: dict[str, str]) -> str:
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    if uri == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, u in nsmap.items() if u == uri and p), None)
    if prefix is None and nsmap.get("") == uri:
        return local
    return f"{prefix}:{local}" if prefix else local


def _attribute(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def start_tag(element: etree._Element, inherited: dict[str, str]) -> str:
    """The start tag of ``element`` as XML text, declaring only the namespaces its parent
    does not."""
    scope = namespaces(element)
    parts = [_qualified(element.tag, scope)]
    for prefix, uri in scope.items():
        if inherited.get(prefix) != uri:
            parts.append(f'xmlns{":" + prefix if prefix else ""}="{_attribute(uri)}"')
    for name, value in element.attrib.items():
        parts.append(f'{_qualified(name, {p: u for p, u in scope.items() if p})}="{_attribute(value)}"')
    return "<" + " ".join(parts) + ">"


def end_tag(element: etree._Element) -> str:
    """The end tag of ``element`` as XML text."""
    return f"</{_qualified(element.tag, namespaces(element))}>"


_DECLARATION = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')


def without_inherited(xml: str, nsmap: dict[str, str]) -> str:
    """``xml`` (an element serialised alone, which declares every namespace it uses)
    without the declarations its place in the file already has."""
    end = xml.find(">")
    if end < 0:
        return xml
    head = _DECLARATION.sub(lambda m: "" if nsmap.get(m.group(1) or "") == m.group(2) else m.group(0), xml[:end])
    return head + xml[end:]


def raw(element: etree._Element, nsmap: dict[str, str]) -> str:
    """An element, comment or processing instruction as XML text for its place."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    return without_inherited(text, nsmap) if isinstance(element.tag, str) else text


def parse_raw(xml: str) -> etree._Element:
    """A raw part back as a node: an element, or a comment or processing instruction
    (which XML parsers do not take alone)."""
    if xml.startswith("<!--") or xml.startswith("<?"):
        return etree.fromstring(f"<w>{xml}</w>")[0]
    return etree.fromstring(xml)


def prolog(root: etree._Element) -> str:
    """What comes before the root: the XML declaration bitext writes (UTF-8), the
    document type and any comments or processing instructions."""
    docinfo = root.getroottree().docinfo
    parts = [f'<?xml version="{docinfo.xml_version or "1.0"}" encoding="UTF-8"?>']
    if docinfo.doctype:
        parts.append(docinfo.doctype)
    parts += [raw(node, {}) for node in reversed(list(root.itersiblings(preceding=True)))]
    return "\n".join(parts) + "\n"


def epilog(root: etree._Element) -> str:
    """What comes after the root: comments and processing instructions."""
    return "".join("\n" + raw(node, {}) for node in root.itersiblings())


RecordPlace = tuple[etree._Element, list[int], list[list[Any]]]


def walk(root: etree._Element, is_record: Callable[[etree._Element], bool]) -> tuple[Skeleton, Iterator[RecordPlace]]:
    """The skeleton of the tree under ``root`` and, one at a time, each record with its
    ``path`` and the raw parts ``before`` it (``[container, xml]`` pairs). The skeleton's
    tails are complete once the records are exhausted."""
    skeleton = Skeleton(prolog(root), [], epilog(root))

    def holds_record(element: etree._Element) -> bool:
        return any(is_record(node) for node in element.iter() if isinstance(node.tag, str))

    def visit(element: etree._Element, here: int, path: list[int], pending: list[list[Any]]) -> Iterator[RecordPlace]:
        for child in element:
            if isinstance(child.tag, str) and is_record(child):
                yield child, path, pending[:]
                pending.clear()
            elif isinstance(child.tag, str) and holds_record(child):
                number = skeleton.add_container(child, here)
                yield from visit(child, number, [*path, number], pending)
            else:
                pending.append([here, raw(child, skeleton.containers[here].nsmap)])
        skeleton.containers[here].tail = [part for holder, part in pending if holder == here]
        pending[:] = [item for item in pending if item[0] != here]

    def records() -> Iterator[RecordPlace]:
        root_number = skeleton.add_container(root, -1)
        yield from visit(root, root_number, [root_number], [])

    return skeleton, records()


# -- writing ---------------------------------------------------------------------------


class SkeletonWriter:
    """Writes a skeleton around records given one at a time: :meth:`place` before each
    record (opens and closes containers, writes raw parts), :meth:`finish` at the end."""

    def __init__(self, skeleton: Skeleton, write: Callable[[str], None], default_path: list[int] | None = None) -> None:
        self.skeleton = skeleton
        self.write = write
        self.stack: list[int] = []
        self._tails_written: set[int] = set()
        # Where a record with no place goes (and what an empty corpus still writes).
        self.path: list[int] = self._valid(default_path) or ([0] if skeleton.containers else [])
        write(skeleton.prolog)

    def nsmap(self) -> dict[str, str]:
        """The namespaces in scope where the next record goes."""
        return self.skeleton.containers[self.stack[-1]].nsmap if self.stack else {}

    def place(self, path: list[int] | None, before: list[list[Any]] | None) -> None:
        """Move to where a record with this ``path`` goes, writing the raw parts
        ``before`` it; a record with no path goes where the last one went."""
        path = self._valid(path) or self.path
        for holder, part in before or []:
            if isinstance(holder, int) and holder in path:
                self._move(path[: path.index(holder) + 1])
                self.write(part + "\n")
        self._move(path)
        self.path = path

    def _valid(self, path: list[int] | None) -> list[int] | None:
        count = len(self.skeleton.containers)
        if not path or not all(isinstance(i, int) and 0 <= i < count for i in path):
            return None
        return path

    def _move(self, path: list[int]) -> None:
        common = 0
        while common < len(self.stack) and common < len(path) and self.stack[common] == path[common]:
            common += 1
        while len(self.stack) > common:
            self._close()
        for number in path[common:]:
            self.write(self.skeleton.containers[number].open + "\n")
            self.stack.append(number)

    def _close(self) -> None:
        number = self.stack.pop()
        container = self.skeleton.containers[number]
        if number not in self._tails_written:
            self._tails_written.add(number)
            for part in container.tail:
                self.write(part + "\n")
        self.write(container.close + "\n")

    def finish(self) -> None:
        """Write the containers not yet written (an empty corpus), close all, the epilog."""
        if not self.stack and self.path:
            self._move(self.path)
        while self.stack:
            self._close()
        self.write(self.skeleton.epilog.lstrip("\n") + ("\n" if self.skeleton.epilog else ""))
