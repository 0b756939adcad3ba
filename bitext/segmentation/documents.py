"""Documents to segments: clean each document, split its kept paragraphs into sentences.

One routine for every command that segments Indonesian (translate, align, segment):
:func:`document_sentences` gives each kept paragraph's sentences of one document,
:func:`segment_documents` turns documents into :class:`~bitext.model.Segment` records.
:class:`TextOptions` holds how inputs are read, cleaned and split.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bitext.cleaning.blocks import Block, Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.ingest.reader import Document, iter_documents
from bitext.model import Segment
from bitext.segmentation.sentences import Segmenter


@dataclass(frozen=True)
class TextOptions:
    """How input documents are read, cleaned and split into sentences."""

    keep_all: bool = False  # classify but drop nothing; read HTML pages whole
    boilerplate_files: tuple[str, ...] = ()  # more page-furniture words for the cleaner
    abbreviation_files: tuple[str, ...] = ()  # more abbreviations for the segmenter
    keep_quotations: bool = False  # a quotation of several sentences stays one segment
    text_field: str = "text"  # corpus inputs (JSONL, TSV, Parquet): the field holding the text
    id_field: str | None = None  # corpus inputs: the field naming the document

    def cleaner(self) -> Cleaner:
        """The cleaner these options describe."""
        return Cleaner(self.boilerplate_files, keep_all=self.keep_all)

    def segmenter(self) -> Segmenter:
        """The sentence splitter these options describe."""
        return Segmenter(self.abbreviation_files, self.keep_quotations)

    def read(self, inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Document]:
        """The documents of files, folders, corpus files or ``-``, read one at a time."""
        return iter_documents(inputs, keep_all=self.keep_all, text_field=self.text_field, id_field=self.id_field)


def document_sentences(document: Document, cleaner: Cleaner, segmenter: Segmenter
                       ) -> tuple[list[tuple[Block, list[str]]], list[Removal]]:
    """The kept paragraphs of one document with their sentences, and what the cleaner removed."""
    blocks = cleaner.clean(document)
    kept = [(block, segmenter.split(block.text)) for block in blocks if block.kept]
    return kept, cleaner.removals(document.doc, blocks)


def segment_documents(
    documents: Sequence[Document], cleaner: Cleaner | None = None, segmenter: Segmenter | None = None
) -> tuple[list[Segment], list[Removal]]:
    """Clean every document and split its kept paragraphs into sentences::

        segments, removed = segment_documents(read_documents("seeds/"))
    """
    cleaner = cleaner or Cleaner()
    segmenter = segmenter or Segmenter()
    segments: list[Segment] = []
    removals: list[Removal] = []
    for document in documents:
        paragraphs, removed = document_sentences(document, cleaner, segmenter)
        removals.extend(removed)
        for block, sentences in paragraphs:
            for number, sentence in enumerate(sentences, 1):
                segments.append(Segment(document.doc, block.paragraph, number, sentence, kind=block.kind))
    return segments, removals


def is_path_input(inputs: object) -> bool:
    """Whether ``inputs`` names files (a path, or paths) rather than holding documents."""
    return isinstance(inputs, (str, os.PathLike)) or (
        isinstance(inputs, (list, tuple)) and all(isinstance(item, (str, os.PathLike)) for item in inputs)
    )



