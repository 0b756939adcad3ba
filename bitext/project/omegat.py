"""A bitext store as an OmegaT project, and the translator's confirmed work back.

``bitext export omegat STORE.jsonl PROJECT_DIR`` writes a project that OmegaT (3.6 and
later) opens with one OmegaT segment per bitext record:

* ``omegat.project``: source ``id``, target ``en``, sentence segmentation off, so OmegaT
  keeps each line of a source file as one segment (bitext has segmented already);
* ``source/DOC.txt``: one file per document, one record's source a paragraph (a line
  and a blank line), in order;
* ``omegat/project_save.tmx``: the reviewed records, as the project's own confirmed
  translations (OmegaT counts them translated); a source reviewed two different ways gets
  the first as its default translation and the others as alternative translations tied
  to their place (file, previous and next segment), as OmegaT writes them itself;
* ``tm/mt/penalty-010/bitext-mt.tmx``: the machine translation of the other records, a
  memory OmegaT offers as a match (with a 10% penalty, so never a 100% match it would
  insert by itself; OmegaT 4 and later also marks ``tm/mt`` matches as machine
  translation), never a translated segment;
* ``glossary/glossary.txt``: the glossary, tab-separated as OmegaT's glossary pane reads.

``bitext review apply PROJECT_DIR STORE.jsonl`` reads ``omegat/project_save.tmx`` and
turns each record's confirmed translation (alternative first, then default) into a
reviewed unit, applied like a reviewed PO.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from bitext.errors import FormatError, OutputError
from bitext.files import corpus_moment, safe_file_name
from bitext.formats.base import TOOL_NAME, TOOL_VERSION
from bitext.model import Corpus, Segment, one_line
from bitext.project.folder import OutputFolder
from bitext.project.project import Project
from bitext.terms.glossary import Glossary
from bitext.xmlsafe import parse_xml, xml_text

PROJECT_FILE = "omegat.project"
PROJECT_SAVE = "omegat/project_save.tmx"
MT_MEMORY = "tm/mt/penalty-010/bitext-mt.tmx"
GLOSSARY_FILE = "glossary/glossary.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PROJECT_TEMPLATE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes>
      <mask>**/.svn/**</mask>
      <mask>**/.git/**</mask>
    </source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneIndonesianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@dataclass
class ExportReport:
    """What ``export omegat`` wrote: documents, segments, confirmed and MT units, glossary lines."""

    documents: int
    segments: int
    reviewed: int
    mt: int
    glossary_terms: int
    written: list[Path]


def source_file_name(doc: str) -> str:
    """The file under ``source/`` holding document ``doc``: a name no other document gets
    (:func:`bitext.files.safe_file_name`: one level, bounded, ending ``.txt``)."""
    return safe_file_name(doc, ".txt")


def _documents(corpus: Corpus) -> dict[str, list[Segment]]:
    documents: dict[str, list[Segment]] = {}
    for segment in corpus.segments:
        if one_line(segment.source):
            documents.setdefault(segment.doc, []).append(segment)
    return documents


def _contexts(documents: dict[str, list[Segment]]) -> dict[str, tuple[str, str, str]]:
    """Each record's place as OmegaT sees it: file, previous and next segment source."""
    places = {}
    for doc, segments in documents.items():
        sources = [one_line(s.source) for s in segments]
        for index, segment in enumerate(segments):
            previous = sources[index - 1] if index else ""
            following = sources[index + 1] if index + 1 < len(sources) else ""
            places[segment.id] = (source_file_name(doc), previous, following)
    return places


