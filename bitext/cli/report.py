"""``bitext report``: one HTML page to review a store."""

from __future__ import annotations

from pathlib import Path

import click

from bitext.cli.common import DEFAULT_GLOSSARY, load_glossary_option, main


@main.command()
@click.argument("store", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary to mark and check terms with.  [default: {DEFAULT_GLOSSARY}]")
@click.option("--no-glossary", is_flag=True, help="Show only the glossary matches the store records.")
@click.option("--from", "from_format", default=None, help="Format of STORE.  [default: by extension]")
@click.option("--title", default="", help="Page title.  [default: the store's name]")
@click.option("--filtered", "filtered_path", type=click.Path(dir_okay=False),
              help="The pairs bitext filter removed, to show beside the kept ones.  "
                   "[default: filtered.jsonl beside STORE if there is one]")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT even when a bitext project lists it as its own.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def report(store, output, glossaries, no_glossary, from_format, title, filtered_path, overwrite, quiet):
    """Write one self-contained HTML page to review STORE (any format bitext reads).

    Figures at the top (statuses, term accuracy, flags, post-edit effort, charts), then
    every segment with its source and target side by side, glossary terms marked met or
    unmet, flags as badges, the MT diff of reviewed segments, and filters by document,
    status, flag and text. After bitext filter: the removed pairs (status "removed", with
    their reasons) and a histogram of each filter score. Opens from disk, needs no network; link to a segment with
    report.html#doc:paragraph:sentence.

    \b
    Example:
      bitext report out/id-en.jsonl -o out/report.html
    """
    from bitext.formats import read_corpus
    from bitext.project.project import refuse_replacing
    from bitext.report.page import read_filtered, write_report

    refuse_replacing(output, store, overwrite)  # never the store itself, nor a project's file
    corpus = read_corpus(store, from_format)
    sibling = Path(store).with_name("filtered.jsonl")
    filtered_path = filtered_path or (sibling if sibling.is_file() and sibling != Path(store) else None)
    filtered = read_filtered(filtered_path) if filtered_path else []
    path = write_report(corpus, output, load_glossary_option(glossaries, no_glossary),
                        title or f"bitext report: {Path(store).name}", filtered)
    removed = f", {len(filtered)} removed pairs from {filtered_path}" if filtered_path else ""
    if not quiet:
        click.echo(f"Wrote {path} ({len(corpus)} segments{removed}).", err=True)
