"""gettext PO for Poedit and Weblate, written and read with polib.

bitext's own PO: each segment is an entry with ``msgctxt`` = its id (unique, so identical
sentences stay separate), its document and paragraph as the source reference (``#:
doc:paragraph``), and its class, glossary matches and, once reviewed, the machine
translation as extracted comments (``#.``). Machine translation is ``fuzzy``; a translator
clears the flag to approve a unit, which is what ``bitext review apply`` looks for.

A catalogue another tool wrote (Weblate, Poedit, Django, Sphinx) is read as it is: the
language pair from the header's ``Language`` (the source is ``X-Source-Language``, else
English, gettext's convention, else ``--source-lang``), in the charset the header
declares, with plurals (``msgid_plural``/``msgstr[n]``), contexts (none added where there
was none), flags, translator and extracted comments, ``#:`` references, ``#|`` previous
msgids and obsolete entries; it is written back in that shape, header included. Its
translations are ``imported`` (a human's, not bitext's MT); a fuzzy one is imported and
marked for review.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import polib

from bitext.errors import FormatError
from bitext.files import corpus_moment
from bitext.formats.base import (
    STATUS_NOTE,
    TOOL_NAME,
    TOOL_VERSION,
    CorpusInfo,
    Store,
    TextWriter,
    decode,
    glossary_note,
    marks_of,
    normalized,
    refuse_multiline_id,
    segment_error,
    split_lines,
    status_of,
)
from bitext.formats.base import (
    stored as stored_extra,
)
from bitext.formats.tokens import plain_text
from bitext.model import Corpus, Note, Segment, check_status, one_line, split_id

MT_PREFIX = "MT: "
KIND_PREFIX = "kind: "
FLAG_PREFIX = "check: "  # a quality flag (bitext's own checks), one comment line each
_CHARSET = re.compile(rb"charset=[ \t]*([A-Za-z0-9_.:+-]+)")


def parse_po_text(text: str) -> polib.POFile:
    """Parse PO content. ``polib.pofile`` takes a path *or* content in one argument and
    opens the path when a file of that name exists, so a reviewed file whose content
    names another file would pull that file in; the parser is fed the lines instead
    (split at ``\\n`` only: U+2028 in a translation is text, not a line end)."""
    parser = polib._POFileParser("", encoding="utf-8")  # "" never names a file
    parser.fhandle = split_lines(text)
    po = parser.parse()
    po.wrapwidth = 0
    return po


def declared_charset(data: bytes) -> str:
    """The charset a PO file's header declares (UTF-8 when none, or the template's
    placeholder ``CHARSET``)."""
    header_end = data.find(b"\n\n")
    found = _CHARSET.search(data[: header_end if header_end > 0 else 65536][:65536])
    charset = found.group(1).decode("ascii") if found else "utf-8"
    return "utf-8" if charset.upper() == "CHARSET" else charset


def _written_by_bitext(po: polib.POFile) -> bool:
    metadata = po.metadata
    return ("X-Source-Language" in metadata or "X-Bitext-Signature" in metadata
            or metadata.get("X-Generator", "").startswith(TOOL_NAME))


class PoStore(Store):
    """gettext PO: bitext's review catalogue, and any other tool's catalogue kept whole."""

    name = "po"
    extensions = (".po", ".pot")
    marks_review = True

    def open_writer(self, path: Path, info: CorpusInfo) -> TextWriter:
        """A writer of the catalogue in the shape it came in (another tool's PO, not turned
        round), else of bitext's own PO."""
        if info.shaped("po") and isinstance(info.extra.get("header"), dict):
            return _ShapedPoWriter(path, info)
        return _PoWriter(path, info, self)

    def _entry(self, segment: Segment) -> polib.POEntry:
        marks = marks_of(segment)
        comments = [KIND_PREFIX + segment.kind]
        if marks.recorded:
            comments.append(STATUS_NOTE + segment.status)
        comments += [glossary_note(match) for match in segment.terms]
        comments += [FLAG_PREFIX + flag for flag in segment.flags]
        machine = segment.mt if segment.mt is not None else segment.target if segment.draft is not None else None
        if machine is not None:
            comments.append(MT_PREFIX + one_line(machine))
        comments += [note.text for note in segment.notes if note.origin == "developer"]
        # A translator's draft is shown as what it is: their text, still fuzzy.
        fuzzy = marks.po_fuzzy or segment.draft is not None
        entry = polib.POEntry(
            msgctxt=segment.id,
            msgid=plain_text(segment.source, segment.codes),
            msgstr=plain_text(segment.target if segment.draft is None else segment.draft, segment.codes),
            occurrences=_occurrences(segment.locations) or [(one_line(segment.doc).replace(" ", "_"), str(segment.paragraph))],
            flags=(["fuzzy"] if fuzzy else []) + segment.format_flags,
            comment="\n".join(one_line(comment) for comment in comments),
            tcomment="\n".join(note.text for note in segment.notes if note.origin != "developer"),
        )
        _plurals_and_previous(entry, segment)
        return entry

    def read(self, path: Path) -> Corpus:
        """Read a catalogue with the languages its header gives (see :meth:`read_languages`)."""
        return self.read_languages(path, None, None)

    def read_languages(self, path: Path, source_lang: str | None, target_lang: str | None) -> Corpus:
        """A catalogue in the charset its header declares; the source language is the
        header's ``X-Source-Language``, else ``source_lang``, else English."""
        data = self.read_bytes(path)
        charset = declared_charset(data)
        text = decode(data, path, charset)
        block, end = header_block(text)
        try:
            header = parse_po_text(block) if block else polib.POFile()
            if not _written_by_bitext(header):
                return _read_foreign(header, _entries(text, end), path, charset, source_lang, block)
            po = parse_po_text(text)
        except (OSError, ValueError) as error:
            raise FormatError(f"{path}: not a readable PO file ({error})") from None
        if _written_by_bitext(po):
            segments = [normalized(self._segment(entry, path, number))
                        for number, entry in enumerate((entry for entry in po if not entry.obsolete), 1)]
            return Corpus(
                segments,
                po.metadata.get("X-Source-Language", "id"),
                po.metadata.get("Language", "en"),
                po.metadata.get("X-Bitext-Signature", ""),
            )
        return _read_foreign(po, po, path, charset, source_lang, "")

    def _segment(self, entry: polib.POEntry, path: Path, number: int) -> Segment:
        # A PO from elsewhere has no msgctxt: its msgid is the key, as gettext has it.
        doc, paragraph, sentence, key = split_id(entry.msgctxt or entry.msgid, path.stem, number)
        comments = split_lines(entry.comment)

        def comment(prefix: str) -> str | None:
            return next((c[len(prefix) :] for c in comments if c.startswith(prefix)), None)

        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        signal = "new" if not target else "fuzzy" if entry.fuzzy else "translated"
        try:
            status, needs_review = status_of(signal, comment(STATUS_NOTE), own=True)
            check_status(status)
        except (ValueError, KeyError) as error:
            raise segment_error(path, entry.linenum, error) from None
        flags = [c[len(FLAG_PREFIX) :] for c in comments if c.startswith(FLAG_PREFIX)]
        segment = Segment(doc, paragraph, sentence, entry.msgid, target, status, comment(KIND_PREFIX) or "body",
                          comment(MT_PREFIX), key=key, flags=flags, needs_review=needs_review)
        _common_fields(segment, entry, own=True)
        return segment


