"""The store contract every format implements, and atomic file writing."""

from __future__ import annotations

import codecs
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext import __version__
from bitext.errors import FormatError, OutputError
from bitext.files import TemporaryBeside
from bitext.model import STATUSES, Corpus, Segment, TermMatch, nfc, reversed_segment


@dataclass(frozen=True)
class StatusMarks:
    """How one segment status is written in each exchange format."""

    po_fuzzy: bool  # PO: the fuzzy flag (Poedit and Weblate show "needs work")
    xliff_state: str  # XLIFF 1.2 <target state>; "" = no target
    xliff_qualifier: str  # XLIFF 1.2 state-qualifier; "" = none
    xliff_approved: bool
    tmx_creator: str  # TMX <tuv creationid>; "" = none (CAT tools show it as the author)
    recorded: bool  # whether the format's own marks cannot tell it apart: bitext adds "status: X"
    xliff2_state: str = ""  # XLIFF 2.0 <segment state>; "" = none
    xliff2_substate: str = ""  # XLIFF 2.0 subState (bitext's own values, prefix "bitext:")


MT_CREATOR = "bitext-mt"
XLIFF2_MT = "bitext:mt"
XLIFF2_NEEDS_REVIEW = "bitext:needs-review"

# The one table of how statuses travel through PO, XLIFF and TMX (JSONL, TSV and Moses
# write the status name itself). "imported" and "aligned" are human translations that
# nobody has reviewed in bitext: not fuzzy (they are not MT), not approved. The row
# NEEDS_REVIEW is theirs when a translator marked them "needs work" (``needs_review``).
STATUS_MARKS: dict[str, StatusMarks] = {
    "new": StatusMarks(False, "", "", False, "", False),
    "mt": StatusMarks(True, "needs-review-translation", "leveraged-mt", False, MT_CREATOR, False, "translated", XLIFF2_MT),
    "reviewed": StatusMarks(False, "translated", "", True, "", False, "reviewed"),
    "imported": StatusMarks(False, "translated", "leveraged-tm", False, "", True, "translated"),
    "aligned": StatusMarks(False, "translated", "leveraged-tm", False, "", True, "translated"),
}
NEEDS_REVIEW = StatusMarks(True, "needs-review-translation", "", False, "", True, "translated", XLIFF2_NEEDS_REVIEW)

assert set(STATUS_MARKS) == set(STATUSES)

# How a unit's own marks read back, as (status, needs_review): in a file bitext wrote,
# and in another tool's file (where nothing is bitext's MT and an unmarked translation
# is imported, not reviewed). The signals: "new" (no translation), "mt" (marked as
# machine translation), "fuzzy" (marked for review: PO fuzzy, XLIFF needs-*),
# "translated" (no mark either way) and "approved" (XLIFF approved, final, reviewed).
SIGNALS: dict[str, tuple[tuple[str, bool], tuple[str, bool]]] = {
    "new": (("new", False), ("new", False)),
    "mt": (("mt", False), ("mt", False)),
    "fuzzy": (("mt", False), ("imported", True)),
    "translated": (("reviewed", False), ("imported", False)),
    "approved": (("reviewed", False), ("reviewed", False)),
}

STATUS_NOTE = "status: "  # the note or comment that records a status the marks cannot


def marks_of(segment: Segment) -> StatusMarks:
    """The marks a segment is written with (the table's row for its status)."""
    if segment.needs_review and STATUS_MARKS[segment.status].recorded:
        return NEEDS_REVIEW
    return STATUS_MARKS[segment.status]


def status_of(signal: str, recorded: str | None, own: bool = True) -> tuple[str, bool]:
    """``(status, needs_review)`` of a unit read back. ``signal`` is what the format's
    own marks say (see :data:`SIGNALS`), ``recorded`` a ``status:`` note bitext wrote,
    ``own`` whether bitext wrote the file. A recorded status stands where the marks
    cannot distinguish it (an unreviewed import looks reviewed in PO, a marked one
    looks like MT); a translator's mark (fuzzy, approval) wins otherwise."""
    if recorded in STATUS_MARKS and STATUS_MARKS[recorded].recorded:
        if signal == "translated":
            return recorded, False
        if signal == "fuzzy":
            return recorded, True
    return SIGNALS[signal][0 if own else 1]


def read_status(signal: str, recorded: str | None) -> str:
    """The status of a unit of a file bitext wrote (see :func:`status_of`); ``signal``
    ``reviewed`` is read as ``translated``."""
    return status_of("translated" if signal == "reviewed" else signal, recorded)[0]


