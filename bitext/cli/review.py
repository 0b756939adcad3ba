"""``bitext review``: translators' reviews brought back into the store."""

from __future__ import annotations

import click

from bitext.cli.common import main


@main.group()
def review() -> None:
    """Bring translators' reviewed files back into the corpus."""


@review.command("apply")
@click.argument("reviewed", type=click.Path(exists=True))
@click.argument("store", type=click.Path())
@click.option("--from", "reviewed_format", default=None, help="Format of REVIEWED.  [default: by extension]")
@click.option("--include-fuzzy", is_flag=True,
              help="Also apply units edited but still marked for review (fuzzy PO, XLIFF needs-review).")
@click.option("--wait", is_flag=True, help="If another bitext run is writing the store's folder, wait for it.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def review_apply_command(reviewed, store, reviewed_format, include_fuzzy, wait, quiet):
    """Apply REVIEWED (PO, XLIFF, TMX, or an OmegaT project folder) to STORE (the project's
    id-en.jsonl, or its folder) and rewrite the exchange files and manifest together.

    Units the translator confirmed become status "reviewed" with the machine translation
    kept in "mt"; the rest stay as they were. Units edited but still marked for review
    are reported and left alone unless --include-fuzzy. An id that is not in STORE, or
    one given twice with different targets, is an error, and then nothing is written.

    \b
    Example:
      bitext review apply reviewed/id-en.po out/
    """
    from bitext.project.review import review_apply

    report = review_apply(reviewed, store, reviewed_format, include_fuzzy=include_fuzzy, wait=wait)
    counts = report.to_dict()
    line = (
        f"Applied {counts['applied']} reviewed units ({counts['changed']} edited, {counts['approved_unchanged']} "
        f"approved as they were); {counts['unchanged']} unchanged"
    )
    if counts["already_reviewed"]:
        line += f"; {counts['already_reviewed']} already reviewed with the same text"
    if counts["edited_still_marked"]:
        line += (f"; {counts['edited_still_marked']} edited, still marked for review: not applied, kept as drafts "
                 "(confirm them in your tool, or pass --include-fuzzy)")
    if report.set_aside:
        line += (f"; {len(report.set_aside)} reviews of sentences no longer in the store kept in set-aside.jsonl "
                 "(they come back if the sentence does)")
    for name, count in report.siblings.items():
        line += f"; also applied {count} confirmed edits from {name}"
    if report.written:
        line += ". Rewrote " + ", ".join(path.name for path in report.written)
    else:
        line += ". Nothing to write: the store already holds these reviews"
    if not quiet:
        click.echo(line + ".", err=True)
