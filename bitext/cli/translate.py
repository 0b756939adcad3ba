"""``bitext translate``: articles in, a translated parallel corpus out."""

from __future__ import annotations

import time

import click

from bitext.cli.common import (
    DEFAULT_GLOSSARY,
    DEFAULT_OUTPUT,
    DEFAULTS,
    STATUS_CHOICE,
    ProgressBar,
    announce_glossary,
    check_inputs,
    cleaning_options,
    input_options,
    main,
    show_notices,
    text_options,
)
from bitext.translation.base import BACKENDS, DEFAULT_MODEL, DEGENERATE_MODES


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=DEFAULT_OUTPUT, show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("-f", "--format", "formats", multiple=True, help="Output format; repeat for several.  [default: tmx, jsonl]")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Hugging Face hub id or local model folder (for ctranslate2 also a converted model).")
@click.option("--revision", default=None, help="Hub revision (branch, tag or commit) of --model.")
@click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULTS.backend, show_default=True)
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=DEFAULTS.device, show_default=True)
@click.option("--compute-type", default=None,
              help="Numeric precision. ctranslate2: int8 (CPU default), int8_float16 (GPU default), float16, float32; "
                   "transformers: float32 (CPU default), float16 (GPU default), bfloat16.")
@click.option("--beam-size", type=click.IntRange(1, 64), default=DEFAULTS.beam_size, show_default=True)
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULTS.batch_size, show_default=True,
              help="Most sentences a batch.")
@click.option("--batch-tokens", type=click.IntRange(1), default=DEFAULTS.batch_tokens, show_default=True,
              help="Most source tokens a batch, padding included.")
@click.option("--max-length", type=click.IntRange(1, 1024), default=None,
              help="Cap on generated tokens.  [default: 1.5 x source length + 10]")
@click.option("--threads", type=click.IntRange(1), default=None, help="CPU threads.  [default: one per core]")
@click.option("--degenerate", type=click.Choice(DEGENERATE_MODES), default=DEFAULTS.degenerate, show_default=True,
              help="Looping or runaway translations: decode them again with repetition controls and flag what "
                   "stays degenerate (redecode), only flag them (flag), or check nothing (off).")
@click.option("--shortlist", default=None, metavar="auto|FILE",
              help="ctranslate2: restrict each batch's output layer to a vocabulary shortlist (auto: built once per "
                   "model into the bitext cache; FILE: a map from bitext shortlist build).  [default: off]")
@click.option("--term-rounds", type=click.IntRange(0), default=DEFAULTS.term_rounds, show_default=True,
              help="ctranslate2 glossary repairs: re-decodes a sentence gets; all but the last place one missing "
                   "term each, the last places all it still misses at once (0: one term each, however many).")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary (TSV, CSV or TBX); repeat to layer several.  [default: {DEFAULT_GLOSSARY}]")
@click.option("--no-glossary", is_flag=True, help="Do not enforce any glossary, not even the default one.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False), default=None,
              help="Translation cache file.  [default: OUTPUT/cache.sqlite3]")
@click.option("--no-cache", is_flag=True, help="Translate everything again and keep no cache.")
@click.option("--status", "status_filter", type=STATUS_CHOICE, default="all", show_default=True,
              help="Records the exchange formats (TMX, XLIFF, PO, Moses, TSV) hold; the JSONL store keeps all.")
@click.option("--overwrite", is_flag=True,
              help="Start a new store: discard the reviews and set-aside records of the store in OUTPUT.")
@click.option("--wait", is_flag=True, help="If another bitext run is writing OUTPUT, wait for it instead of failing.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this process; ray: a Ray Data actor pool of translators (pip install 'bitext[ray]').")
@click.option("--workers", type=click.IntRange(1), default=2, show_default=True, help="--engine ray: translator actors.")
@click.option("--threads-per-worker", type=click.IntRange(1), default=1, show_default=True,
              help="--engine ray: CPU threads of each actor.")
@click.option("--gpus-per-worker", type=click.FloatRange(0), default=0.0, show_default=True,
              help="--engine ray: GPUs of each actor (0.5 puts two actors on a GPU).")
@click.option("--ray-address", default=None, help="--engine ray: join this cluster (\"auto\", ray://host:10001).  "
                                                   "[default: start Ray on this machine]")
