"""Line-based formats for MT research: Moses parallel text and TSV.

Moses: ``PREFIX.id`` and ``PREFIX.en`` hold one segment a line (equal counts, no empty
lines; a segment with no translation yet is left out and counted), and ``PREFIX.ids``
holds each line's segment id and status, so the corpus can be read back. A path
``PREFIX.moses`` names the prefix.

TSV: a header row, then ``id, status, kind, source, target, mt, signature``; tabs and
line breaks inside text become spaces.
"""

from __future__ import annotations

from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import (
    CorpusInfo,
    SegmentWriter,
    Store,
    TextWriter,
    refuse_multiline_id,
    segment_error,
)
from bitext.model import Corpus, Segment, check_status, one_line, split_id
from bitext.signature import parse_signature

TSV_COLUMNS = ("id", "status", "kind", "source", "target", "mt", "signature")


class MosesStore(Store):
    name = "moses"
    extensions = (".moses",)

    def default_path(self, folder: Path, corpus: Corpus) -> Path:
        return folder / f"{corpus.source_lang}-{corpus.target_lang}.moses"

    @staticmethod
    def prefix(path: Path) -> Path:
        return path.with_suffix("") if path.suffix in (".moses", ".ids") else path

    def open_writer(self, path: Path, info: CorpusInfo) -> _MosesWriter:
        if info.source_lang == info.target_lang or not info.source_lang or not info.target_lang:
            raise FormatError(
                f"cannot write {path}: Moses needs two different language codes for its two files "
                f"(got {info.source_lang!r} and {info.target_lang!r})"
            )
        return _MosesWriter(path, info)

    def read(self, path: Path) -> Corpus:
        prefix = self.prefix(Path(path))
        ids_path = prefix.with_name(prefix.name + ".ids")
        ids = self.read_text(ids_path).splitlines()
        source_lang, target_lang = self._languages(prefix, ids_path)
        sources = self.read_text(prefix.with_name(f"{prefix.name}.{source_lang}")).splitlines()
        targets = self.read_text(prefix.with_name(f"{prefix.name}.{target_lang}")).splitlines()
        if not len(ids) == len(sources) == len(targets):
            raise FormatError(
                f"{prefix}: line counts differ (ids {len(ids)}, {source_lang} {len(sources)}, {target_lang} {len(targets)})"
            )
        segments = []
        for number, (line, source, target) in enumerate(zip(ids, sources, targets), 1):
            segment_id, _, status = line.partition("\t")
            doc, paragraph, sentence, key = split_id(segment_id, prefix.name, number)
            try:
                status = check_status(status or "imported")
            except ValueError as error:
                raise segment_error(ids_path, number, error) from None
            segments.append(Segment(doc, paragraph, sentence, source, target, status, key=key))
        return Corpus(segments, source_lang, target_lang)


    @staticmethod
    def _languages(prefix: Path, ids_path: Path) -> tuple[str, str]:
        """From a PREFIX named SRC-TGT (as bitext writes), else the two other suffixes."""
        source, _, target = prefix.name.partition("-")
        if target and all(prefix.with_name(f"{prefix.name}.{lang}").exists() for lang in (source, target)):
            return source, target
        others = {".ids", ".moses", ".jsonl", ".ndjson", ".tmx", ".xlf", ".xliff", ".po", ".tsv"}
        languages = sorted(p.suffix[1:] for p in prefix.parent.glob(prefix.name + ".*") if p.suffix not in others)
        if len(languages) != 2:
            raise FormatError(f"{prefix}: expected two language files beside {ids_path.name}, found {languages}")
        source = "id" if "id" in languages else languages[0]
        return source, next(lang for lang in languages if lang != source)


class TsvStore(Store):
    name = "tsv"
    extensions = (".tsv",)

    def open_writer(self, path: Path, info: CorpusInfo) -> _TsvWriter:
        return _TsvWriter(path, info)

    def read(self, path: Path) -> Corpus:
        lines = self.read_text(path).splitlines()
        header = lines[0].split("\t") if lines else []
        if "id" not in header or "source" not in header:
            raise FormatError(f"{path}:1: expected a header with at least the columns id and source")
        segments: list[Segment] = []
        signature = ""
        for number, line in enumerate(lines[1:], 2):
            if not line.strip():
                continue
            row = dict(zip(header, line.split("\t")))
            try:
                segments.append(Segment.from_dict({**row, "mt": row.get("mt") or None}, len(segments) + 1, path.stem))
            except ValueError as error:
                raise segment_error(path, number, error) from None
            signature = row.get("signature") or signature
        source_lang, _, target_lang = parse_signature(signature).get("langs", "id-en").partition("-")
        return Corpus(segments, source_lang or "id", target_lang or "en", signature)


class _TsvWriter(TextWriter):
    # No quoting: fields never hold tabs or line breaks, and quotes stay literal text.
    def header(self) -> str:
        return "\t".join(TSV_COLUMNS) + "\n"

    def render(self, segment: Segment) -> str:
        refuse_multiline_id(segment, self.path, "TSV")
        fields = [segment.id, segment.status, segment.kind, segment.source, segment.target, segment.mt or "",
                  self.info.signature]
        return "\t".join(one_line(field) for field in fields) + "\n"


class _LinesWriter(TextWriter):
    """One text line a segment (a Moses side), given as text."""

    def render(self, segment: Segment) -> str:
        raise TypeError("a Moses side takes lines (add_line), not segments")

    def add_line(self, line: str) -> None:
        """Write one line of this side."""
        self._body.write(line + "\n")
        self.count += 1


class _MosesWriter(SegmentWriter):
    """Three line files written side by side; a segment with no translation yet is left out."""

    def __init__(self, path: Path, info: CorpusInfo) -> None:
        super().__init__(path, info)
        prefix = MosesStore.prefix(Path(path))
        self.paths = [
            prefix.with_name(f"{prefix.name}.{info.source_lang}"),
            prefix.with_name(f"{prefix.name}.{info.target_lang}"),
            prefix.with_name(f"{prefix.name}.ids"),
        ]
        self._files: list[_LinesWriter] = []
        try:
            for file_path in self.paths:
                self._files.append(_LinesWriter(file_path, info))
        except BaseException:
            self.abort()
            raise

    def add(self, segment: Segment) -> None:
        refuse_multiline_id(segment, self.path, "Moses")
        if not (one_line(segment.source) and one_line(segment.target)):
            return
        for writer, line in zip(self._files, (one_line(segment.source), one_line(segment.target),
                                               f"{segment.id}\t{segment.status}")):
            writer.add_line(line)
        self.count += 1

    def close(self, date: str | None = None) -> list[Path]:
        try:
            for writer in self._files:
                writer.close(date)
        except BaseException:
            self.abort()
            raise
        return self.paths

    def abort(self) -> None:
        for writer in self._files:
            writer.abort()
