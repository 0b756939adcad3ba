"""JSON Lines, the canonical store: one segment a line, every field kept.

A record holds bitext's fields, then whatever another tool's file carried (plurals,
context, inline codes, notes, ...; each left out while empty), the signature and the
language pair (``langs``: ``id-en``; tags with a region are also written whole, as
``source_lang`` and ``target_lang``). What the file a corpus came from records about
itself (its format and version, header, skeleton) rides on the first record as
``corpus`` (an empty corpus writes it on a line of its own), so a file converted to JSONL
and back comes back in its own shape.

Only ``\\n`` ends a record: a text holding U+2028 or a form feed is one record still.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import (
    CorpusInfo,
    SegmentStream,
    Store,
    TextWriter,
    decode,
    join_langs,
    normalized,
    split_langs,
)
from bitext.model import Segment, field_str


class JsonlStore(Store):
    """bitext's canonical store: one JSON record a line, streamed."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    marks_review = True
    streams = True

    def open_writer(self, path: Path, info: CorpusInfo) -> _JsonlWriter:
        """A writer of one JSON record a line (the origin's extra rides on the first record)."""
        return _JsonlWriter(path, info)

    def stream_segments(self, path: Path, stream: SegmentStream, source_lang: str | None,
                        target_lang: str | None) -> Iterator[Segment]:
        """One record a line, read a line at a time (split at ``\\n`` only)."""
        count = 0
        for number, line in _lines(path):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if isinstance(record, dict) and record and set(record) <= _INFO_FIELDS:
                    _take_info(record, stream.info)  # an empty corpus's line: what its file said, no segment
                    continue
                segment = Segment.from_dict(record, count + 1, path.stem)
                _take_info(record, stream.info)
            except (json.JSONDecodeError, RecursionError, ValueError) as error:
                raise FormatError(f"{path}:{number}: not a bitext record ({error})") from None
            count += 1
            yield normalized(segment)


_INFO_FIELDS = {"corpus", "langs", "source_lang", "target_lang", "signature"}


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):  # binary lines end at b"\n" only
                yield number, decode(raw, f"{path}:{number}").rstrip("\r\n")
    except OSError as error:
        raise FormatError(f"cannot read {path}: {error.strerror or error}") from None


def _take_info(record: dict, info: CorpusInfo) -> None:
    """What a record says about its corpus: signature, languages, the origin's extra."""
    info.signature = field_str(record, "signature", default="") or info.signature
    langs = field_str(record, "langs", default="")
    if "source_lang" in record or "target_lang" in record:
        info.source_lang = field_str(record, "source_lang", default="") or info.source_lang
        info.target_lang = field_str(record, "target_lang", default="") or info.target_lang
    elif langs:
        source, target = split_langs(langs)
        info.source_lang, info.target_lang = source or "id", target or "en"
    corpus = record.get("corpus")
    if corpus is not None:
        if not isinstance(corpus, dict):
            raise ValueError("field 'corpus' must be an object")
        info.extra = corpus


class _JsonlWriter(TextWriter):
    def __init__(self, path: Path, info: CorpusInfo) -> None:
        super().__init__(path, info)
        self._first = True

    def render(self, segment: Segment) -> str:
        """The segment as one JSON line with the signature and ``langs`` (``source_lang`` and
        ``target_lang`` too when a tag has a region); the first record also carries the
        corpus's extra (if any) as ``corpus``."""
        # The signature travels with each record, so merged or filtered corpora keep it.
        record = segment.to_dict(self.info.signature)
        source, target = self.info.source_lang, self.info.target_lang
        record["langs"] = join_langs(source, target)
        if any(mark in source + target for mark in "-_"):
            record["source_lang"], record["target_lang"] = source, target
        if self._first and self.info.extra:
            record["corpus"] = self.info.extra
        self._first = False
        return json.dumps(record, ensure_ascii=False) + "\n"

    def footer(self) -> str:
        """An empty corpus read from another tool's file keeps what the file said (its
        header) in a line of its own, so it converts back to the same file."""
        if not self._first or not self.info.extra:
            return ""
        record: dict = {"langs": join_langs(self.info.source_lang, self.info.target_lang),
                        "source_lang": self.info.source_lang, "target_lang": self.info.target_lang,
                        "corpus": self.info.extra}
        return json.dumps(record, ensure_ascii=False) + "\n"
