"""Glossary files: TSV, CSV and TBX read into entries, with line numbers in errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bitext.errors import GlossaryError
from bitext.terms.entries import GlossaryEntry, fold_term

_TRUE = {"yes", "y", "true", "1", "ya"}

_FALSE = {"no", "n", "false", "0", "tidak", ""}

COLUMNS = ("source", "target", "note", "case_sensitive", "pos")

_COLUMN_ALIASES = {
    "part_of_speech": "pos",
    "partofspeech": "pos",
    "casesensitive": "case_sensitive",
    "case": "case_sensitive",
    "comment": "note",
    "notes": "note",
    "definition": "note",
}


def _parse_bool(value: str, where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise GlossaryError(f"{where}: case_sensitive must be yes or no, not {value!r}")


def _read_delimited(text: str, name: str, delimiter: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV or CSV glossary with their 1-based line numbers. TSV is split on tabs
    only (a quote is an ordinary character, as in every terminology TSV); CSV follows
    RFC 4180 quoting, and a quoting error or an oversized field names its line."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), None)
    if first is None:
        raise GlossaryError(f"{name}: the glossary is empty")
    if delimiter == "\t":
        numbered = [(number, line.split("\t")) for number, line in enumerate(lines[first:], first + 1)]
    else:
        numbered = _csv_rows(lines[first:], name, first)
    header_line, header = numbered[0]
    header = [column.strip().lower().replace("-", "_").replace(" ", "_") for column in header]
    header = [_COLUMN_ALIASES.get(column, column) for column in header]
    if "source" not in header or "target" not in header:
        raise GlossaryError(
            f"{name}:{header_line}: the first row must be a header naming the columns "
            f"(source, target, and optionally note, case_sensitive, pos); found {header}"
        )
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise GlossaryError(f"{name}:{header_line}: unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}")
    rows = []
    for number, cells in numbered[1:]:
        if not cells or all(not cell.strip() for cell in cells) or cells[0].startswith("#"):
            continue
        if len(cells) > len(header):
            raise GlossaryError(f"{name}:{number}: {len(cells)} fields but the header has {len(header)}")
        rows.append((number, dict(zip(header, (cell.strip() for cell in cells)))))
    return rows


def _csv_rows(lines: list[str], name: str, offset: int) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO("\n".join(lines)), strict=True)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + offset + 1
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            raise GlossaryError(f"{name}:{start}: not valid CSV ({error})") from None
        rows.append((start, cells))


def _read_tbx(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    """TBX-Basic (v2 martif/termEntry/langSet/tig and v3 tbx/conceptEntry/langSec/termSec)."""
    from bitext.xmlsafe import parse_xml

    root = parse_xml(data, name)
    rows = []
    for concept in root.iter("{*}termEntry", "{*}conceptEntry"):
        by_lang: dict[str, list[str]] = {}
        note = pos = ""
        for element in concept.iter():
            tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
            if tag in ("langSet", "langSec"):
                lang = (element.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()
                for term in element.iter("{*}term"):
                    text = "".join(term.itertext()).strip()
                    by_lang.setdefault(lang.split("-")[0], []).append(text)
            elif tag in ("descrip", "note") and not note:
                note = " ".join("".join(element.itertext()).split())
            elif tag == "termNote" and element.get("type") == "partOfSpeech" and not pos:
                pos = (element.text or "").strip()
        sources, targets = by_lang.get("id", []), by_lang.get("en", [])
        line = concept.sourceline or 0
        if not sources or not targets:
            raise GlossaryError(f"{name}:{line}: a TBX concept needs an Indonesian (id) and an English (en) term")
        rows.append((line, {"source": "|".join(sources), "target": targets[0], "note": note, "pos": pos}))
    if not rows:
        raise GlossaryError(f"{name}: no termEntry or conceptEntry elements; is this TBX?")
    return rows


def _validated(rows: list[tuple[int, dict[str, str]]], name: str) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    seen: dict[str, tuple[int, str]] = {}
    for line, row in rows:
        where = f"{name}:{line}"
        sources = tuple(" ".join(s.split()) for s in (row.get("source") or "").split("|"))
        targets = tuple(" ".join(t.split()) for t in (row.get("target") or "").split("|"))
        target = targets[0]
        if not any(sources) or not target:
            raise GlossaryError(f"{where}: empty {'source' if not any(sources) else 'target'} term")
        if not all(sources):
            raise GlossaryError(f"{where}: empty source variant in {row.get('source')!r}")
        if not all(targets):
            raise GlossaryError(f"{where}: empty target form in {row.get('target')!r}")
        case_sensitive = _parse_bool(row.get("case_sensitive") or "", where)
        for source in sources:
            key = fold_term(source, case_sensitive)
            if key in seen:
                first_line, first_target = seen[key]
                kind = "duplicate entry" if first_target == target else "conflicting entry"
                raise GlossaryError(
                    f"{where}: {kind} for {source!r} (line {first_line} gives {first_target!r}, this line {target!r})"
                )
            seen[key] = (line, target)
        entries.append(GlossaryEntry(sources, targets, case_sensitive, row.get("note") or "", row.get("pos") or ""))
    if not entries:
        raise GlossaryError(f"{name}: the glossary has a header but no entries")
    return entries


def read_entries(path: str | Path) -> list[GlossaryEntry]:
    """The entries of a TSV, CSV or TBX glossary file (by extension; ``.txt`` is TSV)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read glossary {path}: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        rows = _read_tbx(data, str(path))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise GlossaryError(f"{path}: not UTF-8 (byte offset {error.start})") from None
        rows = _read_delimited(text, str(path), "," if suffix == ".csv" else "\t")
    return _validated(rows, str(path))