def _same_pair(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return same_lang(a[0], b[0]) and same_lang(a[1], b[1])


# -- language tags ---------------------------------------------------------------------

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")


# Codes ISO 639 withdrew that Java (and so OmegaT and Okapi, once) still writes.
LANGUAGE_ALIASES = {"in": "id", "iw": "he", "ji": "yi"}


def base_lang(tag: str) -> str:
    """The language subtag of a tag, lower case: ``id`` of ``id-ID``, ``pt`` of ``pt_BR``
    (``in-ID``, Java's old code for Indonesian, is ``id`` too)."""
    language = tag.replace("_", "-").split("-")[0].strip().lower()
    return LANGUAGE_ALIASES.get(language, language)


def same_lang(a: str, b: str) -> bool:
    """Whether two tags name the same language (regions and scripts aside); ``xx`` and
    ``und`` (a tool's "unknown language") match any."""
    return base_lang(a) == base_lang(b) or bool({base_lang(a), base_lang(b)} & WILDCARD_LANGS)


WILDCARD_LANGS = {"xx", "und"}


def xml_lang(tag: str) -> str:
    """A tag as XML and BCP 47 write it (``pt_BR`` -> ``pt-BR``); the case is kept."""
    return tag.replace("_", "-")


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` has the shape of a BCP 47 tag (language, then optional extended
    language, script, region and variants; private use after ``x``), ``_`` taken as ``-``."""
    parts = tag.replace("_", "-").split("-")
    if not parts[0].isalpha() or not (2 <= len(parts[0]) <= 3 or 5 <= len(parts[0]) <= 8):
        return parts[0].lower() in ("x", "i") and len(parts) > 1
    stage = 0  # 1 extlang, 2 script, 3 region, 4 variants
    for part in parts[1:]:
        if not _SUBTAG.fullmatch(part):
            return False
        if part.lower() == "x" or (len(part) == 1 and stage < 5):
            return True  # extensions and private use: anything after
        if stage < 1 and len(part) == 3 and part.isalpha():
            stage = 1
        elif stage < 2 and len(part) == 4 and part.isalpha():
            stage = 2
        elif stage < 3 and ((len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit())):
            stage = 3
        elif len(part) >= 5 or (len(part) == 4 and part[0].isdigit()):
            stage = 4
        else:
            return False
    return True


def split_langs(pair: str) -> tuple[str, str]:
    """``("id-ID", "en-US")`` of ``"id-ID-en-US"``: the split point where both halves are
    language tags (``("id", "ID-en-US")`` is not: a second region), else the first ``-``."""
    pieces = pair.split("-")
    splits = [("-".join(pieces[:cut]), "-".join(pieces[cut:])) for cut in range(1, len(pieces))]
    valid = [split for split in splits if is_language_tag(split[0]) and is_language_tag(split[1])]
    # Where two splits are tags ("zh-Hant" + "TW-en"), a target starting in capitals
    # is a region of the source: the tags' case convention decides.
    valid.sort(key=lambda split: split[1].split("-")[0].isupper())
    if valid:
        return valid[0]
    source, _, target = pair.partition("-")
    return source, target


def join_langs(source: str, target: str) -> str:
    """The ``langs`` of a JSONL record (``id-en``), which :func:`split_langs` splits back."""
    return f"{source}-{target}"


# -- reading text ----------------------------------------------------------------------


def decode(data: bytes, path: Path | str, charset: str = "utf-8") -> str:
    """The text of a file in ``charset`` (a UTF-8 byte-order mark is dropped); UTF-16 or
    any undecodable byte is one :class:`FormatError` naming the file and the encoding,
    with the ``iconv`` command that converts it, as text inputs have."""
    from bitext.ingest.reader import likely_encoding

    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise FormatError(f"{path}: declares the charset {charset!r}, which is not a known encoding") from None
    if codec == "utf-8":
        likely = likely_encoding(data)
        if likely.startswith("UTF-16"):
            raise FormatError(f"{path}: not UTF-8 but {likely}; convert it first, e.g. iconv -f {likely} -t UTF-8")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FormatError(
                f"{path}: not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start}); "
                f"convert it first, e.g. iconv -f {likely} -t UTF-8"
            ) from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise FormatError(
            f"{path}: cannot be read as {charset} (the charset it declares): invalid byte "
            f"0x{data[error.start]:02x} at offset {error.start}"
        ) from None


def split_lines(text: str) -> list[str]:
    """The lines of ``text``: only ``\n`` (and ``\r\n``) end a line. ``str.splitlines``
    also splits at U+2028, U+0085 and form feeds, which reviewed text may hold."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def stored(segment: Segment, format_name: str) -> dict[str, Any]:
    """What a format's reader kept of a segment for its writer (``{}`` when nothing)."""
    value = segment.extra.get(format_name)
    return value if isinstance(value, dict) else {}


def normalized(segment: Segment) -> Segment:
    """``segment`` with its texts in NFC (every reader hands its segments on this way, so
    a file saved in NFD compares equal to the store it came from)."""
    segment.source, segment.target = nfc(segment.source), nfc(segment.target)
    if segment.mt is not None:
        segment.mt = nfc(segment.mt)
    if segment.source_plural or segment.target_plurals:
        segment.source_plural = nfc(segment.source_plural)
        segment.target_plurals = [nfc(text) for text in segment.target_plurals]
    return segment


def segment_error(path: Path, line: int | None, error: Exception) -> FormatError:
    """A reader's one-line error: ``file:line: what is wrong``."""
    where = f"{path}:{line}" if line else str(path)
    return FormatError(f"{where}: {error}")


def refuse_multiline_id(segment: Segment, path: Path, format_name: str) -> None:
    """Line-based formats cannot store an id holding a tab or line break; refuse it
    with the id rather than write a file that does not read back."""
    if any(char in segment.id for char in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise OutputError(
            f"cannot write {path}: segment id {segment.id!r} holds a tab or line break, "
            f"which {format_name} cannot store (rename the document or use JSONL, TMX or XLIFF)"
        )


TOOL_NAME = "bitext"

TOOL_VERSION = __version__


def glossary_note(match: TermMatch) -> str:
    """A glossary match as a note or comment line (TMX, XLIFF and PO carry them)."""
    state = {True: "met", False: "NOT MET", None: "unchecked"}[match.met]
    return f"glossary: {match.source} [{match.start}:{match.end}] -> {match.required} ({state})"


class Store(ABC):
    """Reads and writes a :class:`~bitext.model.Corpus` in one file format.

    A store keeps segment ids (``doc:paragraph:sentence``), source, target and status
    through a write and a read; formats that can also keep kind, MT, glossary matches and
    the signature do, and a file another tool wrote is written back in its own shape
    (what the reader did not understand travels in ``extra``).

    A store either reads a whole file (:meth:`read`) or streams it: a streaming store
    sets ``streams`` and implements :meth:`stream_segments`; :meth:`read` then collects
    the stream.
    """

    name: str  # the --format name
    extensions: tuple[str, ...]  # file name endings, first is the default
    # Whether the format records a review state a translator sets (PO's fuzzy flag,
    # XLIFF's state and approved). Where it does not (TMX, TSV, Moses), an edited target
    # is the only sign of review.
    marks_review: bool = False
    streams: bool = False  # whether stream_segments reads the file one segment at a time
    writable: bool = True

    def default_path(self, folder: Path, corpus: Corpus) -> Path:
        """The file a corpus is written to in ``folder`` by default: ``SRC-TGT`` and the format's
        first extension."""
        return folder / f"{corpus.source_lang}-{corpus.target_lang}{self.extensions[0]}"

    def write(self, corpus: Corpus, path: Path, version: str = "") -> list[Path]:
        """Write ``corpus`` to ``path`` atomically; return the files written. ``version``
        asks for one version of the format ("2.0"); by default a corpus read from this
        format is written in the version and shape it came in, any other in bitext's."""
        info = CorpusInfo.of(corpus)
        info.version = version
        writer = self.open_writer(Path(path), info)
        try:
            for segment in corpus.segments:
                writer.add(segment)
        except BaseException:
            writer.abort()
            raise
        return writer.close()

    @abstractmethod
    def open_writer(self, path: Path, info: CorpusInfo) -> SegmentWriter:
        """Hook: a writer that takes segments one at a time and publishes ``path`` (and
        any sibling files) atomically on :meth:`SegmentWriter.close`."""

    def read(self, path: Path) -> Corpus:
        """Read a corpus; raise :class:`FormatError` with the file name on bad input.
        Stores that do not stream override this."""
        return self.open_segments(path).corpus()

    def stream_segments(self, path: Path, stream: SegmentStream, source_lang: str | None,
                        target_lang: str | None) -> Iterator[Segment]:
        """Hook of streaming stores: yield the file's segments one at a time, filling
        ``stream.info`` (languages, signature, extra) before the first."""
        raise NotImplementedError(f"{self.name} does not stream")

    def open_segments(self, path: Path, source_lang: str | None = None,
                      target_lang: str | None = None) -> SegmentStream:
        """The segments of ``path`` one at a time, in the direction asked for (see
        :meth:`read_as`). A store that does not stream reads the file first."""
        path = Path(path)
        if self.streams:
            stream = SegmentStream(path, lambda into: self.stream_segments(path, into, source_lang, target_lang))
        else:
            stream = SegmentStream.of(path, self.read_languages(path, source_lang, target_lang))
        return stream.directed(source_lang, target_lang) if source_lang or target_lang else stream

    def read_as(self, path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Corpus:
        """Read a corpus in the direction asked for: a file written the other way round
        (TICO-19's English-Indonesian TMX read as Indonesian-English) is reversed, and
        a language the file does not hold is an error."""
        return self.open_segments(path, source_lang, target_lang).corpus()

    def read_languages(self, path: Path, source_lang: str | None, target_lang: str | None) -> Corpus:
        """Hook for formats that hold more than two languages (TMX) or leave the source
        language unsaid (PO): read with the two asked for. Bilingual formats read the
        file as it is."""
        return self.read(path)

    def read_bytes(self, path: Path) -> bytes:
        """The file's bytes; an unreadable file is a :class:`FormatError` naming it."""
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise FormatError(f"cannot read {path}: {error.strerror or error}") from None

    def read_text(self, path: Path, charset: str = "utf-8") -> str:
        """The file's text (see :func:`decode`)."""
        return decode(self.read_bytes(path), path, charset)


class SegmentStream(Iterator[Segment]):
    """The segments of one file, read one at a time, and what the file says about them:
    ``info`` (languages, signature, extra) is settled once the first segment has been
    read, or the stream is exhausted (a format's trailing parts, the end)."""

    def __init__(self, path: Path, produce: Callable[[SegmentStream], Iterator[Segment]]) -> None:
        self.path = Path(path)
        self.info = CorpusInfo()
        self._segments = produce(self)

    @classmethod
    def of(cls, path: Path, corpus: Corpus) -> SegmentStream:
        """A stream over a corpus already read."""

        def produce(stream: SegmentStream) -> Iterator[Segment]:
            stream.info = CorpusInfo.of(corpus)
            yield from corpus.segments

        return cls(path, produce)

    def __next__(self) -> Segment:
        return next(self._segments)

    @property
    def source_lang(self) -> str:
        """The source language the file records (settled once the first segment is read)."""
        return self.info.source_lang

    @property
    def target_lang(self) -> str:
        """The target language the file records (settled once the first segment is read)."""
        return self.info.target_lang

    def corpus(self) -> Corpus:
        """Every remaining segment, as a corpus."""
        segments = list(self)
        info = self.info
        return Corpus(segments, info.source_lang, info.target_lang, info.signature, info.date, info.extra)

    def directed(self, source_lang: str | None, target_lang: str | None) -> SegmentStream:
        """This stream read as ``source_lang``-``target_lang``: reversed where the file
        holds the pair the other way round; another pair is a :class:`FormatError`."""
        inner = self

        def produce(stream: SegmentStream) -> Iterator[Segment]:
            first = next(inner, None)
            have = (inner.info.source_lang, inner.info.target_lang)
            wanted = (source_lang or have[0], target_lang or have[1])
            reverse = _same_pair(wanted, (have[1], have[0])) and not _same_pair(wanted, have)
            stream.info = inner.info.reversed() if reverse else inner.info
            if not _same_pair(wanted, (stream.info.source_lang, stream.info.target_lang)):
                raise FormatError(f"{inner.path}: holds {have[0]}-{have[1]}, not {wanted[0]}-{wanted[1]}")
            # A tool's "language not set" (xx, und) takes the language asked for.
            if base_lang(stream.info.source_lang) in WILDCARD_LANGS:
                stream.info.source_lang = wanted[0]
            if base_lang(stream.info.target_lang) in WILDCARD_LANGS:
                stream.info.target_lang = wanted[1]
            for segment in ([first] if first is not None else []):
                yield from _directed(segment, reverse)
            for segment in inner:
                yield from _directed(segment, reverse)
            if reverse:
                stream.info.extra = inner.info.reversed().extra  # trailing parts read at the end

        return SegmentStream(self.path, produce)


def _directed(segment: Segment, reverse: bool) -> Iterator[Segment]:
    if not reverse:
        yield segment
    else:
        reversed_one = reversed_segment(segment)
        if reversed_one is not None:
            yield reversed_one


@dataclass
class CorpusInfo:
    """What a file records about a corpus besides its segments. ``date`` may be settled
    only when the last segment is written (a rerun that changed nothing keeps the old
    one), so writers take it again at :meth:`SegmentWriter.close`. ``extra`` is what the
    file it was read from records about itself (origin format and version, header)."""

    source_lang: str = "id"
    target_lang: str = "en"
    signature: str = ""
    date: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    version: str = ""  # the format version to write; "" = the origin's (same format), else the default

    @classmethod
    def of(cls, corpus: Corpus) -> CorpusInfo:
        """The information ``corpus`` carries: languages, signature, date and extra."""
        return cls(corpus.source_lang, corpus.target_lang, corpus.signature, corpus.date, corpus.extra)

    def corpus(self) -> Corpus:
        """An empty corpus with this information (for date helpers and default paths)."""
        return Corpus([], self.source_lang, self.target_lang, self.signature, self.date, self.extra)

    def reversed(self) -> CorpusInfo:
        """The information of the corpus read the other way (see :meth:`Corpus.reversed`)."""
        reverse = self.corpus().reversed()
        return CorpusInfo(reverse.source_lang, reverse.target_lang, reverse.signature, reverse.date, reverse.extra)

    @property
    def origin(self) -> str:
        """The format the corpus was read from ("" for bitext's own)."""
        return str(self.extra.get("format", ""))

    def shaped(self, format_name: str) -> bool:
        """Whether a writer of ``format_name`` should write the corpus in the shape of the
        file it came from (it came from that format, and not turned round)."""
        return self.origin == format_name and not self.extra.get("reversed")


class SegmentWriter(ABC):
    """Streams segments into a file: :meth:`add` each, then :meth:`close` publishes it
    atomically (or :meth:`abort` leaves nothing). Memory stays bounded by one segment;
    formats whose header needs the final date write the body to a temporary file first
    and copy it behind the header on close."""

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        self.path = Path(path)
        self.info = info
        self.count = 0

    @abstractmethod
    def add(self, segment: Segment) -> None:
        """Write one segment."""

    @abstractmethod
    def close(self, date: str | None = None) -> list[Path]:
        """Finish and publish; ``date`` replaces the corpus date given at open."""

    @abstractmethod
    def abort(self) -> None:
        """Remove whatever was written; the target files are left as they were."""


class TextWriter(SegmentWriter):
    """A writer for one file written front to back: a temporary file beside the target,
    renamed into place on close. Subclasses give :meth:`header`, :meth:`render` (one
    segment) and :meth:`footer`; with ``dated_header`` the body waits in a second
    temporary file until the date is final."""

    dated_header = False
    binary = False

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        super().__init__(path, info)
        self._output = TemporaryBeside(self.path)
        # ".body.tmp": a temporary the next run's clean-up recognises, like the output's own.
        self._body = TemporaryBeside(self.path, ".body.tmp") if self.dated_header else self._output
        if not self.dated_header:
            self._output.write(self.header())

    def header(self) -> str | bytes:
        """What the file starts with; empty unless a subclass writes one."""
        return b"" if self.binary else ""

    def footer(self) -> str | bytes:
        """What the file ends with; empty unless a subclass writes one."""
        return b"" if self.binary else ""

    @abstractmethod
    def render(self, segment: Segment) -> str | bytes:
        """One segment as it stands in the file."""

    def add(self, segment: Segment) -> None:
        """Render one segment into the body and count it."""
        self._body.write(self.render(segment))
        self.count += 1

    def close(self, date: str | None = None) -> list[Path]:
        """Take ``date`` as the corpus date if given, write the header (when dated), the body and
        the footer, and rename the file into place; return ``[path]``. On failure nothing is
        left behind."""
        if date is not None:
            self.info.date = date
        try:
            if self.dated_header:
                self._output.write(self.header())
                self._body.copy_into(self._output)
                self._body.discard()
            self._output.write(self.footer())
            self._output.publish()
        except BaseException:
            self.abort()
            raise
        return [self.path]

    def abort(self) -> None:
        """Discard the temporary files; the target file is left as it was."""
        self._body.discard()
        self._output.discard()