_OWN_PREFIXES = (KIND_PREFIX, STATUS_NOTE, FLAG_PREFIX, MT_PREFIX, "glossary: ")


def _common_fields(segment: Segment, entry: polib.POEntry, own: bool) -> None:
    """What bitext's and other catalogues share: plurals, notes, flags, previous msgids."""
    if entry.msgid_plural:
        segment.source_plural = entry.msgid_plural
        forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        segment.target_plurals = forms[1:]
    if entry.tcomment:
        segment.notes.append(Note(entry.tcomment, "translator"))
    developer = [line for line in split_lines(entry.comment) if not (own and line.startswith(_OWN_PREFIXES))]
    if developer:
        segment.notes.append(Note("\n".join(developer), "developer"))
    segment.format_flags = [flag for flag in entry.flags if flag != "fuzzy"]
    previous = {"source": entry.previous_msgid, "context": entry.previous_msgctxt,
                "source_plural": entry.previous_msgid_plural}
    segment.previous = {name: value for name, value in previous.items() if value is not None}


def _gettext_key(entry: polib.POEntry) -> str:
    """A catalogue entry's id: its msgid, behind its context when it has one; line breaks
    and tabs written as gettext escapes, so line formats can hold the id."""
    key = entry.msgid if entry.msgctxt is None else f"[{entry.msgctxt}] {entry.msgid}"
    return key.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def header_block(text: str) -> tuple[str, int]:
    """The header entry of a catalogue as written (its comments, flags, ``msgid ""`` and
    ``msgstr``; "" when it has none: kept verbatim, as no parser keeps every line of it)
    and the number of the line after it."""
    lines = split_lines(text)
    start = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if not stripped:
                start = number + 1
            continue
        if not stripped.startswith('msgid ""') or (number + 1 < len(lines) and lines[number + 1].startswith('"')):
            return "", 0  # the first entry is not a header (or its msgid goes on)
        end = number + 1
        while end < len(lines) and lines[end].strip().startswith(("msgstr", '"')):
            end += 1
        return "\n".join(lines[start:end]) + "\n", end
    return "", 0


