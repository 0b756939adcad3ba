"""Line-based formats for MT research: Moses parallel text and TSV.

Moses: ``PREFIX.id`` and ``PREFIX.en`` hold one segment a line (equal counts). bitext
writes ``PREFIX.ids`` beside them, each line's segment id and status, so the corpus reads
back; a segment with no translation yet is left out and counted. A pair without ids (an
OPUS corpus: ``corpus.id``, ``corpus.en``) is read too, named by either file or by the
stem: line numbers become the ids (``corpus:12:1``), and it is written back as a pair,
every line kept. A path ``PREFIX.moses`` names the prefix.

TSV: bitext's has a header row, then ``id, status, kind, source, target, mt, signature``;
tabs and line breaks inside text become spaces. A TSV without that header is read as
``source<TAB>target`` (further columns kept), one segment a line, and written back so.

Both are read a line at a time (only ``\\n`` ends a line), so a large corpus streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from bitext.errors import FormatError
from bitext.formats.base import (
    CorpusInfo,
    SegmentStream,
    SegmentWriter,
    Store,
    TextWriter,
    base_lang,
    decode,
    is_language_tag,
    normalized,
    refuse_multiline_id,
    segment_error,
    split_langs,
)
from bitext.formats.base import (
    stored as stored_extra,
)
from bitext.formats.tokens import plain_text
from bitext.model import Corpus, Segment, check_status, one_line, split_id
from bitext.signature import parse_signature

TSV_COLUMNS = ("id", "status", "kind", "source", "target", "mt", "signature")
# File name endings that are formats, not the language of a Moses side.
_FORMAT_SUFFIXES = {".ids", ".moses", ".jsonl", ".ndjson", ".tmx", ".xlf", ".xliff", ".po", ".tsv", ".tbx", ".txt",
                    ".csv", ".gz", ".xz", ".bz2", ".zip", ".json", ".xml", ".py", ".md"}


def _open_lines(path: Path) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as error:
        raise FormatError(f"cannot read {path}: {error.strerror or error}") from None


def _text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a UTF-8 file, numbered from 1, split at ``\\n`` only."""
    with _open_lines(path) as handle:
        for number, raw in enumerate(handle, 1):
            yield number, decode(raw, f"{path}:{number}").rstrip("\r\n")


