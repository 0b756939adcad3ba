"""``bitext evaluate``: sacrebleu scores, term accuracy and post-editing effort."""

from __future__ import annotations

import click

from bitext.cli.common import TEXT_OR_JSON, main


@main.command()
@click.option("--hyp", "hyps", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Hypothesis: plain text, or a bitext corpus (its targets). Twice for a paired bootstrap test.")
@click.option("--ref", "refs", multiple=True, type=click.Path(dir_okay=False),
              help="Reference (plain text or corpus; repeat for several). [default: the reviewed records of --hyp]")
@click.option("-m", "--metrics", "metric_names", default=",".join(("bleu", "chrf", "chrf++", "ter")), show_default=True,
              help="Comma-separated sacrebleu metrics.")
@click.option("--sentence", is_flag=True, help="Sentence-level scores for every segment.")
@click.option("--worst", type=click.IntRange(0), default=0, help="List the N worst segments (by chrF).")
@click.option("--per-doc", is_flag=True, help="Scores per document of a corpus hypothesis.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help="Report terminology accuracy of a corpus hypothesis against these glossaries.")
@click.option("--bootstrap-samples", type=click.IntRange(1), default=1000, show_default=True,
              help="Resamples for the paired bootstrap test (two --hyp).")
@click.option("--allow-empty", is_flag=True, help="Score empty lines instead of refusing them.")
@click.option("--format", "output_format", type=TEXT_OR_JSON, default="text", show_default=True)
def evaluate(hyps, refs, metric_names, sentence, worst, per_doc, glossaries, bootstrap_samples, allow_empty,
             output_format):
    """Score translations with sacrebleu (BLEU, chrF, chrF++, TER and their signatures), and
    report terminology accuracy and post-editing effort of bitext corpora.

    \b
    Example:
      bitext evaluate --hyp out/id-en.jsonl --ref reference.en.txt -m bleu,chrf
    """
    import json

    from bitext.qa.evaluate import EvaluateOptions, evaluate, report_text

    options = EvaluateOptions(tuple(n.strip() for n in metric_names.split(",") if n.strip()), sentence, worst,
                              per_doc, tuple(glossaries), bootstrap_samples, allow_empty)
    result = evaluate(hyps, refs, options)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if output_format == "json" else report_text(result))
