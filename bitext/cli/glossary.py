"""``bitext glossary``: glossary checks of bilingual files."""

from __future__ import annotations

import sys

import click

from bitext.cli.common import DEFAULT_GLOSSARY, TEXT_OR_JSON, load_glossary_option, main


@main.group("glossary")
def glossary_group() -> None:
    """Check bilingual files against glossaries."""


@glossary_group.command("check")
@click.argument("corpus_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary (TSV, CSV or TBX); repeat to layer several.  [default: {DEFAULT_GLOSSARY}]")
@click.option("--no-glossary", is_flag=True, help="Only look for inconsistent renderings.")
@click.option("--format", "output_format", type=TEXT_OR_JSON, default="text", show_default=True)
@click.option("--from", "from_format", default=None, help="Format of FILE.  [default: by extension]")
@click.option("--source-lang", default=None, help="Language to read as the source (a multilingual or reversed file).")
@click.option("--target-lang", default=None, help="Language to read as the target.")
def glossary_check(corpus_file, glossaries, no_glossary, output_format, from_format, source_lang, target_lang):
    """Report glossary violations and inconsistent renderings in FILE (JSONL, TMX, PO, ...).

    A termbase (TBX, or a CSV with language columns such as TICO-19's) is read for FILE's
    language pair. Exit status 1 when a glossary term is violated, 0 otherwise. JSON output has a
    "violations" list (id, source_term, term, required, target), an "inconsistencies"
    list (the same source term or sentence rendered several ways) and a "flagged" list
    (degenerate translations: repeats, too-long, too-short, copy, empty).

    \b
    Example:
      bitext glossary check out/id-en.jsonl -g glossary/id-en.tsv --format json
    """
    import json

    from bitext.formats import read_corpus
    from bitext.qa.corpus_check import check_corpus

    corpus = read_corpus(corpus_file, from_format, source_lang, target_lang)
    glossary = load_glossary_option(glossaries, no_glossary, source_lang=corpus.source_lang, target_lang=corpus.target_lang)
    report = check_corpus(corpus, glossary)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_check_text(report))
    sys.exit(1 if report.violations else 0)


def _check_text(report) -> str:
    lines = [f'{v.id}: "{v.source_term}" requires "{v.required}"; target: {v.target}' for v in report.violations]
    summary = f"{len(report.violations)} glossary violations in {report.checked} translated segments"
    if report.accuracy and report.accuracy["matched"]:
        accuracy = report.accuracy
        summary += f"; terms met {accuracy['met']}/{accuracy['matched']} ({accuracy['accuracy']:.1%})"
    lines.append(summary + ".")
    if report.inconsistencies:
        lines.append(f"{len(report.inconsistencies)} source terms or sentences rendered in more than one way:")
        for item in report.inconsistencies:
            ways = "; ".join(
                f'"{name}" ({len(ids)}: {", ".join(ids[:3])}{", ..." if len(ids) > 3 else ""})'
                for name, ids in item.renderings.items()
            )
            lines.append(f'  {item.kind} "{item.source}": {ways}')
    if report.flagged:
        lines.append(f"{len(report.flagged)} degenerate translations (loops, runaway length, copies):")
        lines += [f"  {item.id} [{', '.join(item.flags)}]: {item.target[:120]}" for item in report.flagged]
    return "\n".join(lines)
