"""JSON Lines, the canonical store: one segment a line, every field kept."""

from __future__ import annotations

import json
from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import Store, atomic_output
from bitext.segments import Corpus, Segment, field_str


class JsonlStore(Store):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    marks_review = True

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        # The signature travels with each record, so merged or filtered corpora keep it.
        with atomic_output(path) as stream:
            for segment in corpus.segments:
                record = segment.to_dict(corpus.signature)
                record["langs"] = f"{corpus.source_lang}-{corpus.target_lang}"
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        return [path]

    def read(self, path: Path) -> Corpus:
        text = self.read_text(path)
        segments, signature, langs = [], "", "id-en"
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