def as_line(text: str) -> str:
    """``text`` on one line of a file read back line by line: only the characters that
    end a line there (``\n``, ``\r``) become spaces; everything else is kept."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _language_suffix(path: Path) -> str | None:
    suffix = path.suffix
    if not suffix or suffix.lower() in _FORMAT_SUFFIXES or not is_language_tag(suffix[1:]):
        return None
    return suffix[1:]


class MosesStore(Store):
    """Moses parallel text: two line files (and bitext's ``.ids``), streamed."""

    name = "moses"
    extensions = (".moses",)
    streams = True

    def default_path(self, folder: Path, corpus: Corpus) -> Path:
        """``SRC-TGT.moses`` in ``folder``: the prefix of the two line files and the ids file."""
        return folder / f"{corpus.source_lang}-{corpus.target_lang}.moses"

    @staticmethod
    def prefix(path: Path) -> Path:
        """The prefix a path names: ``PREFIX.moses``, ``PREFIX.ids``, one side's file
        (``corpus.id``, when it exists), or the prefix itself."""
        path = Path(path)
        if path.suffix in (".moses", ".ids"):
            return path.with_suffix("")
        if _language_suffix(path) and path.is_file():
            return path.with_suffix("")
        return path

    @classmethod
    def detect(cls, path: Path) -> bool:
        """Whether ``path`` names a Moses pair bitext can read without being told: one
        side's file or the stem of two language files."""
        path = Path(path)
        prefix = cls.prefix(path)
        return (path == prefix or _language_suffix(path) is not None) and len(cls.sides(prefix)) == 2

    @staticmethod
    def sides(prefix: Path) -> list[str]:
        """The languages of the files ``PREFIX.<lang>`` beside ``prefix``."""
        try:
            candidates = list(prefix.parent.glob(prefix.name.replace("[", "[[]") + ".*"))
        except OSError:
            return []
        languages = []
        for candidate in candidates:
            rest = candidate.name[len(prefix.name) + 1 :]
            if "." not in rest and candidate.is_file() and _language_suffix(candidate):
                languages.append(rest)
        return sorted(languages)

    def open_writer(self, path: Path, info: CorpusInfo) -> _MosesWriter:
        """A writer of the two line files (and the ids file, unless the pair was read without
        one); two equal or missing language codes are a :class:`FormatError`."""
        if info.source_lang == info.target_lang or not info.source_lang or not info.target_lang:
            raise FormatError(
                f"cannot write {path}: Moses needs two different language codes for its two files "
                f"(got {info.source_lang!r} and {info.target_lang!r})"
            )
        return _MosesWriter(path, info)

    def stream_segments(self, path: Path, stream: SegmentStream, source_lang: str | None,
                        target_lang: str | None) -> Iterator[Segment]:
        """The pair's lines side by side: with ids and statuses from ``PREFIX.ids`` when it
        exists, else as a pair without ids (line numbers as ids, ``imported`` where the
        target is not empty)."""
        prefix = self.prefix(Path(path))
        ids_path = prefix.with_name(prefix.name + ".ids")
        if ids_path.exists():
            yield from self._with_ids(prefix, ids_path, stream)
        else:
            yield from self._pair(prefix, Path(path), stream, source_lang, target_lang)

    def _with_ids(self, prefix: Path, ids_path: Path, stream: SegmentStream) -> Iterator[Segment]:
        source_lang, target_lang = self._languages(prefix, ids_path)
        stream.info.source_lang, stream.info.target_lang = source_lang, target_lang
        files = [ids_path, prefix.with_name(f"{prefix.name}.{source_lang}"), prefix.with_name(f"{prefix.name}.{target_lang}")]
        for number, (line, source, target) in _zipped(prefix, files, ["ids", source_lang, target_lang]):
            segment_id, _, status = line.partition("\t")
            doc, paragraph, sentence, key = split_id(segment_id, prefix.name, number)
            try:
                status = check_status(status or "imported")
            except ValueError as error:
                raise segment_error(ids_path, number, error) from None
            yield normalized(Segment(doc, paragraph, sentence, source, target, status, key=key))

    def _pair(self, prefix: Path, named: Path, stream: SegmentStream, source_lang: str | None,
              target_lang: str | None) -> Iterator[Segment]:
        languages = self.sides(prefix)
        source, target = _pair_languages(prefix, named, languages, source_lang, target_lang)
        stream.info.source_lang, stream.info.target_lang = source, target
        stream.info.extra = {"format": "moses", "ids": False}
        files = [prefix.with_name(f"{prefix.name}.{source}"), prefix.with_name(f"{prefix.name}.{target}")]
        for number, (source_text, target_text) in _zipped(prefix, files, [source, target]):
            status = "imported" if target_text.strip() else "new"
            yield normalized(Segment(prefix.name, number, 1, source_text, target_text, status))

    @staticmethod
    def _languages(prefix: Path, ids_path: Path) -> tuple[str, str]:
        """From a PREFIX named SRC-TGT (as bitext writes), else the two other suffixes."""
        source, target = split_langs(prefix.name)
        if target and all(prefix.with_name(f"{prefix.name}.{lang}").exists() for lang in (source, target)):
            return source, target
        languages = MosesStore.sides(prefix)
        if len(languages) != 2:
            raise FormatError(f"{prefix}: expected two language files beside {ids_path.name}, found {languages}")
        source = "id" if "id" in languages else languages[0]
        return source, next(lang for lang in languages if lang != source)


def _pair_languages(prefix: Path, named: Path, languages: list[str], source_lang: str | None,
                    target_lang: str | None) -> tuple[str, str]:
    """The source and target of a pair without ids: as asked, else the file named is the
    source, else the order of a pair in the prefix (``corpus.en-id``), else Indonesian
    first (bitext's direction)."""
    def find(lang: str | None) -> str | None:
        if lang is None:
            return None
        return next((side for side in languages if side.lower() == lang.lower()), None) or next(
            (side for side in languages if base_lang(side) == base_lang(lang)), None)

    if len(languages) != 2 and not (find(source_lang) and find(target_lang)):
        raise FormatError(f"{prefix}: a Moses pair needs two files {prefix.name}.<language>; found "
                          f"{', '.join(prefix.name + '.' + lang for lang in languages) or 'none'}")
    source = find(source_lang) or (_language_suffix(named) if named != prefix else None)
    if source is None and find(target_lang):
        source = next(lang for lang in languages if lang != find(target_lang))
    if source is None:
        pair = split_langs(prefix.suffix[1:] if prefix.suffix else prefix.name)
        source = find(pair[0]) if find(pair[1]) else None
    source = source or find("id") or languages[0]
    target = find(target_lang) or next(lang for lang in languages if lang != source)
    return source, target


def _zipped(prefix: Path, files: list[Path], names: list[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The files' lines side by side; files of different lengths are one error giving
    each file's count."""
    iterators = [_text_lines(file) for file in files]
    number = 0
    while True:
        rows = [next(iterator, None) for iterator in iterators]
        if all(row is None for row in rows):
            return
        if any(row is None for row in rows):
            counts = [number + (row is not None) + sum(1 for _ in iterator) for row, iterator in zip(rows, iterators)]
            shown = ", ".join(f"{name} {count}" for name, count in zip(names, counts))
            raise FormatError(f"{prefix}: line counts differ ({shown}); the files of a Moses pair hold one line a segment")
        number += 1
        yield number, tuple(row[1] for row in rows if row is not None)


class TsvStore(Store):
    """Tab-separated values: bitext's columns, or headerless source and target; streamed."""

    name = "tsv"
    extensions = (".tsv",)
    streams = True

    def open_writer(self, path: Path, info: CorpusInfo) -> TextWriter:
        """A writer of bitext's columns, or of source, target and the kept further columns for
        a TSV read without a header."""
        if info.origin == "tsv" and info.extra.get("headerless"):
            return _HeaderlessTsvWriter(path, info)
        return _TsvWriter(path, info)

    def stream_segments(self, path: Path, stream: SegmentStream, source_lang: str | None,
                        target_lang: str | None) -> Iterator[Segment]:
        """One row a segment under a header row naming the columns (``source``, and ``id`` or
        ``target``), the languages from the signature's ``langs``; a file without such a header
        is read as ``source<TAB>target``. An empty file is a :class:`FormatError`."""
        lines = _text_lines(path)
        first = next(lines, None)
        if first is None:
            raise FormatError(f"{path}:1: expected a header with at least the columns id and source, "
                              "or two tab-separated columns, source and target")
        header = first[1].split("\t")
        if not ("source" in header and ("id" in header or "target" in header)):
            yield from self._headerless(path, first, lines, stream, source_lang, target_lang)
            return
        count = 0
        for number, line in lines:
            if not line.strip():
                continue
            row = dict(zip(header, line.split("\t")))
            if "id" not in row:
                row["id"] = f"{path.stem}:{number - 1}:1"
            try:
                segment = Segment.from_dict({**row, "mt": row.get("mt") or None}, count + 1, path.stem)
            except ValueError as error:
                raise segment_error(path, number, error) from None
            count += 1
            signature = row.get("signature") or stream.info.signature
            stream.info.signature = signature
            source, target = split_langs(parse_signature(signature).get("langs", "id-en"))
            stream.info.source_lang, stream.info.target_lang = source or "id", target or "en"
            yield normalized(segment)

    def _headerless(self, path: Path, first: tuple[int, str], lines: Iterator[tuple[int, str]], stream: SegmentStream,
                    source_lang: str | None, target_lang: str | None) -> Iterator[Segment]:
        """``source<TAB>target`` a line; further columns kept for the writer."""
        stream.info.source_lang, stream.info.target_lang = source_lang or "id", target_lang or "en"
        stream.info.extra = {"format": "tsv", "headerless": True}
        for number, line in _chain(first, lines):
            cells = line.split("\t")
            if len(cells) < 2 and line.strip():
                raise FormatError(f"{path}:{number}: expected a header naming the columns (id, source, ...) "
                                  "or two tab-separated columns, source and target")
            source, target = (cells + [""])[:2]
            segment = Segment(path.stem, number, 1, source, target, "imported" if target.strip() else "new")
            if len(cells) > 2:
                segment.extra = {"tsv": {"columns": cells[2:]}}
            yield normalized(segment)


def _chain(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest


class _TsvWriter(TextWriter):
    # No quoting: fields never hold tabs or line breaks, and quotes stay literal text.
    def header(self) -> str:
        """The header row of bitext's columns."""
        return "\t".join(TSV_COLUMNS) + "\n"

    def render(self, segment: Segment) -> str:
        """One row of bitext's columns, each field on one line; an id holding a tab or line
        break is refused."""
        refuse_multiline_id(segment, self.path, "TSV")
        fields = [segment.id, segment.status, segment.kind, plain_text(segment.source, segment.codes),
                  plain_text(segment.target, segment.codes), segment.mt or "", self.info.signature]
        return "\t".join(one_line(field) for field in fields) + "\n"


class _HeaderlessTsvWriter(TextWriter):
    """A two-column TSV written back as it came: source, target, its other columns."""

    def render(self, segment: Segment) -> str:
        """Source and target (line breaks and tabs as spaces), then the columns the row
        was read with."""
        stored = stored_extra(segment, "tsv")
        columns = [str(cell) for cell in stored.get("columns") or []]
        fields = [plain_text(segment.source, segment.codes), plain_text(segment.target, segment.codes)]
        return "\t".join([*(as_line(field).replace("\t", " ") for field in fields), *columns]) + "\n"


class _LinesWriter(TextWriter):
    """One text line a segment (a Moses side), given as text."""

    def render(self, segment: Segment) -> str:
        """Refuse segments: a Moses side takes lines through :meth:`add_line`."""
        raise TypeError("a Moses side takes lines (add_line), not segments")

    def add_line(self, line: str) -> None:
        """Write one line of this side."""
        self._body.write(line + "\n")
        self.count += 1


class _MosesWriter(SegmentWriter):
    """Two line files side by side, and bitext's ids file. A segment with no translation
    yet is left out, except in a pair read without ids, which is written back line for
    line (no ids file)."""

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        super().__init__(path, info)
        prefix = MosesStore.prefix(Path(path))
        self.keep_all = info.origin == "moses" and info.extra.get("ids") is False
        self.paths = [
            prefix.with_name(f"{prefix.name}.{info.source_lang}"),
            prefix.with_name(f"{prefix.name}.{info.target_lang}"),
        ]
        if not self.keep_all:
            self.paths.append(prefix.with_name(f"{prefix.name}.ids"))
        self._files: list[_LinesWriter] = []
        try:
            for file_path in self.paths:
                self._files.append(_LinesWriter(file_path, info))
        except BaseException:
            self.abort()
            raise

    def add(self, segment: Segment) -> None:
        """Write the segment's line to each file. In a pair read without ids every segment is
        kept; otherwise a segment lacking a source or a target is skipped (not counted) and
        an id holding a tab or line break is refused."""
        source, target = plain_text(segment.source, segment.codes), plain_text(segment.target, segment.codes)
        if self.keep_all:
            lines = [as_line(source), as_line(target)]
        else:
            source, target = one_line(source), one_line(target)
            refuse_multiline_id(segment, self.path, "Moses")
            if not (source and target):
                return
            lines = [source, target, f"{segment.id}\t{segment.status}"]
        for writer, line in zip(self._files, lines):
            writer.add_line(line)
        self.count += 1

    def close(self, date: str | None = None) -> list[Path]:
        """Publish every file (``date`` as the corpus date); return their paths."""
        try:
            for writer in self._files:
                writer.close(date)
        except BaseException:
            self.abort()
            raise
        return self.paths

    def abort(self) -> None:
        """Discard every file's temporary; the target files are left as they were."""
        for writer in self._files:
            writer.abort()
