"""``bitext align``: existing Indonesian and English documents paired sentence by sentence."""

from __future__ import annotations

import time
from pathlib import Path

import click

from bitext.cli.common import (
    DEFAULT_GLOSSARY,
    DEFAULT_OUTPUT,
    DEFAULTS,
    OPEN_CACHES,
    STATUS_CHOICE,
    announce_glossary,
    check_writable,
    cleaner_and_segmenter,
    cleaning_options,
    load_glossary_option,
    main,
    open_translation_cache,
    show_notices,
)
from bitext.translation.base import BACKENDS


@main.command()
@click.argument("source", required=False, type=click.Path())
@click.argument("target", required=False, type=click.Path())
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False),
              help="TSV of Indonesian and English document paths (relative to the TSV), instead of SOURCE TARGET.")
@click.option("-o", "--output", default=DEFAULT_OUTPUT, show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("-f", "--format", "formats", multiple=True, help="Output format; repeat for several.  [default: tmx, jsonl]")
@click.option("--match", "match", is_flag=True,
              help="SOURCE and TARGET are folders whose files do not pair by name: pair the documents by their "
                   "content first (OUTPUT/document-pairs.tsv, OUTPUT/unpaired.tsv).")
@click.option("--presegmented", is_flag=True,
              help="Both sides are one sentence a line (a blank line ends a paragraph); segment nothing.")
@click.option("--model", default=None,
              help="Also compare each Indonesian sentence's machine translation with the English (slower, stronger).")
@click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULTS.backend, show_default=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary whose terms count as lexical evidence.  [default: {DEFAULT_GLOSSARY}]")
@click.option("--no-glossary", is_flag=True, help="Use no glossary.")
@click.option("--no-cache", is_flag=True, help="With --model: keep no translation cache (default OUTPUT/cache.sqlite3).")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False),
              help="Indonesian-English lexicon (indonesian<TAB>english|english lines).  [default: the shipped one]")
@click.option("--status", "status_filter", type=STATUS_CHOICE, default="all", show_default=True,
              help="Records the exchange formats hold; the JSONL store keeps all.")
@click.option("--wait", is_flag=True, help="If another bitext run is writing OUTPUT, wait for it instead of failing.")
@click.option("--overwrite", is_flag=True, help="Replace a store in OUTPUT even if it holds reviewed records.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@cleaning_options
def align(source, target, pairs_file, output, formats, match, presegmented, model, backend, glossaries, no_glossary,
          no_cache, lexicon_path, status_filter, wait, overwrite, quiet, keep_all, boilerplate_files,
          abbreviation_files, keep_quotations):
    """Align Indonesian and English documents that already exist into sentence pairs.

    SOURCE and TARGET are an Indonesian and an English document, or two folders whose
    files pair by relative path (or use --pairs, or --match to pair them by content). Writes the same stores as translate,
    with status "aligned"; each JSONL record has its alignment type, score and the
    sentence (with --presegmented: line) numbers of both sides. Sentences left without a
    partner go to OUTPUT/unaligned.jsonl; pairs scoring low are flagged low-confidence.

    \b
    Example:
      bitext align berita-id.txt news-en.txt -o aligned/
      bitext align crawl/id/ crawl/en/ --match -o aligned/ -f tmx
    """
    from bitext.alignment.documents import align_documents, match_inputs, pair_inputs
    from bitext.formats import get_store
    from bitext.project.align_run import write_alignment

    started = time.perf_counter()
    show_notices(quiet)
    formats = formats or ("tmx", "jsonl")
    for name in formats:
        get_store(name)
    glossary = load_glossary_option(glossaries, no_glossary, announce=False)
    lexicon = _lexicon(lexicon_path)
    matched = None
    if match:
        if pairs_file or source is None or target is None:
            raise click.UsageError("--match takes an Indonesian and an English folder (not --pairs)")
        matched = match_inputs(source, target, lexicon, glossary)
        pairs = matched.pairs
    else:
        pairs = pair_inputs(source, target, pairs_file)
    cleaner, segmenter = cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
    translate = None
    check_writable(Path(output))
    if model:
        translate = _cached_translation(model, backend, Path(output), no_cache)
    run = align_documents(pairs, presegmented=presegmented, lexicon=lexicon, glossary=glossary, translate=translate,
                          cleaner=cleaner, segmenter=segmenter)
    written = write_alignment(output, run, formats, status_filter, wait, overwrite,
                              matched.files() if matched else None)
    if not quiet:
        announce_glossary(glossary)
        if matched:
            click.echo(f"Matched {len(matched.pairs)} document pairs ({len(matched.unpaired)} documents unpaired, "
                       f"{matched.candidates:,} candidate pairs scored): document-pairs.tsv, unpaired.tsv", err=True)
        stats = run.stats
        kinds = ", ".join(f"{count} {kind}" for kind, count in stats["alignment_types"].items())
        click.echo(
            f"Aligned {stats['documents']} document pairs in {time.perf_counter() - started:.1f} s: "
            f"{stats['pairs']} pairs ({kinds}), {stats['low_confidence']} low-confidence, "
            f"{stats['unaligned']} sentences unaligned (unaligned.jsonl).\n"
            f"Wrote {output}/: {', '.join(path.name for path in written)}",
            err=True,
        )


def _cached_translation(model: str, backend: str, out: Path, no_cache: bool):
    """sentences -> MT through the translator and cache that translate uses (a rerun of
    align, or an align after a translate, decodes nothing twice)."""
    from bitext.model import Segment
    from bitext.translation import TranslationSettings, load_translator
    from bitext.translation.service import translate_segments

    translator = load_translator(TranslationSettings(model=model, backend=backend))
    cache = open_translation_cache(out, None, no_cache, translator)
    if cache is not None:
        OPEN_CACHES.append(cache)

    def translate(sentences: list[str]) -> list[str]:
        segments = [Segment("mt", number, 1, sentence) for number, sentence in enumerate(sentences, 1)]
        translate_segments(segments, translator, cache=cache)
        return [segment.target for segment in segments]

    return translate


def _lexicon(path):
    from bitext.alignment.lexicon import Lexicon
    from bitext.errors import InputError

    if path is None:
        return Lexicon.default()
    try:
        return Lexicon.load(path)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read lexicon {path}: {error}") from None
