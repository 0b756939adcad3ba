"""Glossary files: TSV, CSV and TBX read into entries, with line numbers in errors.

Two shapes of file:

* **bitext's glossary** (TSV or CSV): a header naming ``source`` and ``target`` (and
  optionally ``note``, ``case_sensitive``, ``pos``), one concept a row, source variants
  and accepted target forms separated by ``|``. Two rows giving one source term different
  targets are a conflict, reported with both lines.
* **a termbase** (TBX; a CSV or TSV with language columns, such as TICO-19's
  ``sourceLang,targetLang,sourceString,targetString``): concepts in any languages, read
  for the pair asked for (``id``-``en`` unless told), the other way round when the file
  runs the other way. Several terms of one language in a concept are synonyms; concepts
  that share a source term are one entry whose accepted targets are all of theirs (a
  termbase read backwards lists each English synonym of "virus korona" as a concept of
  its own). Deprecated and superseded terms are never accepted targets.

TBX: TBX-Basic and TBX v2 (``martif``/``termEntry``/``langSet``/``tig`` or ``ntig``), TBX v3
and TBX-Core (``tbx``/``conceptEntry``/``langSec``/``termSec``, DCA or DCT style) and
TBX-Min (``entry``/``langGroup``/``termGroup``), as Weblate, translate-toolkit and
termbase tools write them. Language tags match by language (``id`` matches ``id-ID``);
``xx`` and ``und`` (a tool's "language not set") match any.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bitext.errors import GlossaryError
from bitext.terms.entries import GlossaryEntry, fold_term

_TRUE = {"yes", "y", "true", "1", "ya"}

_FALSE = {"no", "n", "false", "0", "tidak", ""}

COLUMNS = ("source", "target", "note", "case_sensitive", "pos")
LANGUAGE_COLUMNS = ("source_lang", "target_lang")

_COLUMN_ALIASES = {
    "part_of_speech": "pos",
    "partofspeech": "pos",
    "casesensitive": "case_sensitive",
    "case": "case_sensitive",
    "comment": "note",
    "notes": "note",
    "definition": "note",
    # termbase exports (TICO-19, memoQ/Trados CSV): strings and their languages
    "sourcestring": "source",
    "targetstring": "target",
    "source_string": "source",
    "target_string": "target",
    "sourceterm": "source",
    "targetterm": "target",
    "source_term": "source",
    "target_term": "target",
    "sourcelang": "source_lang",
    "targetlang": "target_lang",
    "source_language": "source_lang",
    "target_language": "target_lang",
    "sourcelanguage": "source_lang",
    "targetlanguage": "target_lang",
}
_IGNORED_COLUMNS = {"id", "concept", "concept_id", "entry_id"}  # a termbase's own numbering
WILDCARD_LANGS = {"xx", "und", ""}
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded", "deprecatedterm",
               "supersededterm", "notrecommended", "not recommended", "obsolete", "forbidden"}
_PREFERRED = {"preferredterm-admn-sts", "preferred", "preferredterm"}


def base_lang(tag: str) -> str:
    """``id`` of ``id_ID``, ``id-ID`` and ``in-ID`` (Java's old code for Indonesian)."""
    language = tag.replace("_", "-").split("-")[0].strip().lower()
    return {"in": "id", "iw": "he", "ji": "yi"}.get(language, language)


def lang_matches(tag: str, wanted: str) -> bool:
    """Whether a file's tag is the language wanted (``xx``/``und`` match any)."""
    return base_lang(tag) == base_lang(wanted) or base_lang(tag) in WILDCARD_LANGS


def _parse_bool(value: str, where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise GlossaryError(f"{where}: case_sensitive must be yes or no, not {value!r}")


@dataclass
class Row:
    """One row or concept: its line, its cells, and whether it comes from a termbase
    (where concepts sharing a source term merge instead of conflicting)."""

    line: int
    cells: dict[str, str]
    termbase: bool = False
    targets: list[str] = field(default_factory=list)  # a termbase concept's accepted targets, preferred first


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _read_delimited(text: str, name: str, delimiter: str, pair: tuple[str, str]) -> list[Row]:
    """Rows of a TSV or CSV glossary with their 1-based line numbers. TSV is split on tabs
    only (a quote is an ordinary character, as in every terminology TSV); CSV follows
    RFC 4180 quoting, and a quoting error or an oversized field names its line."""
    lines = _lines(text)
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
    unknown = [column for column in header if column not in (*COLUMNS, *LANGUAGE_COLUMNS, *_IGNORED_COLUMNS)]
    if unknown:
        raise GlossaryError(f"{name}:{header_line}: unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}")
    termbase = any(column in LANGUAGE_COLUMNS for column in header)
    rows = []
    for number, cells in numbered[1:]:
        if not cells or all(not cell.strip() for cell in cells) or cells[0].startswith("#"):
            continue
        if len(cells) > len(header):
            raise GlossaryError(f"{name}:{number}: {len(cells)} fields but the header has {len(header)}")
        row = dict(zip(header, (cell.strip() for cell in cells)))
        if termbase:
            row = _oriented(row, pair, f"{name}:{number}")
        rows.append(Row(number, row, termbase))
    return rows


def _oriented(row: dict[str, str], pair: tuple[str, str], where: str) -> dict[str, str]:
    """A termbase row in the direction asked for: swapped when it runs the other way."""
    source_lang, target_lang = row.get("source_lang", ""), row.get("target_lang", "")
    if lang_matches(source_lang, pair[0]) and lang_matches(target_lang, pair[1]):
        return row
    if lang_matches(source_lang, pair[1]) and lang_matches(target_lang, pair[0]):
        return {**row, "source": row.get("target", ""), "target": row.get("source", "")}
    raise GlossaryError(f"{where}: a {source_lang}-{target_lang} term, not {pair[0]}-{pair[1]} "
                        f"(or {pair[1]}-{pair[0]}); pass the glossary's languages")


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


# -- TBX -------------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONCEPT_TAGS = {"termEntry", "conceptEntry", "entry"}
LANGUAGE_TAGS = {"langSet", "langSec", "langGroup"}
TERM_TAGS = {"tig", "ntig", "termSec", "termGroup"}


def _local(tag: object) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


@dataclass
class TbxTerm:
    """One term of a concept: its text and what the termbase says about it."""

    text: str
    status: str = ""  # administrative status or normative authorization, as written
    pos: str = ""

    @property
    def deprecated(self) -> bool:
        """A deprecated or superseded term: never an accepted target."""
        return self.status.strip().lower() in _DEPRECATED

    @property
    def preferred(self) -> bool:
        """A preferred term: the one enforcement forces."""
        return self.status.strip().lower() in _PREFERRED


@dataclass
class TbxConcept:
    """A concept of a termbase: its id and line, its terms by language (as written) and
    its first definition or note."""

    id: str
    line: int
    terms: dict[str, list[TbxTerm]] = field(default_factory=dict)
    note: str = ""

    def in_language(self, wanted: str) -> list[TbxTerm]:
        """The concept's terms in ``wanted`` (the same tag first, else the same language)."""
        for tag, terms in self.terms.items():
            if tag.lower() == wanted.lower():
                return terms
        return next((terms for tag, terms in self.terms.items() if lang_matches(tag, wanted)), [])


def term_info(holder, term_element) -> TbxTerm:  # noqa: ANN001 - lxml elements
    """What a termbase says of one term (``term_element`` inside ``holder``: its tig,
    ntig or termSec): its text, administrative status and part of speech."""
    text = " ".join("".join(term_element.itertext()).split())
    status = pos = ""
    for element in holder.iter():
        name = _local(element.tag)
        kind = (element.get("type") or "").replace(" ", "")
        value = " ".join("".join(element.itertext()).split())
        if name in ("administrativeStatus", "normativeAuthorization") or kind in ("administrativeStatus",
                                                                                  "normativeAuthorization"):
            status = status or value
        elif name == "partOfSpeech" or kind == "partOfSpeech":
            pos = pos or value
    return TbxTerm(text, status, pos)


def tbx_concepts(data: bytes, name: str) -> Iterator[tuple[object, TbxConcept]]:
    """The concepts of a TBX file in any of its shapes, with their elements."""
    from bitext.xmlsafe import parse_xml

    root = parse_xml(data, name)
    found = False
    for concept in root.iter():
        if _local(concept.tag) not in CONCEPT_TAGS or not any(_local(c.tag) in LANGUAGE_TAGS for c in concept):
            continue
        found = True
        yield concept, _concept(concept)
    if not found:
        raise GlossaryError(f"{name}: no termEntry, conceptEntry or entry elements; is this TBX?")


def _concept(concept) -> TbxConcept:  # noqa: ANN001 - an lxml element
    result = TbxConcept(concept.get("id") or "", concept.sourceline or 0)
    for element in concept.iter():
        tag = _local(element.tag)
        if tag in LANGUAGE_TAGS:
            lang = element.get(XML_LANG) or element.get("lang") or ""
            terms = result.terms.setdefault(lang, [])
            holders = [child for child in element.iter() if _local(child.tag) in TERM_TAGS] or [element]
            for holder in holders:
                term = next((t for t in holder.iter() if _local(t.tag) == "term"), None)
                if term is not None and "".join(term.itertext()).strip():
                    terms.append(term_info(holder, term))
        elif tag in ("descrip", "note", "definition") and not result.note:
            result.note = " ".join("".join(element.itertext()).split())
    return result


def _read_tbx(data: bytes, name: str, pair: tuple[str, str]) -> list[Row]:
    """Each concept with terms in both languages of ``pair`` as one row (others are left
    out: a multilingual termbase need not have every concept in every language)."""
    rows = []
    languages: set[str] = set()
    for _, concept in tbx_concepts(data, name):
        languages.update(concept.terms)
        sources = [term.text for term in concept.in_language(pair[0])]
        targets = [term for term in concept.in_language(pair[1]) if not term.deprecated]
        targets.sort(key=lambda term: not term.preferred)
        if not sources or not targets:
            continue
        pos = next((term.pos for term in targets if term.pos), "")
        row = {"source": "|".join(dict.fromkeys(sources)), "target": targets[0].text, "note": concept.note, "pos": pos}
        rows.append(Row(concept.line, row, True, list(dict.fromkeys(term.text for term in targets))))
    if not rows:
        shown = ", ".join(sorted(tag or "(none)" for tag in languages))
        raise GlossaryError(f"{name}: no concept has both {pair[0]} and {pair[1]} terms (its languages: {shown})")
    return rows


# -- checking and merging --------------------------------------------------------------


@dataclass
class _Draft:
    """An entry being built from one row, or from several termbase concepts."""

    line: int
    sources: list[str]
    targets: list[str]
    case_sensitive: bool
    note: str
    pos: str
    termbase: bool

    def entry(self) -> GlossaryEntry:
        """The finished entry."""
        return GlossaryEntry(tuple(self.sources), tuple(self.targets), self.case_sensitive, self.note, self.pos)


def _split_cell(value: str) -> list[str]:
    if "|" not in value and "  " not in value and value.isprintable():
        return [value.strip()]  # the common cell: one term, single spaces (a fast path of the line below)
    return [" ".join(part.split()) for part in value.split("|")]


def _draft(row: Row, where: str) -> _Draft:
    cells = row.cells
    sources = _split_cell(cells.get("source") or "")
    targets = list(row.targets) or _split_cell(cells.get("target") or "")
    if not any(sources) or not targets[0]:
        raise GlossaryError(f"{where}: empty {'source' if not any(sources) else 'target'} term")
    if not all(sources):
        raise GlossaryError(f"{where}: empty source variant in {cells.get('source')!r}")
    if not all(targets):
        raise GlossaryError(f"{where}: empty target form in {cells.get('target')!r}")
    flag = cells.get("case_sensitive")
    case_sensitive = _parse_bool(flag, where) if flag else False
    unique = sources if len(sources) == 1 else list(dict.fromkeys(sources))
    return _Draft(row.line, unique, targets, case_sensitive, cells.get("note") or "", cells.get("pos") or "",
                  row.termbase)


def _validated(rows: list[Row], name: str) -> list[GlossaryEntry]:
    drafts: list[_Draft | GlossaryEntry] = []
    seen: dict[str, _Draft | GlossaryEntry] = {}
    lines: dict[int, int] = {}  # id() of an entry -> its line, for error messages
    for row in rows:
        draft = _draft(row, f"{name}:{row.line}")
        folded = [fold_term(source, draft.case_sensitive) for source in draft.sources]
        firsts = [seen.get(key) for key in folded]
        merged_into = None
        for source, first in zip(draft.sources, firsts):
            if first is None:
                continue
            if draft.termbase and isinstance(first, _Draft):
                merged_into = merged_into or first  # a synonym: one concept's targets join the other's
                continue
            kind = "duplicate entry" if first.targets[0] == draft.targets[0] else "conflicting entry"
            first_line = first.line if isinstance(first, _Draft) else lines[id(first)]
            raise GlossaryError(
                f"{name}:{row.line}: {kind} for {source!r} (line {first_line} gives {first.targets[0]!r}, "
                f"this line {draft.targets[0]!r})"
            )
        if merged_into is not None:
            _merge(merged_into, draft, seen)
            continue
        # A plain glossary row is final at once; a termbase concept may still gain synonyms.
        item: _Draft | GlossaryEntry = draft if draft.termbase else draft.entry()
        if not draft.termbase:
            lines[id(item)] = row.line
        for key in folded:
            seen[key] = item
        drafts.append(item)
    if not drafts:
        raise GlossaryError(f"{name}: the glossary has a header but no entries")
    return [item.entry() if isinstance(item, _Draft) else item for item in drafts]


def _merge(into: _Draft, draft: _Draft, seen: dict[str, _Draft | GlossaryEntry]) -> None:
    for source in draft.sources:
        key = fold_term(source, draft.case_sensitive)
        if key not in seen:
            into.sources.append(source)
            seen[key] = into
    into.targets.extend(target for target in draft.targets if target not in into.targets)
    into.note = into.note or draft.note
    into.pos = into.pos or draft.pos


def _decoded(data: bytes, path: Path) -> str:
    """UTF-8 text; UTF-16 (what Excel saves as "Unicode text") or another encoding is one
    line with the ``iconv`` command that converts it, as for text inputs."""
    from bitext.ingest.reader import likely_encoding

    likely = likely_encoding(data)
    if likely.startswith("UTF-16"):
        raise GlossaryError(f"{path}: not UTF-8 but {likely} (as Excel saves \"Unicode text\"); "
                            f"convert it first, e.g. iconv -f {likely} -t UTF-8 {path.name} > {path.stem}.utf8{path.suffix}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"{path}: not UTF-8 (invalid byte 0x{data[error.start]:02x} at offset {error.start}); "
                            f"convert it first, e.g. iconv -f {likely} -t UTF-8") from None


def read_entries(path: str | Path, source_lang: str = "id", target_lang: str = "en") -> list[GlossaryEntry]:
    """The entries of a TSV, CSV or TBX glossary file (by extension; ``.txt`` is TSV),
    for ``source_lang`` -> ``target_lang`` where the file names its languages."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"cannot read glossary {path}: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    pair = (source_lang, target_lang)
    if suffix in (".tbx", ".xml"):
        rows = _read_tbx(data, str(path), pair)
    else:
        rows = _read_delimited(_decoded(data, path), str(path), "," if suffix == ".csv" else "\t", pair)
    return _validated(rows, str(path))
