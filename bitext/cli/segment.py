"""``bitext segment``: what translate would translate, one sentence a line."""

from __future__ import annotations

import click

from bitext.cli.common import cleaner_and_segmenter, cleaning_options, input_options, main


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="text: one sentence a line, a blank line between paragraphs; jsonl: records with ids and classes.")
@click.option("--explain", is_flag=True,
              help="Show the cleaner's decision for every line instead: class, kept or dropped, the rule and its "
                   "evidence, the parts stripped (fix a wrong drop with --boilerplate, or report it).")
@cleaning_options
@input_options
def segment(inputs, output_format, explain, keep_all, boilerplate_files, abbreviation_files, keep_quotations,
            text_field, id_field):
    """Clean and split Indonesian articles into sentences (what translate would translate).

    \b
    Example:
      bitext segment seeds/001_*.txt
      bitext segment page.html --explain
    """
    import json

    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents

    documents = read_documents(inputs, keep_all=keep_all, text_field=text_field, id_field=id_field)
    cleaner, segmenter = cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
    if explain:
        for document in documents:
            _print_decisions(cleaner.explain(document), output_format)
        return
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


def _print_decisions(decisions, output_format: str) -> None:
    """One line a paragraph (JSON records with -f jsonl), then the parts stripped from it."""
    import json

    if output_format == "jsonl":
        for decision in decisions:
            click.echo(json.dumps(decision.to_dict(), ensure_ascii=False))
        return
    if not decisions:
        return
    kept = sum(1 for decision in decisions if decision.kept)
    click.echo(f"== {decisions[0].doc}: {len(decisions)} paragraphs, {kept} kept, {len(decisions) - kept} dropped ==")
    for d in decisions:
        click.echo(f"{d.paragraph:5} {'KEEP' if d.kept else 'drop'} {d.kind:<11} {d.rule:<19} {d.reason[:60]:<60} | "
                   f"{d.text[:100]}")
        for kind, rule, reason, text in d.stripped:
            click.echo(f"{'':5} {'cut':<4} {kind:<11} {rule:<19} {reason[:60]:<60} | {text[:100]}")
