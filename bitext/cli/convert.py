"""``bitext convert``: a corpus from one format to another."""

from __future__ import annotations

import click

from bitext.cli.common import STATUS_CHOICE, main


@main.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("destination", type=click.Path(dir_okay=False))
@click.option("--from", "from_format", default=None, help="Format of SOURCE.  [default: by extension]")
@click.option("--to", "to_format", default=None, help="Format of DESTINATION.  [default: by extension]")
@click.option("--status", "status_filter", type=STATUS_CHOICE, default="all", show_default=True,
              help="Write only records of this status (reviewed, mt, imported, aligned), or all.")
@click.option("--source-lang", default=None, help="Language to read as the source (a multilingual or reversed file).")
@click.option("--target-lang", default=None, help="Language to read as the target.")
@click.option("--to-version", default="",
              help="Version of DESTINATION's format (XLIFF 1.2 or 2.0).  [default: SOURCE's, when it came in "
                   "that format; else bitext's (XLIFF 1.2, TMX 1.4)]")
@click.option("--overwrite", is_flag=True, help="Replace DESTINATION even when a bitext project lists it as its own.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def convert(source, destination, from_format, to_format, status_filter, source_lang, target_lang, to_version,
            overwrite, quiet):
    """Convert a corpus between formats (jsonl, tmx, xliff, po, moses, tsv, tbx); ids and statuses survive.

    A file from another tool keeps its ids (a TMX tuid such as "CMU_1:1") and everything
    it carries (plurals, contexts, inline codes, notes, header); converted to JSONL and
    back to its own format, it comes back in its own version and shape. Its translations
    are "imported", not machine translation. --source-lang id --target-lang en reads an
    English-Indonesian TMX (TICO-19) as Indonesian-English; --target-lang picks one
    language of a multilingual TMX. SOURCE may be one file of a Moses pair (corpus.id
    beside corpus.en) or their stem.

    \b
    Example:
      bitext convert out/id-en.jsonl out/id-en.xlf
      bitext convert tico19.tmx tico.jsonl --source-lang id --target-lang en
    """
    from bitext.formats import read_corpus, write_corpus
    from bitext.project.project import refuse_replacing

    refuse_replacing(destination, source, overwrite)  # never its own input, nor a project's file
    corpus = read_corpus(source, from_format, source_lang, target_lang).with_status(status_filter)
    written = write_corpus(corpus, destination, to_format, to_version)
    if not quiet:
        click.echo(f"Converted {len(corpus)} segments: {', '.join(str(p) for p in written)}", err=True)