@cleaning_options
@input_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(inputs, output, formats, model, revision, backend, device, compute_type, beam_size, batch_size,
              batch_tokens, max_length, threads, degenerate, shortlist, term_rounds, glossaries, no_glossary, cache_path, no_cache, status_filter,
              overwrite, wait, keep_all, boilerplate_files, abbreviation_files, keep_quotations, text_field, id_field,
              engine, workers, threads_per_worker, gpus_per_worker, ray_address, quiet):
    """Translate Indonesian articles (files, folders of *.txt, or - for stdin) into a parallel corpus.

    Writes OUTPUT/id-en.tmx and OUTPUT/id-en.jsonl (or the --format choices: jsonl, tmx,
    xliff, po, moses, tsv), OUTPUT/dropped.jsonl (what the cleaner removed) and
    OUTPUT/manifest.json (model, settings, counts, timings).

    If OUTPUT already holds a store, it is updated: reviewed records keep their reviewed
    text, new or changed sentences are translated, and records whose sentence is gone
    are kept in OUTPUT/set-aside.jsonl. The folder is locked while the run writes it and
    its files are published together: a failed run leaves the previous set.

    \b
    Example:
      bitext translate seeds/ -o out/
      bitext translate seeds/ -o out/ --backend ctranslate2 -f po -f xliff
    """
    from bitext.engines.base import EngineOptions
    from bitext.project.run import TranslateOptions, run_translation
    from bitext.translation import TranslationSettings

    started = time.perf_counter()
    show_notices(quiet)
    check_inputs(inputs)
    options = TranslateOptions(
        model=TranslationSettings(model=model, backend=backend, revision=revision, device=device,
                                  beam_size=beam_size, max_length=max_length, batch_size=batch_size,
                                  batch_tokens=batch_tokens, threads=threads, compute_type=compute_type,
                                  degenerate=degenerate, shortlist=shortlist,
                                  term_rounds=term_rounds),
        formats=tuple(formats) or TranslateOptions.formats, status=status_filter,
        glossaries=() if no_glossary else (tuple(glossaries) or None), cache=cache_path, use_cache=not no_cache,
        overwrite=overwrite, wait=wait,
        text=text_options(keep_all, boilerplate_files, abbreviation_files, keep_quotations, text_field, id_field),
        engine=EngineOptions(engine, workers, threads_per_worker, gpus_per_worker, ray_address),
    )
    progress = ProgressBar(quiet)
    try:
        result = run_translation(output, inputs, options, progress=progress)
    finally:
        progress.close()
    if not quiet:
        announce_glossary(result.glossary)
        click.echo(_summary(result, time.perf_counter() - started), err=True)


def _summary(result, seconds: float) -> str:
    stats = result.stats
    line = (
        f"Translated {stats.segments} segments from {stats.documents} documents in {seconds:.1f} s "
        f"({stats.translated} by the model, {stats.cached} from the cache; "
        f"{stats.dropped} dropped lines in dropped.jsonl)"
    )
    if stats.kept or stats.set_aside or stats.retranslated:
        line += (
            f"; updated the store: kept {stats.kept} ({stats.kept_reviewed} reviewed), "
            f"translated {stats.new} new or changed and {stats.retranslated} with the new settings, "
            f"set aside {stats.set_aside} no longer in the input (set-aside.jsonl)"
        )
    if stats.glossary_files:
        line += f"; glossary {', '.join(stats.glossary_files)}: terms met {stats.terms_met}/{stats.terms_matched}"
        if stats.terms_matched:
            line += f" ({stats.term_accuracy:.1%})"
    if stats.flagged:
        kinds = ", ".join(f"{count} {flag}" for flag, count in sorted(stats.flags.items()))
        line += (f"; {stats.flagged} degenerate translations flagged for review ({kinds}; "
                 f"{stats.redecoded} decoded again with repetition controls)")
    if stats.unproducible_terms:
        line += f"; WARNING: the model's vocabulary cannot spell {', '.join(stats.unproducible_terms)}"
    if stats.empty_targets:
        line += f"; WARNING: {stats.empty_targets} empty translations"
    files = ", ".join(path.name for path in result.written)
    line += f".\nWrote {result.folder}/: {files}"
    if result.also_updated:
        line += (f"\nAlso updated {', '.join(result.also_updated)}: an earlier run wrote them here, "
                 "so they are kept up to date")
    return line
