"""XML that never crashes on input text and never trusts its input.

Writing: characters XML 1.0 forbids (C0 controls such as U+000B pasted from Word, lone
surrogates, U+FFFE/U+FFFF) are removed. Reading: no DTD loading, no network, no entity
expansion; a document that declares entities is refused (billion-laughs and external
entity attacks both need a declaration).
"""

from __future__ import annotations

import re

from lxml import etree

from bitext.errors import FormatError

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry removed."""
    return _ILLEGAL_XML.sub("", text)


def parse_xml(data: bytes, name: str) -> etree._Element:
    # huge_tree lifts libxml2's 10 MB limit on one text node, so a long segment bitext
    # wrote reads back; what that limit guards against (entity expansion) is refused below.
    """Parse XML bytes with entity declarations and network access refused;
    a syntax error is a one-line :class:`FormatError` naming the file and line."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True
    )
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as error:
        raise FormatError(f"{name}: not well-formed XML ({error})") from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FormatError(f"{name}: XML entity declarations are not accepted (possible entity expansion attack)")
    return tree.getroot()