_PLACEHOLDER_CONTEXT = "bitext placeholder"
_PLACEHOLDER_FIRST = f'msgctxt "{_PLACEHOLDER_CONTEXT}"\nmsgid "-"\nmsgstr ""\n\n'
_PLACEHOLDER_HEADER = '\n\nmsgid ""\nmsgstr "X-Bitext-Placeholder: 1\\n"\n'
_LOOSE_COMMENT = re.compile(r"^#(?=[^\s.:,|~])", re.MULTILINE)


def _entries(text: str, end: int) -> polib.POFile:
    """The entries after the header (its first ``end`` lines). polib takes the last
    entry with an empty msgid as the header and drops it, so the entries are parsed
    between placeholders: an empty msgid among them stays an entry. A comment
    without a space after ``#`` (``#Note``, a translator comment to gettext) is read as one."""
    body = "\n".join(split_lines(text)[end:])
    # polib also takes the comments before the first entry for the file's own comment:
    # a first placeholder entry keeps them with their entry.
    po = parse_po_text(_PLACEHOLDER_FIRST + _LOOSE_COMMENT.sub("# ", body) + _PLACEHOLDER_HEADER)
    if len(po) and po[0].msgctxt == _PLACEHOLDER_CONTEXT:
        del po[0]
    for entry in po:
        entry.linenum += end - _PLACEHOLDER_FIRST.count("\n")
    return po


def _read_foreign(header_po: polib.POFile, po: polib.POFile, path: Path, charset: str, source_lang: str | None,
                  block: str) -> Corpus:
    segments: list[Segment] = []
    keys: set[str] = set()
    pending: list[str] = []  # obsolete entries before the next live one, as PO text
    for entry in po:
        if entry.obsolete:
            pending.append(entry.__unicode__(po.wrapwidth))
            continue
        segments.append(normalized(_foreign_segment(entry, path, len(segments) + 1, keys)))
        if pending:
            segments[-1].extra["po"]["before"] = pending
            pending = []
    metadata = header_po.metadata
    header = {"comment": header_po.header, "metadata": [[key, value] for key, value in metadata.items()],
              "fuzzy": bool(header_po.metadata_is_fuzzy), "tail": pending, "raw": block}
    source = metadata.get("X-Source-Language") or source_lang or "en"
    target = metadata.get("Language") or "und"
    return Corpus(segments, source, target, extra={"format": "po", "charset": charset, "header": header})


