"""``bitext filter``: a parallel corpus in, the pairs worth keeping out, with scores and reasons."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from bitext.cli.common import DEFAULT_GLOSSARY, DEFAULT_OUTPUT, DEFAULTS, load_glossary_option, main
from bitext.translation.base import BACKENDS


@main.command("filter")
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--output", default=DEFAULT_OUTPUT, show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("-f", "--format", "formats", multiple=True,
              help="Also write the kept pairs in this format (tmx, xliff, po, moses, tsv); repeat for several. "
                   "The JSONL store is always written.")
@click.option("--from", "from_format", default=None, help="Format of the inputs.  [default: by extension]")
@click.option("--source-lang", default=None, help="Language to read as the source (a multilingual or reversed file).  [default: id]")
@click.option("--target-lang", default=None, help="Language to read as the target.  [default: en]")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False),
              help="TOML file of thresholds (see --show-config).  [default: the documented defaults]")
@click.option("--show-config", is_flag=True, help="Print every filter's thresholds and defaults as TOML, and exit.")
@click.option("--keep-all", "--score-only", "score_only", is_flag=True,
              help="Score every pair and remove nothing (the manifest still counts what each filter would remove).")
@click.option("--model", default=None,
              help="Also compare each source's machine translation with the target (slower, stronger).")
@click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULTS.backend, show_default=True)
@click.option("--no-cache", is_flag=True, help="With --model: keep no translation cache (default OUTPUT/cache.sqlite3).")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary whose terms count as lexical evidence.  [default: {DEFAULT_GLOSSARY} if present]")
@click.option("--no-glossary", is_flag=True, help="Use no glossary.")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False),
              help="Indonesian-English lexicon (indonesian<TAB>english|english lines).  [default: the shipped one]")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Score pairs in processes of this machine, or on Ray (pip install 'bitext[ray]').")
@click.option("--workers", type=int, default=None, help="Scoring processes (local) or actors (ray).  [default: the CPUs]")
@click.option("--ray-address", default=None, help="--engine ray: join this cluster (auto, ray://host:10001).")
@click.option("--wait", is_flag=True, help="If another bitext run is writing OUTPUT, wait for it instead of failing.")
@click.option("--overwrite", is_flag=True, help="Replace a store in OUTPUT even if it holds reviewed records.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, no summary.")
def filter_command(inputs, output, formats, from_format, source_lang, target_lang, config_path, show_config,
                   score_only, model, backend, no_cache, glossaries, no_glossary, lexicon_path, engine, workers,
                   ray_address, wait, overwrite, quiet):
    """Filter a parallel corpus: keep the pairs worth keeping, with a score per filter.

    INPUT is any bilingual file bitext reads (JSONL, TMX, XLIFF, PO, TSV, Moses, Parquet);
    several are read in turn. Each pair is scored by every filter (length, ratio, script,
    shapes, untranslated, numbers, language, lexical, with --model mt, and duplicates);
    the kept pairs go to OUTPUT/<src>-<tgt>.jsonl with their scores, every removed pair
    to OUTPUT/filtered.jsonl with its reasons and scores, and OUTPUT/manifest.json
    counts what each filter removed and records every threshold used.

    \b
    Example:
      bitext filter corpus.id -o clean/
      bitext filter crawl.tmx -o scored/ --keep-all --score-only
    """
    from bitext.errors import InputError
    from bitext.filtering.config import FilterConfig, default_toml

    if show_config:
        click.echo(default_toml(), nl=False)
        return
    if not inputs:
        raise InputError("give one or more bilingual files to filter (or --show-config)")
    started = time.perf_counter()
    config = FilterConfig.load(config_path) if config_path else FilterConfig()
    from bitext.formats import get_store

    for name in formats:
        get_store(name)
    for item in inputs:
        if not Path(item).is_file():
            raise InputError(f"no such file: {item}")
    context = _context(glossaries, no_glossary, lexicon_path, model, backend, Path(output), no_cache)
    scoring = _engine(engine, workers, ray_address, model is not None)
    from bitext.filtering.driver import FilterOptions
    from bitext.filtering.inputs import read_pairs
    from bitext.project.filter_run import filter_into

    segments = (segment for item in inputs for segment in read_pairs(item, from_format, source_lang, target_lang))
    progress = _Progress(quiet)
    try:
        options = FilterOptions(config, context, scoring, score_only, formats=tuple(formats),
                                languages=(source_lang or "id", target_lang or "en"), inputs=tuple(inputs))
        tally, written = filter_into(output, segments, options, wait=wait, overwrite=overwrite, progress=progress)
    finally:
        progress.close()
    if not quiet:
        by_filter = ", ".join(f"{name} {count:,}" for name, count in sorted(tally.removed_by.items(), key=lambda x: -x[1]))
        verb = "would remove" if score_only else "removed"
        click.echo(
            f"Filtered {tally.pairs:,} pairs in {time.perf_counter() - started:.1f} s: kept {tally.kept:,}, "
            f"{verb} {tally.flagged:,}"
            f"{f' ({by_filter})' if by_filter else ''}; {tally.duplicate_groups:,} groups of duplicates kept once.\n"
            f"Wrote {output}/: {', '.join(path.name for path in written)}",
            err=True,
        )


def _context(glossaries, no_glossary, lexicon_path, model, backend, output: Path, no_cache: bool):
    from bitext.cli.align import _cached_translation, _lexicon
    from bitext.filtering.base import FilterContext

    glossary = load_glossary_option(glossaries, no_glossary)
    lexicon = _lexicon(lexicon_path).with_glossary(glossary)
    translate = _cached_translation(model, backend, output, no_cache) if model else None
    return FilterContext(lexicon, translate)


def _engine(name: str, workers: int | None, address: str | None, with_model: bool):
    from bitext.filtering.engines import local_engine

    if name == "ray":
        from bitext.filtering.ray_engine import RayScoring

        return RayScoring(workers or 2, address)
    return local_engine(workers, with_model)


class _Progress:
    """Pairs scored so far, on stderr when it is a terminal (not with -q)."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Any = None

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(unit="pair", desc="filtering", file=sys.stderr, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()