def export_project(corpus: Corpus, project: str | Path, glossary: Glossary | None = None, *,
                   overwrite: bool = False, wait: bool = False) -> ExportReport:
    """Write ``corpus`` as an OmegaT project in ``project`` (published whole).

    An existing project is replaced only when its confirmed translations are the ones
    bitext wrote (nobody has confirmed anything since), or with ``overwrite``.
    """
    project = Path(project)
    documents = _documents(corpus)
    places = _contexts(documents)
    with OutputFolder(project, wait=wait) as folder:  # locked, and an interrupted export finished first
        record = Project(folder)
        if (project / PROJECT_FILE).exists() and not overwrite and not record.untouched(project / PROJECT_SAVE):
            raise OutputError(
                f"{project} is already an OmegaT project; its omegat/project_save.tmx may hold a translator's work. "
                f"Bring it back first (bitext review apply {project} STORE.jsonl), or pass --overwrite"
            )
        folder.stage(PROJECT_FILE).write_text(
            _PROJECT_TEMPLATE.format(source=escape(corpus.source_lang), target=escape(corpus.target_lang)), "utf-8"
        )
        written_segments = _stage_sources(folder, documents)
        reviewed = [s for s in corpus.segments if s.status == "reviewed" and one_line(s.target) and s.id in places]
        machine = [s for s in corpus.segments if s.status == "mt" and one_line(s.target) and s.id in places]
        _write_project_save(folder.stage(PROJECT_SAVE), corpus, reviewed, places)
        _write_memory(folder.stage(MT_MEMORY), corpus, [(one_line(s.source), one_line(s.target)) for s in machine])
        terms = _write_glossary(folder.stage(GLOSSARY_FILE), glossary) if glossary else 0
        manifest = {"bitext_version": TOOL_VERSION, "command": "export omegat", "segments": written_segments,
                    "corpus_date": corpus.date, "outputs": folder.staged_files()}
        record.stage_manifest(manifest)
        written = folder.commit()
        for name in ("target", "dictionary"):  # empty folders OmegaT expects; nothing to stage
            (project / name).mkdir(exist_ok=True)
    return ExportReport(len(documents), written_segments, len(reviewed), len(machine), terms, written)


def _stage_sources(folder: OutputFolder, documents: dict[str, list[Segment]]) -> int:
    """One source file a document, one record's source a paragraph; returns the segments written."""
    count = 0
    for doc, segments in documents.items():
        path = folder.stage(f"source/{source_file_name(doc)}")
        # A blank line after each segment: OmegaT's text filter makes a paragraph of
        # the lines between blank lines, and with sentence segmentation off, one segment.
        path.write_text("".join(one_line(s.source) + "\n\n" for s in segments), "utf-8")
        count += len(segments)
    return count


def _tmx_root(corpus: Corpus) -> tuple[etree._Element, etree._Element]:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root, "header", creationtool=TOOL_NAME, creationtoolversion=TOOL_VERSION, segtype="paragraph",
        **{"o-tmf": "bitext"}, adminlang="en", srclang=corpus.source_lang, datatype="plaintext",
    )
    return root, etree.SubElement(root, "body")


def _tu(body: etree._Element, corpus: Corpus, source: str, target: str, date: str, props=()) -> None:
    tu = etree.SubElement(body, "tu")
    for kind, value in props:
        etree.SubElement(tu, "prop", type=kind).text = xml_text(value)
    for lang, text, extra in ((corpus.source_lang, source, {}), (corpus.target_lang, target, {"changedate": date})):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang, **extra})
        etree.SubElement(tuv, "seg").text = xml_text(text)


def _write_tmx(path: Path, root: etree._Element) -> None:
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _write_project_save(path: Path, corpus: Corpus, reviewed: list[Segment], places) -> None:
    """Default translations (one per source text) and alternatives for the rest."""
    root, body = _tmx_root(corpus)
    date = corpus_moment(corpus).strftime("%Y%m%dT%H%M%SZ")
    defaults: dict[str, str] = {}
    for segment in reviewed:
        source, target = one_line(segment.source), one_line(segment.target)
        if source not in defaults:
            defaults[source] = target
            _tu(body, corpus, source, target, date)
    for segment in reviewed:
        source, target = one_line(segment.source), one_line(segment.target)
        if defaults[source] != target:
            file, previous, following = places[segment.id]
            _tu(body, corpus, source, target, date, [("file", file), ("prev", previous), ("next", following)])
    _write_tmx(path, root)


