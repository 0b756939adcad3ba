"""Documents to segments: clean each document, split its kept paragraphs into sentences."""

from __future__ import annotations

from collections.abc import Sequence

from bitext.cleaning.blocks import Removal
from bitext.cleaning.cleaner import Cleaner
from bitext.ingest.reader import Document
from bitext.model import Segment
from bitext.segmentation.sentences import Segmenter


def segment_documents(
    documents: Sequence[Document], cleaner: Cleaner | None = None, segmenter: Segmenter | None = None
) -> tuple[list[Segment], list[Removal]]:
    """Clean every document and split its kept paragraphs into sentences."""
    cleaner = cleaner or Cleaner()
    segmenter = segmenter or Segmenter()
    segments: list[Segment] = []
    removals: list[Removal] = []
    for document in documents:
        blocks = cleaner.clean(document)
        removals.extend(cleaner.removals(document.doc, blocks))
        for block in blocks:
            if not block.kept:
                continue
            for number, sentence in enumerate(segmenter.split(block.text), 1):
                segments.append(Segment(document.doc, block.paragraph, number, sentence, kind=block.kind))
    return segments, removals
