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
from bitext.files import corpus_moment
from bitext.formats.base import (
    STATUS_MARKS,
    STATUS_NOTE,
    TOOL_NAME,
    TOOL_VERSION,
    CorpusInfo,
    Store,
    TextWriter,
    glossary_note,
    read_status,
    refuse_multiline_id,
    segment_error,
)
from bitext.model import Corpus, Segment, check_status, one_line, split_id

MT_PREFIX = "MT: "
KIND_PREFIX = "kind: "
FLAG_PREFIX = "check: "  # a quality flag (bitext's own checks), one comment line each


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

    def open_writer(self, path: Path, info: CorpusInfo) -> _PoWriter:
        return _PoWriter(path, info, self)

    def _entry(self, segment: Segment) -> polib.POEntry:
        marks = STATUS_MARKS[segment.status]
        comments = [KIND_PREFIX + segment.kind]
        if marks.recorded:
            comments.append(STATUS_NOTE + segment.status)
        comments += [glossary_note(match) for match in segment.terms]
        comments += [FLAG_PREFIX + flag for flag in segment.flags]
        machine = segment.mt if segment.mt is not None else segment.target if segment.draft is not None else None
        if machine is not None:
            comments.append(MT_PREFIX + one_line(machine))
        # A translator's draft is shown as what it is: their text, still fuzzy.
        fuzzy = marks.po_fuzzy or segment.draft is not None
        return polib.POEntry(
            msgctxt=segment.id,
            msgid=segment.source,
            msgstr=segment.target if segment.draft is None else segment.draft,
            occurrences=[(one_line(segment.doc).replace(" ", "_"), str(segment.paragraph))],
            flags=["fuzzy"] if fuzzy else [],
            comment="\n".join(one_line(comment) for comment in comments),
        )

    def read(self, path: Path) -> Corpus:
        try:
            po = parse_po_text(self.read_text(path))
        except (OSError, ValueError) as error:
            raise FormatError(f"{path}: not a readable PO file ({error})") from None
        segments = []
        for number, entry in enumerate((entry for entry in po if not entry.obsolete), 1):
            segments.append(self._segment(entry, path, number))
        return Corpus(
            segments,
            po.metadata.get("X-Source-Language", "id"),
            po.metadata.get("Language", "en"),
            po.metadata.get("X-Bitext-Signature", ""),
        )

    def _segment(self, entry: polib.POEntry, path: Path, number: int) -> Segment:
        # A PO from elsewhere has no msgctxt: its msgid is the key, as gettext has it.
        doc, paragraph, sentence, key = split_id(entry.msgctxt or entry.msgid, path.stem, number)
        comments = entry.comment.splitlines()

        def comment(prefix: str) -> str | None:
            return next((c[len(prefix) :] for c in comments if c.startswith(prefix)), None)

        signal = "new" if not entry.msgstr else "mt" if entry.fuzzy else "reviewed"
        try:
            status = check_status(read_status(signal, comment(STATUS_NOTE)))
        except ValueError as error:
            raise segment_error(path, entry.linenum, error) from None
        flags = [c[len(FLAG_PREFIX) :] for c in comments if c.startswith(FLAG_PREFIX)]
        return Segment(doc, paragraph, sentence, entry.msgid, entry.msgstr, status, comment(KIND_PREFIX) or "body",
                       comment(MT_PREFIX), key=key, flags=flags)


class _PoWriter(TextWriter):
    """Entries as polib renders them, behind a header whose dates are the corpus date
    (known for certain only at the end, hence the dated header)."""

    dated_header = True

    def __init__(self, path: Path, info: CorpusInfo, store: PoStore) -> None:
        self.store = store
        super().__init__(path, info)

    def header(self) -> str:
        po = polib.POFile(wrapwidth=0)
        now = corpus_moment(self.info).strftime("%Y-%m-%d %H:%M+0000")
        po.metadata = {
            "Project-Id-Version": f"bitext corpus {self.info.source_lang}-{self.info.target_lang}",
            "POT-Creation-Date": now,
            "PO-Revision-Date": now,
            "Last-Translator": f"{TOOL_NAME} machine translation",
            "Language-Team": f"{self.info.target_lang} reviewers",
            "Language": self.info.target_lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
            "X-Generator": f"{TOOL_NAME} {TOOL_VERSION}",
            "X-Source-Language": self.info.source_lang,
        }
        if self.info.signature:
            po.metadata["X-Bitext-Signature"] = self.info.signature
        return str(po)

    def render(self, segment: Segment) -> str:
        refuse_multiline_id(segment, self.path, "PO")
        return "\n" + self.store._entry(segment).__unicode__(0)
