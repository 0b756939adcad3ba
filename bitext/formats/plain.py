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
from bitext.formats.base import Store, atomic_output, refuse_multiline_ids, segment_error
from bitext.segments import Corpus, Segment, check_status, one_line, split_id
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

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        prefix = self.prefix(Path(path))
        refuse_multiline_ids(corpus, path, "Moses")
        if corpus.source_lang == corpus.target_lang or not corpus.source_lang or not corpus.target_lang:
            raise FormatError(
                f"cannot write {path}: Moses needs two different language codes for its two files "
                f"(got {corpus.source_lang!r} and {corpus.target_lang!r})"
            )
        rows = [s for s in corpus.segments if one_line(s.source) and one_line(s.target)]
        paths = [
            prefix.with_name(f"{prefix.name}.{corpus.source_lang}"),
            prefix.with_name(f"{prefix.name}.{corpus.target_lang}"),
            prefix.with_name(f"{prefix.name}.ids"),
        ]
        columns = [
            [one_line(s.source) for s in rows],
            [one_line(s.target) for s in rows],
            [f"{s.id}\t{s.status}" for s in rows],
        ]
        for file_path, lines in zip(paths, columns):
            with atomic_output(file_path) as stream:
                stream.writelines(line + "\n" for line in lines)
        return paths

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

    def write(self, corpus: Corpus, path: Path) -> list[Path]:
        # No quoting: fields never hold tabs or line breaks, and quotes stay literal text.
        refuse_multiline_ids(corpus, path, "TSV")
        with atomic_output(path) as stream:
            stream.write("\t".join(TSV_COLUMNS) + "\n")
            for s in corpus.segments:
                fields = [s.id, s.status, s.kind, s.source, s.target, s.mt or "", corpus.signature]
                stream.write("\t".join(one_line(field) for field in fields) + "\n")
        return [path]

    def read(self, path: Path) -> Corpus:
        lines = self.read_text(path).splitlines()
        header = lines[0].split("\t") if lines else []
        if "id" not in header or "source" not in header:
            raise FormatError(f"{path}:1: expected a header with at least the columns id and source")
        segments, signature = [], ""
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
