"""JSON Lines, the canonical store: one segment a line, every field kept."""

from __future__ import annotations

import json
from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import CorpusInfo, Store, TextWriter
from bitext.model import Corpus, Segment, field_str


class JsonlStore(Store):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    marks_review = True

    def open_writer(self, path: Path, info: CorpusInfo) -> _JsonlWriter:
        return _JsonlWriter(path, info)

    def read(self, path: Path) -> Corpus:
        text = self.read_text(path)
        segments: list[Segment] = []
        signature, langs = "", "id-en"
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                segments.append(Segment.from_dict(record, len(segments) + 1, path.stem))
                signature = field_str(record, "signature", default="") or signature
                langs = field_str(record, "langs", default="") or langs
            except (json.JSONDecodeError, RecursionError, ValueError) as error:
                raise FormatError(f"{path}:{number}: not a bitext record ({error})") from None
        source_lang, _, target_lang = langs.partition("-")
        return Corpus(segments, source_lang or "id", target_lang or "en", signature)


class _JsonlWriter(TextWriter):
    def render(self, segment: Segment) -> str:
        # The signature travels with each record, so merged or filtered corpora keep it.
        record = segment.to_dict(self.info.signature)
        record["langs"] = f"{self.info.source_lang}-{self.info.target_lang}"
        return json.dumps(record, ensure_ascii=False) + "\n"
