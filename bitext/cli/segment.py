"""``bitext segment``: what translate would translate, one sentence a line."""

from __future__ import annotations

import click

from bitext.cli.common import cleaner_and_segmenter, cleaning_options, input_options, main


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: one sentence a line, a blank line between paragraphs; jsonl: records with ids and classes.")
@cleaning_options
@input_options
def segment(inputs, output_format, keep_all, boilerplate_files, abbreviation_files, keep_quotations, text_field,
            id_field):
    """Clean and split Indonesian articles into sentences (what translate would translate)."""
    import json

    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents

    documents = read_documents(inputs, keep_all=keep_all, text_field=text_field, id_field=id_field)
    cleaner, segmenter = cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
    segments, _ = segment_documents(documents, cleaner, segmenter)
    previous = None
    for item in segments:
        if output_format == "jsonl":
            record = {key: value for key, value in item.to_dict().items() if key not in ("target", "status", "glossary")}
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        if previous is not None and (item.doc, item.paragraph) != previous:
            click.echo("")
        click.echo(item.source)
        previous = (item.doc, item.paragraph)
