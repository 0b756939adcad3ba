"""``bitext shortlist``: vocabulary shortlists for the CTranslate2 backend."""

from __future__ import annotations

import click

from bitext.cli.common import main
from bitext.translation.base import DEFAULT_MODEL
from bitext.translation.shortlist import ShortlistOptions


@main.group("shortlist")
def shortlist_group() -> None:
    """Vocabulary shortlists: faster CTranslate2 decoding (translate --shortlist)."""


@shortlist_group.command("build")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Model (hub id, transformers or CTranslate2 folder) whose tokenizers the map is for.")
@click.option("-c", "--corpus", "corpora", multiple=True, type=click.Path(dir_okay=False),
              help="Parallel corpus (JSONL, TMX, TSV, Moses, ...) for co-occurrence counts; repeat for several.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help="Glossary whose target terms the map keeps (TSV, CSV or TBX).")
@click.option("--frequent", type=click.IntRange(0), default=None,
              help=f"Most frequent target pieces always kept.  [default: {ShortlistOptions.frequent}]")
@click.option("--word-pieces", type=click.IntRange(0), default=None,
              help="Word-internal pieces (endings) always kept from among this many most frequent."
                   f"  [default: {ShortlistOptions.word_pieces}]")
@click.option("--hold-out", type=click.FloatRange(0, 0.5), default=0.0, show_default=True,
              help="Share of the corpus documents kept out of the build to measure the map's coverage on.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The map file to write.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def shortlist_build(model, corpora, glossaries, frequent, word_pieces, hold_out, output, quiet):
    """Write a CTranslate2 vocabulary map for MODEL's target vocabulary.

    Evidence: the most frequent target pieces, copies of source pieces (names, numbers),
    the shipped lexicon, glossary targets and, from --corpus, co-occurring pieces.

    \b
    Example:
      bitext shortlist build --model ./opus-mt-id-en -c tico19.tmx --hold-out 0.2 -o id-en.vmap
      bitext translate seeds/ --backend ctranslate2 --model ./opus-mt-id-en --shortlist id-en.vmap
    """
    from bitext.translation.shortlist import ShortlistOptions, make_shortlist

    chosen = {"frequent": frequent, "word_pieces": word_pieces}
    options = ShortlistOptions(**{name: value for name, value in chosen.items() if value is not None})
    report = make_shortlist(model, output, corpora, glossaries, options, hold_out)
    if quiet:
        return
    line = (f"Wrote {report.path}: {report.fixed} target pieces always kept, {report.rules} source n-grams "
            f"with their own ({report.training_pairs} corpus pairs counted); digest {report.digest}")
    if report.coverage is not None:
        cover = report.coverage
        line += (f"\nHeld-out coverage: {cover.share:.2%} of {cover.pieces} reference target pieces in their "
                 f"sentence's shortlist ({cover.sentences} sentences, {cover.mean_candidates:.0f} candidates each)")
    click.echo(line, err=True)