def _write_memory(path: Path, corpus: Corpus, pairs: list[tuple[str, str]]) -> None:
    root, body = _tmx_root(corpus)
    date = corpus_moment(corpus).strftime("%Y%m%dT%H%M%SZ")
    for source, target in dict.fromkeys(pairs):
        _tu(body, corpus, source, target, date)
    _write_tmx(path, root)


def _write_glossary(path: Path, glossary: Glossary) -> int:
    """OmegaT's glossary: ``source<TAB>target<TAB>comment``, one line a source variant."""
    lines = []
    for entry in glossary.entries:
        comment = "; ".join(part for part in (entry.note, entry.pos) if part)
        if len(entry.targets) > 1:
            comment = "; ".join(filter(None, [comment, "also accepted: " + ", ".join(entry.targets[1:])]))
        for source in entry.sources:
            lines.append("\t".join(one_line(cell) for cell in (source, entry.target, comment)))
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return len(lines)


# -- back from OmegaT -------------------------------------------------------------------------

def is_project(path: str | Path) -> bool:
    """Whether ``path`` is an OmegaT project folder (it holds ``omegat.project``)."""
    return Path(path).is_dir() and (Path(path) / PROJECT_FILE).is_file()


def read_confirmed(project: str | Path) -> tuple[dict[str, str], dict[tuple[str, str, str, str], str]]:
    """The confirmed translations of ``project_save.tmx``: defaults by source text, and
    alternatives by (file, source, previous, next)."""
    path = Path(project) / PROJECT_SAVE
    try:
        with OutputFolder(project):  # an interrupted export is finished before its files are read
            data = path.read_bytes()
    except OSError as error:
        raise FormatError(f"cannot read {path}: {error.strerror or error}") from None
    root = parse_xml(data, str(path))
    if root.tag != "tmx":
        raise FormatError(f"{path}: not a TMX file (root element <{root.tag}>)")
    header = root.find("header")
    source_lang = (header.get("srclang") if header is not None else "") or ""
    defaults: dict[str, str] = {}
    alternatives: dict[tuple[str, str, str, str], str] = {}
    for tu in root.iterfind("body/tu"):
        texts = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            texts[lang] = one_line("".join(seg.itertext())) if seg is not None else ""
        source_key = next((lang for lang in texts if lang.split("-")[0] == source_lang.lower().split("-")[0]), None)
        target_key = next((lang for lang in texts if lang != source_key), None)
        if source_key is None or target_key is None:
            continue
        source, target = texts[source_key], texts[target_key]
        props = {prop.get("type"): prop.text or "" for prop in tu.findall("prop")}
        if "file" in props or "prev" in props or "next" in props:
            key = (props.get("file", ""), source, one_line(props.get("prev", "")), one_line(props.get("next", "")))
            alternatives[key] = target
        else:
            defaults[source] = target
    return defaults, alternatives


def reviewed_units(project: str | Path, corpus: Corpus) -> Corpus:
    """Each record of ``corpus`` the translator confirmed in the OmegaT ``project``, as a
    reviewed unit carrying the record's own source text and id."""
    defaults, alternatives = read_confirmed(project)
    places = _contexts(_documents(corpus))
    by_file_source: dict[tuple[str, str], str] = {}
    for (file, source, _, _), confirmed in alternatives.items():
        by_file_source.setdefault((file, source), confirmed)
    units = []
    for segment in corpus.segments:
        if segment.id not in places:
            continue
        file, previous, following = places[segment.id]
        source = one_line(segment.source)
        target: str | None = alternatives.get((file, source, previous, following)) or defaults.get(source)
        if target is None:
            target = by_file_source.get((file, source))
        if target:
            units.append(Segment(segment.doc, segment.paragraph, segment.sentence, segment.source, target,
                                 "reviewed", segment.kind, segment.mt))
    return Corpus(units, corpus.source_lang, corpus.target_lang, corpus.signature)