def _foreign_segment(entry: polib.POEntry, path: Path, number: int, keys: set[str]) -> Segment:
    key = _gettext_key(entry)
    if key in keys:  # a catalogue msgfmt would refuse: the same context and msgid twice
        key = f"{key} #{number}"
    keys.add(key)
    target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    translated = bool(target) or any(entry.msgstr_plural.values())
    signal = "new" if not translated else "fuzzy" if entry.fuzzy else "translated"
    status, needs_review = status_of(signal, None, own=False)
    segment = Segment(path.stem, number, 1, entry.msgid, target, status, key=key, context=entry.msgctxt,
                      locations=[f"{file}:{line}" if line else file for file, line in entry.occurrences],
                      needs_review=needs_review,
                      extra={"po": {"read_as": [status, needs_review], "fuzzy": entry.fuzzy,
                                    "plural_forms": len(entry.msgstr_plural)}})
    _common_fields(segment, entry, own=False)
    return segment


def _occurrences(locations: list[str]) -> list[tuple[str, str]]:
    occurrences = []
    for location in locations:
        file, colon, line = location.rpartition(":")
        occurrences.append((file, line) if colon and line.isdigit() else (location, ""))
    return occurrences


def _plurals_and_previous(entry: polib.POEntry, segment: Segment, forms: int = 0) -> None:
    if segment.source_plural:
        entry.msgid_plural = plain_text(segment.source_plural, segment.codes)
        texts = [segment.target, *segment.target_plurals]
        texts += [""] * (forms - len(texts))
        entry.msgstr_plural = {index: plain_text(text, segment.codes) for index, text in enumerate(texts)}
        entry.msgstr = ""
    previous = segment.previous
    entry.previous_msgid = previous.get("source")
    entry.previous_msgctxt = previous.get("context")
    entry.previous_msgid_plural = previous.get("source_plural")


class _PoWriter(TextWriter):
    """Entries as polib renders them, behind a header whose dates are the corpus date
    (known for certain only at the end, hence the dated header)."""

    dated_header = True

    def __init__(self, path: Path, info: CorpusInfo, store: PoStore) -> None:
        self.store = store
        super().__init__(path, info)

    def header(self) -> str:
        """bitext's PO header: languages, generator, UTF-8, the corpus date as creation and
        revision date, and the signature when there is one."""
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
        """The segment as bitext's entry (context = id, comments, fuzzy flag); an id holding
        a tab or line break is refused."""
        refuse_multiline_id(segment, self.path, "PO")
        return "\n" + self.store._entry(segment).__unicode__(0)


