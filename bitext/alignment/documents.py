"""``bitext align``: Indonesian and English documents in, aligned sentence pairs out.

Pairs of documents come from two files, two folders (files pair by relative path) or a
TSV listing pairs. The Indonesian side is cleaned and segmented by bitext as
``bitext translate`` does; the English side is split into paragraphs the same way and
into sentences by pySBD. With ``presegmented`` both sides are one sentence a line (a
blank line ends a paragraph) and nothing is segmented. :func:`bitext.align.align_sentences`
pairs the sentences; aligned pairs become records of status ``aligned`` (ids of the
Indonesian side), sentences left alone go to ``unaligned.jsonl``, and everything is
written through the same output folder and stores as a translation run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext import __version__
from bitext.alignment.beads import LOW_CONFIDENCE, align
from bitext.alignment.lexicon import WORD_PATTERN, Lexicon, english_key
from bitext.cleaning.blocks import Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.errors import InputError
from bitext.ingest.reader import (
    DOCUMENT_SUFFIXES,
    Document,
    document_id,
    files_under,
    read_paragraphs,
    read_text,
)
from bitext.model import Alignment, Corpus, Segment
from bitext.segmentation.sentences import Segmenter
from bitext.terms.glossary import Glossary, term_accuracy

UNALIGNED_NAME = "unaligned.jsonl"

LOW_CONFIDENCE_FLAG = "low-confidence"


@dataclass(frozen=True)
class DocumentPair:
    """An Indonesian document and its English counterpart, to be aligned."""
    doc: str  # the document id: the Indonesian file's path relative to its input
    source: Path  # Indonesian
    target: Path  # English


@dataclass
class Sentence:
    """One sentence of a document and where it stands in it."""
    text: str
    paragraph: int  # 1-based paragraph of its document
    number: int  # 1-based sentence within the paragraph
    line: int  # 1-based sentence number in the document, or input line with presegmented


@dataclass
class AlignmentRun:
    """What aligning produced: the aligned corpus, the unaligned sentences, the cleaner's
    removals and statistics."""
    corpus: Corpus  # aligned pairs
    unaligned: list[Segment]  # 1-0 and 0-1 sentences, one side empty
    removals: list[Removal]
    stats: dict[str, Any] = field(default_factory=dict)


def pair_inputs(source: str | Path | None, target: str | Path | None, pairs_file: str | Path | None = None
                ) -> list[DocumentPair]:
    """The document pairs of the command line: two files, two folders, or a pairs TSV."""
    if pairs_file is not None:
        return _pairs_from_file(Path(pairs_file))
    if source is None or target is None:
        raise InputError("give an Indonesian and an English document (or folder), or --pairs FILE")
    source, target = Path(source), Path(target)
    for path in (source, target):
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
    if source.is_dir() != target.is_dir():
        raise InputError(f"{source} and {target}: give two files or two folders, not one of each")
    if not source.is_dir():
        return [DocumentPair(document_id(source.name), source, target)]
    sources = {p.relative_to(source).as_posix(): p for p in files_under(source)}
    targets = {p.relative_to(target).as_posix(): p for p in files_under(target)}
    only_source, only_target = sorted(set(sources) - set(targets)), sorted(set(targets) - set(sources))
    if only_source or only_target:
        raise InputError(
            f"the folders do not hold the same files: only in {source}: {_listed(only_source)}; "
            f"only in {target}: {_listed(only_target)}"
        )
    if not sources:
        raise InputError(f"no {', '.join('*' + s for s in DOCUMENT_SUFFIXES)} files in {source}")
    return [DocumentPair(document_id(name), sources[name], targets[name]) for name in sorted(sources)]


PAIRS_NAME = "document-pairs.tsv"
UNPAIRED_NAME = "unpaired.tsv"


@dataclass
class MatchedInputs:
    """The document pairs ``--match`` found, and what it writes about them."""

    pairs: list[DocumentPair]
    rows: list[tuple[str, str, float]]  # (source, target, score), paths relative to their folders
    unpaired: list[tuple[str, str]]  # (side, path)
    candidates: int

    def files(self) -> dict[str, str]:
        """``document-pairs.tsv`` and ``unpaired.tsv`` (name: text)."""
        pairs = "source\ttarget\tscore\n" + "".join(f"{s}\t{t}\t{score:.4f}\n" for s, t, score in self.rows)
        unpaired = "side\tpath\n" + "".join(f"{side}\t{path}\n" for side, path in self.unpaired)
        return {PAIRS_NAME: pairs, UNPAIRED_NAME: unpaired}


def match_inputs(source: str | Path, target: str | Path, lexicon: Lexicon | None = None,
                 glossary: Glossary | None = None) -> MatchedInputs:
    """Pair the documents of an Indonesian and an English folder by their content
    (:func:`bitext.alignment.matching.match_documents`), whatever their names."""
    from bitext.alignment.matching import match_documents

    source, target = Path(source), Path(target)
    for path in (source, target):
        if not path.is_dir():
            raise InputError(f"--match pairs the documents of two folders: {path} is not a folder")
    sides = []
    for folder in (source, target):
        paths = sorted(files_under(folder), key=lambda p: p.relative_to(folder).as_posix())
        if not paths:
            raise InputError(f"no {', '.join('*' + s for s in DOCUMENT_SUFFIXES)} files in {folder}")
        sides.append((paths, ["\n".join(read_paragraphs(path)[0]) for path in paths]))
    (source_paths, source_texts), (target_paths, target_texts) = sides
    found = match_documents(source_texts, target_texts, (lexicon or Lexicon.default()).with_glossary(glossary))
    if not found.pairs:
        raise InputError(f"no document of {source} matches one of {target} "
                         f"({len(source_paths)} and {len(target_paths)} documents)")
    def name(folder: Path, path: Path) -> str:
        return path.relative_to(folder).as_posix()

    pairs = [DocumentPair(document_id(name(source, source_paths[m.source])), source_paths[m.source],
                          target_paths[m.target]) for m in found.pairs]
    rows = [(name(source, source_paths[m.source]), name(target, target_paths[m.target]), m.score) for m in found.pairs]
    unpaired = [("source", name(source, source_paths[i])) for i in found.unpaired_sources]
    unpaired += [("target", name(target, target_paths[j])) for j in found.unpaired_targets]
    return MatchedInputs(pairs, rows, unpaired, found.candidates)


def _listed(names: list[str]) -> str:
    if not names:
        return "none"
    return ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")


def _pairs_from_file(path: Path) -> list[DocumentPair]:
    """A TSV of ``indonesian<TAB>english`` paths (relative to the TSV's folder)."""
    text = read_text(path)
    pairs, missing = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise InputError(f"{path}:{number}: expected two tab-separated paths (Indonesian, English)")
        source, target = (path.parent / cell.strip() for cell in cells)
        missing += [f"{path}:{number}: {p}" for p in (source, target) if not p.is_file()]
        pairs.append(DocumentPair(document_id(cells[0].strip()), source, target))
    if missing:
        raise InputError(f"files listed in {path} do not exist: {'; '.join(missing[:5])}")
    if not pairs:
        raise InputError(f"{path}: lists no document pairs")
    return pairs


def presegmented_sentences(text: str) -> list[Sentence]:
    """One sentence a line; a blank line ends a paragraph; ``line`` is the file's line
    number as ``sed -n Np`` counts it (blank lines included)."""
    sentences, paragraph, number, in_paragraph = [], 0, 0, False
    for line_number, line in enumerate(text.split("\n"), 1):
        line = " ".join(line.split())
        if not line:
            in_paragraph = False
            continue
        if not in_paragraph:
            paragraph, number, in_paragraph = paragraph + 1, 0, True
        number += 1
        sentences.append(Sentence(line, paragraph, number, line_number))
    return sentences


def indonesian_sentences(doc: str, read: tuple[list[str], int, str], cleaner: Cleaner, segmenter: Segmenter
                         ) -> tuple[list[Sentence], list[Removal]]:
    """Cleaned and segmented as ``bitext translate`` does (same paragraph numbers);
    ``read`` is what :func:`bitext.reader.read_paragraphs` returns."""
    paragraphs, discarded, title = read
    document = Document(doc, paragraphs, discarded, title)
    blocks = cleaner.clean(document)
    sentences: list[Sentence] = []
    for block in blocks:
        if block.kept:
            for number, sentence in enumerate(segmenter.split(block.text), 1):
                sentences.append(Sentence(sentence, block.paragraph, number, len(sentences) + 1))
    return sentences, cleaner.removals(doc, blocks)


class EnglishSplitter:
    """English sentences with pySBD, paragraph by paragraph (imported on first use)."""

    def __init__(self) -> None:
        import pysbd

        self._segmenter = pysbd.Segmenter(language="en", clean=False)

    def sentences(self, paragraphs: list[str]) -> list[Sentence]:
        """The sentences of ``paragraphs`` (numbered from 1, empty pieces dropped), with
        their paragraph, number in it and number in the document."""
        sentences: list[Sentence] = []
        for paragraph, block in enumerate(paragraphs, 1):
            pieces = [piece.strip() for piece in self._segmenter.segment(block)]
            for number, piece in enumerate((p for p in pieces if p), 1):
                sentences.append(Sentence(piece, paragraph, number, len(sentences) + 1))
        return sentences


def mt_similarity(translations: Sequence[str], targets: Sequence[str]) -> Callable:
    """The Bleualign signal: word overlap (F1 of light English stems) between the MT of
    a bead's Indonesian sentences and its English sentences."""
    vocabulary: dict[str, int] = {}

    def bits(text: str) -> int:
        value = 0
        for token in WORD_PATTERN.findall(text):
            value |= 1 << vocabulary.setdefault(english_key(token), len(vocabulary))
        return value

    mt_bits, target_bits = [bits(t) for t in translations], [bits(t) for t in targets]

    def similarity(source_ids: tuple[int, ...], target_ids: tuple[int, ...]) -> float:
        left = right = 0
        for i in source_ids:
            left |= mt_bits[i]
        for j in target_ids:
            right |= target_bits[j]
        both, total = (left & right).bit_count(), left.bit_count() + right.bit_count()
        return 2 * both / total if total else 0.0

    return similarity


def align_documents(
    pairs: Sequence[DocumentPair],
    *,
    presegmented: bool = False,
    lexicon: Lexicon | None = None,
    glossary: Glossary | None = None,
    translate: Callable[[list[str]], list[str]] | None = None,
    cleaner: Cleaner | None = None,
    segmenter: Segmenter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AlignmentRun:
    """Align every pair; ``translate`` (sentences -> English MT) adds the MT signal."""
    started = time.perf_counter()
    lexicon = (lexicon or Lexicon.default()).with_glossary(glossary)
    cleaner, segmenter = cleaner or Cleaner(), segmenter or Segmenter()
    english = None if presegmented else EnglishSplitter()
    aligned: list[Segment] = []
    unaligned: list[Segment] = []
    removals: list[Removal] = []
    kinds: dict[str, int] = {}
    unsure_documents = 0  # documents whose alignment search could not vouch for its path
    for done, pair in enumerate(pairs):
        sources, targets = _pair_sentences(pair, cleaner, segmenter, english, removals)
        extra = None
        if translate is not None:
            extra = mt_similarity(translate([s.text for s in sources]), [t.text for t in targets])
        found = align([s.text for s in sources], [t.text for t in targets], lexicon, extra)
        unsure_documents += not found.confident
        target_doc = document_id(pair.target.name) if pair.target.name != pair.source.name else ""
        for bead in found.beads:
            kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
            record = _record(pair.doc, target_doc, bead, sources, targets, found.confident)
            (aligned if bead.source and bead.target else unaligned).append(record)
        if progress:
            progress(done + 1, len(pairs))
    if glossary:
        for segment in aligned:
            segment.terms = glossary.annotate(segment.source, segment.target)
    accuracy = term_accuracy(m for s in aligned for m in s.terms)
    stats = {
        "documents": len(pairs),
        "pairs": len(aligned),
        "unaligned": len(unaligned),
        "low_confidence": sum(1 for s in aligned if LOW_CONFIDENCE_FLAG in s.flags),
        "low_confidence_documents": unsure_documents,
        "alignment_types": dict(sorted(kinds.items())),
        "dropped": len(removals),
        "term_accuracy": accuracy["accuracy"],
        "terms_matched": accuracy["matched"],
        "terms_met": accuracy["met"],
        "seconds": {"align": round(time.perf_counter() - started, 3)},
    }
    signature = alignment_signature(lexicon, glossary, translate is not None, presegmented)
    return AlignmentRun(Corpus(aligned, signature=signature), unaligned, removals, stats)


def _pair_sentences(pair: DocumentPair, cleaner: Cleaner, segmenter: Segmenter, english: EnglishSplitter | None,
                    removals: list[Removal]) -> tuple[list[Sentence], list[Sentence]]:
    """Both sides' sentences: presegmented lines (``english`` is None), or text and HTML
    read as translate reads them (the cleaner's removals go to ``removals``)."""
    if english is None:
        sources = presegmented_sentences(read_text(pair.source))
        targets = presegmented_sentences(read_text(pair.target))
    else:
        sources, dropped = indonesian_sentences(pair.doc, read_paragraphs(pair.source), cleaner, segmenter)
        removals += dropped
        targets = english.sentences(read_paragraphs(pair.target)[0])
    for side, path, sentences in (("Indonesian", pair.source, sources), ("English", pair.target, targets)):
        if not sentences:
            raise InputError(f"{path}: the {side} side holds no sentences to align")
    return sources, targets


def _record(doc: str, target_doc: str, bead, sources: list[Sentence], targets: list[Sentence],
            confident: bool = True) -> Segment:
    source_sentences = [sources[i] for i in bead.source]
    target_sentences = [targets[j] for j in bead.target]
    alignment = Alignment(bead.kind, bead.score, [s.line for s in source_sentences],
                          [t.line for t in target_sentences], target_doc)
    source = " ".join(s.text for s in source_sentences)
    target = " ".join(t.text for t in target_sentences)
    if source_sentences:
        first = source_sentences[0]
        segment = Segment(doc, first.paragraph, first.number, source, target, "aligned" if target else "new",
                          alignment=alignment)
    else:  # an English sentence with no Indonesian partner: keyed by its place in the English
        first = target_sentences[0]
        segment = Segment(doc, first.paragraph, first.number, "", target, "new", alignment=alignment,
                          key=f"{doc}:en:{first.line}")
    if source and target and (bead.score < LOW_CONFIDENCE or not confident):
        segment.flags.append(LOW_CONFIDENCE_FLAG)
    return segment


def alignment_signature(lexicon: Lexicon, glossary: Glossary | None, with_mt: bool, presegmented: bool) -> str:
    """The reproducibility signature of an aligned corpus (as translation runs have)."""
    fields = [
        ("bitext", __version__),
        ("align", "length+lexicon" + ("+mt" if with_mt else "")),
        ("lexicon", str(len(lexicon))),
        ("segment", "none" if presegmented else "bitext+pysbd"),
        ("glossary", glossary.digest() if glossary else "none"),
        ("langs", "id-en"),
    ]
    return "|".join(f"{name}:{value}" for name, value in fields)
