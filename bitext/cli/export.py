"""``bitext export``: a store handed to a CAT tool as a project."""

from __future__ import annotations

import click

from bitext.cli.common import DEFAULT_GLOSSARY, load_glossary_option, main


@main.group()
def export() -> None:
    """Hand a store to a CAT tool as a project it opens."""


@export.command("omegat")
@click.argument("store", type=click.Path(dir_okay=False))
@click.argument("project_dir", type=click.Path(file_okay=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary for OmegaT's glossary pane; repeat to layer.  [default: {DEFAULT_GLOSSARY}]")
@click.option("--no-glossary", is_flag=True, help="Write no glossary into the project.")
@click.option("--overwrite", is_flag=True, help="Replace an existing project (its confirmed translations are lost).")
@click.option("--wait", is_flag=True, help="If another bitext run is writing PROJECT_DIR, wait for it.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def export_omegat(store, project_dir, glossaries, no_glossary, overwrite, wait, quiet):
    """Write STORE (a JSONL store or any bitext format) as an OmegaT project in PROJECT_DIR.

    One OmegaT segment per record; reviewed records are confirmed translations, machine
    translation is a memory in tm/mt/ that OmegaT offers as a match. Bring the
    translator's work back with: bitext review apply PROJECT_DIR STORE.

    \b
    Example:
      bitext export omegat out/id-en.jsonl omegat-project/
    """
    from bitext.formats import read_corpus
    from bitext.project.omegat import export_project

    corpus = read_corpus(store)
    glossary = load_glossary_option(glossaries, no_glossary, announce=not quiet)
    report = export_project(corpus, project_dir, glossary, overwrite=overwrite, wait=wait)
    if quiet:
        return
    click.echo(
        f"Wrote OmegaT project {project_dir}: {report.segments} segments in {report.documents} source files, "
        f"{report.reviewed} confirmed (reviewed), {report.mt} machine translations in tm/mt/, "
        f"{report.glossary_terms} glossary lines.",
        err=True,
    )