class _ShapedPoWriter(TextWriter):
    """A catalogue written back as it came: its header as it was, each entry with its
    own context, comments, references, flags and previous msgids, obsolete entries where
    they stood, in the charset it declared (UTF-8 when a text needs it)."""

    dated_header = True  # the charset is settled once every entry is known

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        self.stored: dict[str, Any] = info.extra["header"]
        self.charset = str(info.extra.get("charset") or "utf-8")
        self.stored_charset = codecs.lookup(self.charset).name if _known(self.charset) else "utf-8"
        super().__init__(path, info)

    def header(self) -> str:
        """The header entry as it was read (verbatim when kept so), its charset changed to
        UTF-8 when the declared one could not hold the texts; "" when there was none."""
        fallback = codecs.lookup(self.charset).name == "utf-8" and self.stored_charset != "utf-8"
        raw = str(self.stored.get("raw") or "")
        if raw:
            return re.sub(r"charset=[^\s;\\]+", "charset=UTF-8", raw, count=1) if fallback else raw
        metadata = [(str(key), str(value)) for key, value in self.stored.get("metadata") or []]
        if fallback:
            metadata = [(key, re.sub(r"charset=[^\s;]+", "charset=UTF-8", value) if key == "Content-Type" else value)
                        for key, value in metadata]
        comment = str(self.stored.get("comment") or "")
        if not metadata and not comment:
            return ""
        entry = polib.POEntry(msgid="", msgstr="".join(f"{key}: {value}\n" for key, value in metadata),
                              tcomment=comment, flags=["fuzzy"] if self.stored.get("fuzzy") else [])
        return entry.__unicode__(78)

    def render(self, segment: Segment) -> str:
        """The segment as the catalogue had it: the obsolete entries before it, its comments
        unwrapped, then the entry with its context, references, flags, plurals and
        previous msgids."""
        stored = stored_extra(segment, "po")
        before = "".join("\n" + str(text).rstrip("\n") + "\n" for text in stored.get("before") or [])
        entry = polib.POEntry(
            msgctxt=segment.context,
            msgid=plain_text(segment.source, segment.codes),
            msgstr=plain_text(segment.target, segment.codes),
            occurrences=_occurrences(segment.locations),
            flags=_flags(segment, stored),
        )
        _plurals_and_previous(entry, segment, int(stored.get("plural_forms") or 0))
        # Comments as gettext writes them, never wrapped (polib would wrap them as it wraps
        # messages, and a wrapped comment is another comment).
        comments = [_comment_line("#", line) for note in segment.notes if note.origin != "developer"
                    for line in split_lines(note.text) or [""]]
        comments += [_comment_line("#.", line) for note in segment.notes if note.origin == "developer"
                     for line in split_lines(note.text) or [""]]
        return before + "\n" + "".join(line + "\n" for line in comments) + entry.__unicode__(78)

    def footer(self) -> str:
        """The obsolete entries that came after the last live one."""
        return "".join("\n" + str(text).rstrip("\n") + "\n" for text in self.stored.get("tail") or [])

    def close(self, date: str | None = None) -> list[Path]:
        """Publish the catalogue in the charset it declared, or in UTF-8 when that charset
        cannot encode the texts; return ``[path]``."""
        if codecs.lookup(self.charset).name != "utf-8" and not self._encodes():
            self.charset = "utf-8"  # a text the declared charset cannot hold: the file becomes UTF-8
        if codecs.lookup(self.charset).name == "utf-8":
            return super().close(date)
        try:
            self._output.write(self.header().encode(self.charset))
            self._body.stream.flush()
            with open(self._body.name, encoding="utf-8") as body:
                for chunk in iter(lambda: body.read(1 << 20), ""):
                    self._output.write(chunk.encode(self.charset))
            self._body.discard()
            self._output.write(self.footer().encode(self.charset))
            self._output.publish()
        except BaseException:
            self.abort()
            raise
        return [self.path]

    def _encodes(self) -> bool:
        self._body.stream.flush()
        encoder = codecs.getincrementalencoder(self.charset)()
        try:
            encoder.encode(self.header() + self.footer())
            with open(self._body.name, encoding="utf-8") as body:
                for chunk in iter(lambda: body.read(1 << 20), ""):
                    encoder.encode(chunk)
        except UnicodeEncodeError:
            return False
        return True


def _comment_line(mark: str, text: str) -> str:
    return f"{mark} {text}" if text else mark


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True


def _flags(segment: Segment, stored: dict[str, Any]) -> list[str]:
    """The entry's flags: fuzzy as read while the status is the one read, else as the
    status table says; then the format flags."""
    if stored.get("read_as") == [segment.status, segment.needs_review]:
        fuzzy = bool(stored.get("fuzzy"))
    else:
        fuzzy = marks_of(segment).po_fuzzy
    return (["fuzzy"] if fuzzy else []) + list(segment.format_flags)

