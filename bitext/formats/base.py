"""The store contract every format implements, and atomic file writing."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from bitext import __version__
from bitext.errors import FormatError, OutputError
from bitext.files import TemporaryBeside
from bitext.model import STATUSES, Corpus, Segment, TermMatch


@dataclass(frozen=True)
class StatusMarks:
    """How one segment status is written in each exchange format."""

    po_fuzzy: bool  # PO: the fuzzy flag (Poedit and Weblate show "needs work")
    xliff_state: str  # XLIFF 1.2 <target state>; "" = no target
    xliff_qualifier: str  # XLIFF 1.2 state-qualifier; "" = none
    xliff_approved: bool
    tmx_creator: str  # TMX <tuv creationid>; "" = none (CAT tools show it as the author)
    recorded: bool  # whether the format's own marks cannot tell it apart: bitext adds "status: X"


MT_CREATOR = "bitext-mt"

# The one table of how statuses travel through PO, XLIFF and TMX (JSONL, TSV and Moses
# write the status name itself). "imported" and "aligned" are human translations that
# nobody has reviewed in bitext: not fuzzy (they are not MT), not approved.
STATUS_MARKS: dict[str, StatusMarks] = {
    "new": StatusMarks(False, "", "", False, "", False),
    "mt": StatusMarks(True, "needs-review-translation", "leveraged-mt", False, MT_CREATOR, False),
    "reviewed": StatusMarks(False, "translated", "", True, "", False),
    "imported": StatusMarks(False, "translated", "leveraged-tm", False, "", True),
    "aligned": StatusMarks(False, "translated", "leveraged-tm", False, "", True),
}

assert set(STATUS_MARKS) == set(STATUSES)

STATUS_NOTE = "status: "  # the note or comment that records a status the marks cannot


def read_status(signal: str, recorded: str | None) -> str:
    """The status of a unit read back: ``signal`` is what the format's own marks say
    (``new``, ``mt`` or ``reviewed``), ``recorded`` a ``status:`` note bitext wrote.
    A recorded status stands where the marks cannot distinguish it (an unreviewed
    import looks reviewed in PO); a translator's mark (fuzzy, approval) wins otherwise."""
    if recorded and signal == "reviewed" and recorded in STATUS_MARKS and STATUS_MARKS[recorded].recorded:
        return recorded
    return signal


def _same_pair(a: tuple[str, str], b: tuple[str, str]) -> bool:
    def base(lang: str) -> str:
        return lang.lower().replace("_", "-").split("-")[0]

    return base(a[0]) == base(b[0]) and base(a[1]) == base(b[1])


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
    """Reads and writes a :class:`~bitext.segments.Corpus` in one file format.

    A store keeps segment ids (``doc:paragraph:sentence``), source, target and status
    through a write and a read; formats that can also keep kind, MT, glossary matches and
    the signature do.
    """

    name: str  # the --format name
    extensions: tuple[str, ...]  # file name endings, first is the default
    # Whether the format records a review state a translator sets (PO's fuzzy flag,
    # XLIFF's state and approved). Where it does not (TMX, TSV, Moses), an edited target
    # is the only sign of review.
    marks_review: bool = False

    def default_path(self, folder: Path, corpus: Corpus) -> Path:
        return folder / f"{corpus.source_lang}-{corpus.target_lang}{self.extensions[0]}"

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        """Write ``corpus`` to ``path`` atomically; return the files written."""
        writer = self.open_writer(Path(path), CorpusInfo.of(corpus))
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

    @abstractmethod
    def read(self, path: Path) -> Corpus:
        """Read a corpus; raise :class:`FormatError` with the file name on bad input."""

    def read_as(self, path: Path, source_lang: str | None = None, target_lang: str | None = None) -> Corpus:
        """Read a corpus in the direction asked for: a file written the other way round
        (TICO-19's English-Indonesian TMX read as Indonesian-English) is reversed, and
        a language the file does not hold is an error."""
        corpus = self.read_languages(path, source_lang, target_lang)
        wanted = (source_lang or corpus.source_lang, target_lang or corpus.target_lang)
        if _same_pair(wanted, (corpus.target_lang, corpus.source_lang)) and not _same_pair(
            wanted, (corpus.source_lang, corpus.target_lang)
        ):
            corpus = corpus.reversed()
        if not _same_pair(wanted, (corpus.source_lang, corpus.target_lang)):
            raise FormatError(
                f"{path}: holds {corpus.source_lang}-{corpus.target_lang}, not {wanted[0]}-{wanted[1]}"
            )
        return corpus

    def read_languages(self, path: Path, source_lang: str | None, target_lang: str | None) -> Corpus:
        """Hook for formats that hold more than two languages (TMX): read the two asked
        for. Bilingual formats read the file as it is."""
        return self.read(path)

    def read_bytes(self, path: Path) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise FormatError(f"cannot read {path}: {error.strerror or error}") from None

    def read_text(self, path: Path) -> str:
        try:
            return self.read_bytes(path).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FormatError(f"{path}: not UTF-8 (byte offset {error.start})") from None


@dataclass
class CorpusInfo:
    """What a file records about a corpus besides its segments. ``date`` may be settled
    only when the last segment is written (a rerun that changed nothing keeps the old
    one), so writers take it again at :meth:`SegmentWriter.close`."""

    source_lang: str = "id"
    target_lang: str = "en"
    signature: str = ""
    date: str = ""

    @classmethod
    def of(cls, corpus: Corpus) -> CorpusInfo:
        return cls(corpus.source_lang, corpus.target_lang, corpus.signature, corpus.date)

    def corpus(self) -> Corpus:
        """An empty corpus with this information (for date helpers and default paths)."""
        return Corpus([], self.source_lang, self.target_lang, self.signature, self.date)


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
        return b"" if self.binary else ""

    def footer(self) -> str | bytes:
        return b"" if self.binary else ""

    @abstractmethod
    def render(self, segment: Segment) -> str | bytes:
        """One segment as it stands in the file."""

    def add(self, segment: Segment) -> None:
        self._body.write(self.render(segment))
        self.count += 1

    def close(self, date: str | None = None) -> list[Path]:
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
        self._body.discard()
        self._output.discard()
