"""gettext PO for Poedit and Weblate, written and read with polib.

Each segment is an entry with ``msgctxt`` = its id (unique, so identical sentences stay
separate), its document and paragraph as the source reference (``#: doc:paragraph``), and
its class, glossary matches and, once reviewed, the machine translation as extracted
comments (``#.``). Machine translation is ``fuzzy``; a translator clears the flag to
approve a unit, which is what ``bitext review apply`` looks for.
"""

from __future__ import annotations

from pathlib import Path

import polib

from bitext.errors import FormatError
from bitext.formats.base import TOOL_NAME, TOOL_VERSION, Store, atomic_output, corpus_moment, glossary_note
from bitext.segments import Corpus, Segment, one_line, parse_id

MT_PREFIX = "MT: "
KIND_PREFIX = "kind: "


def parse_po_text(text: str) -> polib.POFile:
    """Parse PO content. ``polib.pofile`` takes a path *or* content in one argument and
    opens the path when a file of that name exists, so a reviewed file whose content
    names another file would pull that file in; the parser is fed the lines instead."""
    parser = polib._POFileParser("", encoding="utf-8")  # "" never names a file
    parser.fhandle = text.splitlines()
    po = parser.parse()
    po.wrapwidth = 0
    return po


class PoStore(Store):
    name = "po"
    extensions = (".po",)
    marks_review = True

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        po = polib.POFile(wrapwidth=0)
        now = corpus_moment(corpus).strftime("%Y-%m-%d %H:%M+0000")
        po.metadata = {
            "Project-Id-Version": f"bitext corpus {corpus.source_lang}-{corpus.target_lang}",
            "POT-Creation-Date": now,
            "PO-Revision-Date": now,
            "Last-Translator": f"{TOOL_NAME} machine translation",
            "Language-Team": f"{corpus.target_lang} reviewers",
            "Language": corpus.target_lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
            "X-Generator": f"{TOOL_NAME} {TOOL_VERSION}",
            "X-Source-Language": corpus.source_lang,
        }
        if corpus.signature:
            po.metadata["X-Bitext-Signature"] = corpus.signature
        for segment in corpus.segments:
            po.append(self._entry(segment))
        with atomic_output(path) as stream:
            stream.write(str(po))
        return [path]

    def _entry(self, segment: Segment) -> polib.POEntry:
        comments = [KIND_PREFIX + segment.kind]
        comments += [glossary_note(match) for match in segment.terms]
        if segment.mt is not None:
            comments.append(MT_PREFIX + one_line(segment.mt))
        return polib.POEntry(
            msgctxt=segment.id,
            msgid=segment.source,
            msgstr=segment.target,
            occurrences=[(segment.doc, str(segment.paragraph))],
            flags=["fuzzy"] if segment.status == "mt" else [],
            comment="\n".join(comments),
        )

    def read(self, path: Path) -> Corpus:
        try:
            po = parse_po_text(self.read_text(path))
        except (OSError, ValueError) as error:
            raise FormatError(f"{path}: not a readable PO file ({error})") from None
        segments = []
        for entry in po:
            if entry.obsolete:
                continue
            segments.append(self._segment(entry, path))
        return Corpus(
            segments,
            po.metadata.get("X-Source-Language", "id"),
            po.metadata.get("Language", "en"),
            po.metadata.get("X-Bitext-Signature", ""),
        )

    def _segment(self, entry: polib.POEntry, path: Path) -> Segment:
        if not entry.msgctxt:
            raise FormatError(f"{path}:{entry.linenum}: entry without msgctxt; bitext PO files carry segment ids there")
        try:
            doc, paragraph, sentence = parse_id(entry.msgctxt)
        except ValueError as error:
            raise FormatError(f"{path}:{entry.linenum}: {error}") from None
        comments = entry.comment.splitlines()
        kind = next((c[len(KIND_PREFIX) :] for c in comments if c.startswith(KIND_PREFIX)), "body")
        mt = next((c[len(MT_PREFIX) :] for c in comments if c.startswith(MT_PREFIX)), None)
        if not entry.msgstr:
            status = "new"
        else:
            status = "mt" if entry.fuzzy else "reviewed"
        return Segment(doc, paragraph, sentence, entry.msgid, entry.msgstr, status, kind, mt)
