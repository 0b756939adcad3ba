"""The ``bitext`` command: option parsing only; the work is in the library.

Heavy modules are imported inside the commands, so ``bitext --help`` is instant.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from bitext import __version__
from bitext.errors import BitextError
from bitext.translation.base import BACKENDS, DEFAULT_MODEL
from bitext.translation.base import TranslationSettings as _Defaults

# The library owns the defaults; the options show them.
_DEFAULTS = _Defaults()

DEFAULT_OUTPUT = "out"
DEFAULT_GLOSSARY = Path("glossary") / "id-en.tsv"
TEXT_OR_JSON = click.Choice(["text", "json"])
STATUS_CHOICE = click.Choice(["all", "reviewed", "mt", "imported", "aligned"])


class BitextGroup(click.Group):
    """Turns bitext's own exceptions into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BitextError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo(f"Interrupted. {_saved_message()}", err=True)
            sys.exit(130)


# The translation cache of the running command, so an interrupt can say what it kept.
_OPEN_CACHES: list = []


def _saved_message() -> str:
    """What an interrupted or failed run kept, counted, not promised."""
    if not _OPEN_CACHES:
        return "No outputs were changed."
    cache = _OPEN_CACHES[-1]
    if not cache.saved:
        return f"No outputs were changed, and no translation of this run had been saved yet in {cache.path}."
    return (
        f"No outputs were changed; {cache.saved} translations of this run are saved in {cache.path}: "
        "run the same command again to resume."
    )


@click.group(cls=BitextGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bitext")
def main() -> None:
    """Indonesian news articles to a reviewed, evaluated Indonesian-English parallel corpus."""


# -- options shared by translate and segment ------------------------------------------------

_CLEANING_OPTIONS = (
    click.option("--keep-all", is_flag=True, help="Keep boilerplate, captions twice, teasers: classify but drop nothing."),
    click.option("--boilerplate", "boilerplate_files", multiple=True, type=click.Path(dir_okay=False),
                 help="More page-furniture words for the cleaner (format of bitext/data/boilerplate-id.txt)."),
    click.option("--abbreviations", "abbreviation_files", multiple=True, type=click.Path(dir_okay=False),
                 help="More abbreviations for the segmenter (format of bitext/data/abbreviations-id.txt)."),
    click.option("--keep-quotations", is_flag=True,
                 help="A quotation of several sentences stays one segment (the UD treebank convention)."),
)


_INPUT_OPTIONS = (
    click.option("--text-field", default="text", show_default=True,
                 help="Corpus inputs (JSONL, TSV, Parquet: one document a row): the field holding the text."),
    click.option("--id-field", default=None,
                 help="Corpus inputs: the field whose value becomes the document id.  [default: FILE#ROW]"),
)


def input_options(function):
    for option in reversed(_INPUT_OPTIONS):
        function = option(function)
    return function


def cleaning_options(function):
    for option in reversed(_CLEANING_OPTIONS):
        function = option(function)
    return function


def _cleaner_and_segmenter(keep_all: bool, boilerplate_files, abbreviation_files, keep_quotations: bool = False):
    from bitext.cleaning.cleaner import Cleaner
    from bitext.segmentation.sentences import Segmenter

    return Cleaner(boilerplate_files, keep_all=keep_all), Segmenter(abbreviation_files, keep_quotations)


def _glossary(paths: tuple[str, ...], disabled: bool, announce: bool = True):
    """The glossaries given, else glossary/id-en.tsv in the current folder if there is one;
    ``announce`` says on stderr how many entries were loaded from which files."""
    from bitext.terms.glossary import load_glossaries

    if disabled:
        return None
    if not paths and DEFAULT_GLOSSARY.is_file():
        paths = (str(DEFAULT_GLOSSARY),)
    if not paths:
        return None
    glossary = load_glossaries(paths)
    if announce:
        _announce_glossary(glossary)
    return glossary


def _announce_glossary(glossary) -> None:
    # The count is the check a user has that the file was read as meant (a stray quote
    # once swallowed every row after it).
    if glossary is not None:
        click.echo(f"Glossary: {len(glossary)} entries from {', '.join(glossary.files)}", err=True)


class _ProgressBar:
    """A tqdm bar on stderr when it is a terminal, silent otherwise or with -q."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="sent", desc="translating", file=sys.stderr, leave=False)
        if total != self.bar.total:  # a streamed run learns its total chunk by chunk
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- translate --------------------------------------------------------------------------------

@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default=DEFAULT_OUTPUT, show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("-f", "--format", "formats", multiple=True, help="Output format; repeat for several.  [default: tmx, jsonl]")
@click.option("-m", "--model", default=DEFAULT_MODEL, show_default=True,
              help="Hugging Face hub id or local model folder (for ctranslate2 also a converted model).")
@click.option("--revision", default=None, help="Hub revision (branch, tag or commit) of --model.")
@click.option("--backend", type=click.Choice(BACKENDS), default=_DEFAULTS.backend, show_default=True)
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=_DEFAULTS.device, show_default=True)
@click.option("--compute-type", default=None,
              help="Numeric precision. ctranslate2: int8 (CPU default), int8_float16 (GPU default), float16, float32; "
                   "transformers: float32 (CPU default), float16 (GPU default), bfloat16.")
@click.option("--beam-size", type=click.IntRange(1, 64), default=_DEFAULTS.beam_size, show_default=True)
@click.option("--batch-size", type=click.IntRange(1), default=_DEFAULTS.batch_size, show_default=True,
              help="Most sentences a batch.")
@click.option("--batch-tokens", type=click.IntRange(1), default=_DEFAULTS.batch_tokens, show_default=True,
              help="Most source tokens a batch, padding included.")
@click.option("--max-length", type=click.IntRange(1, 1024), default=None,
              help="Cap on generated tokens.  [default: 1.5 x source length + 10]")
@click.option("--threads", type=click.IntRange(1), default=None, help="CPU threads.  [default: one per core]")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary (TSV, CSV or TBX); repeat to layer several.  [default: {DEFAULT_GLOSSARY} if present]")
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
              batch_tokens, max_length, threads, glossaries, no_glossary, cache_path, no_cache, status_filter,
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
    """
    from bitext.formats import get_store
    from bitext.ingest.reader import iter_documents, with_text
    from bitext.project.run import translate_into
    from bitext.translation import TranslationSettings, load_translator

    started = time.perf_counter()
    formats = formats or ("tmx", "jsonl")
    for name in formats:
        get_store(name)  # fail on a bad --format before loading the model
    _check_inputs(inputs)
    # Read lazily: a corpus of any size streams through the run, chunk by chunk.
    documents = with_text(iter_documents(inputs, keep_all=keep_all, text_field=text_field, id_field=id_field))
    glossary = _glossary(glossaries, no_glossary, announce=False)
    cleaner, segmenter = _cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
    out = Path(output)
    _check_writable(out)
    settings = TranslationSettings(
        model=model, backend=backend, revision=revision, device=device, beam_size=beam_size,
        max_length=max_length, batch_size=batch_size, batch_tokens=batch_tokens, threads=threads,
        compute_type=compute_type,
    )
    translator = load_translator(settings)
    loaded = time.perf_counter()
    if not quiet:
        _announce_glossary(glossary)

    def open_cache(folder: Path):
        cache = _open_cache(folder, cache_path, no_cache, translator)
        if cache is not None:
            _OPEN_CACHES.append(cache)
        return cache

    progress = _ProgressBar(quiet)
    try:
        run, written = translate_into(
            out, documents, translator, formats=formats, status=status_filter, overwrite=overwrite, wait=wait,
            open_cache=open_cache, timings={"load_model": round(loaded - started, 3)},
            engine=_engine(engine, settings, workers, threads_per_worker, gpus_per_worker, ray_address),
            cleaner=cleaner, segmenter=segmenter, glossary=glossary, progress=progress,
        )
    except OSError as error:  # a fault outside bitext's own checks: say what was kept
        raise click.ClickException(f"{error.strerror or error}. {_saved_message()}") from None
    finally:
        progress.close()
    if not quiet:
        click.echo(_summary(run.stats, out, written, time.perf_counter() - started), err=True)


def _engine(name: str, settings, workers: int, threads: int, gpus: float, address: str | None):
    if name == "local":
        return None
    from bitext.engines.ray_cluster import RayEngine, RayOptions

    return RayEngine(settings, RayOptions(workers, threads, gpus, address))


def _check_inputs(inputs) -> None:
    """Missing inputs are an error before the model loads (the documents are read later,
    as the run streams)."""
    from bitext.errors import InputError

    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise InputError(f"no such file or directory: {item}")


def _check_writable(folder: Path) -> None:
    from bitext.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".bitext-write-test"
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise OutputError(f"cannot write to output folder {folder}: {error.strerror or error}") from None


def _open_cache(out: Path, cache_path, no_cache: bool, translator):
    if no_cache:
        return None
    from bitext.translation.cache import TranslationCache, model_key

    return TranslationCache(Path(cache_path) if cache_path else out / "cache.sqlite3", model_key(translator.describe()))


def _summary(stats: dict, out: Path, written: list[Path], seconds: float) -> str:
    line = (
        f"Translated {stats['segments']} segments from {stats['documents']} documents in {seconds:.1f} s "
        f"({stats['translated']} by the model, {stats['cached']} from the cache; "
        f"{stats['dropped']} dropped lines in dropped.jsonl)"
    )
    if stats.get("kept") or stats.get("set_aside") or stats.get("retranslated"):
        line += (
            f"; updated the store: kept {stats['kept']} ({stats['kept_reviewed']} reviewed), "
            f"translated {stats['new']} new or changed and {stats['retranslated']} with the new settings, "
            f"set aside {stats['set_aside']} no longer in the input (set-aside.jsonl)"
        )
    if stats.get("glossary_files"):
        line += f"; glossary {', '.join(stats['glossary_files'])}: terms met {stats['terms_met']}/{stats['terms_matched']}"
        if stats.get("terms_matched"):
            line += f" ({stats['term_accuracy']:.1%})"
    if stats.get("flagged"):
        kinds = ", ".join(f"{count} {flag}" for flag, count in sorted(stats["flags"].items()))
        line += (f"; {stats['flagged']} degenerate translations flagged for review ({kinds}; "
                 f"{stats['redecoded']} decoded again with repetition controls)")
    if stats.get("unproducible_terms"):
        line += f"; WARNING: the model's vocabulary cannot spell {', '.join(stats['unproducible_terms'])}"
    if stats.get("empty_targets"):
        line += f"; WARNING: {stats['empty_targets']} empty translations"
    files = ", ".join(path.name for path in written)
    return f"{line}.\nWrote {out}/: {files}"


# -- align -------------------------------------------------------------------------------------

@main.command()
@click.argument("source", required=False, type=click.Path())
@click.argument("target", required=False, type=click.Path())
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False),
              help="TSV of Indonesian and English document paths (relative to the TSV), instead of SOURCE TARGET.")
@click.option("-o", "--output", default=DEFAULT_OUTPUT, show_default=True, type=click.Path(file_okay=False),
              help="Output folder.")
@click.option("-f", "--format", "formats", multiple=True, help="Output format; repeat for several.  [default: tmx, jsonl]")
@click.option("--presegmented", is_flag=True,
              help="Both sides are one sentence a line (a blank line ends a paragraph); segment nothing.")
@click.option("-m", "--model", default=None,
              help="Also compare each Indonesian sentence's machine translation with the English (slower, stronger).")
@click.option("--backend", type=click.Choice(BACKENDS), default=_DEFAULTS.backend, show_default=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary whose terms count as lexical evidence.  [default: {DEFAULT_GLOSSARY} if present]")
@click.option("--no-glossary", is_flag=True, help="Use no glossary.")
@click.option("--no-cache", is_flag=True, help="With --model: keep no translation cache (default OUTPUT/cache.sqlite3).")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False),
              help="Indonesian-English lexicon (indonesian<TAB>english|english lines).  [default: the shipped one]")
@click.option("--status", "status_filter", type=STATUS_CHOICE, default="all", show_default=True,
              help="Records the exchange formats hold; the JSONL store keeps all.")
@click.option("--wait", is_flag=True, help="If another bitext run is writing OUTPUT, wait for it instead of failing.")
@click.option("--overwrite", is_flag=True, help="Replace a store in OUTPUT even if it holds reviewed records.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@cleaning_options
def align(source, target, pairs_file, output, formats, presegmented, model, backend, glossaries, no_glossary,
          no_cache, lexicon_path, status_filter, wait, overwrite, quiet, keep_all, boilerplate_files,
          abbreviation_files, keep_quotations):
    """Align Indonesian and English documents that already exist into sentence pairs.

    SOURCE and TARGET are an Indonesian and an English document, or two folders whose
    files pair by relative path (or use --pairs). Writes the same stores as translate,
    with status "aligned"; each JSONL record has its alignment type, score and the
    sentence (with --presegmented: line) numbers of both sides. Sentences left without a
    partner go to OUTPUT/unaligned.jsonl; pairs scoring low are flagged low-confidence.
    """
    from bitext.alignment.documents import align_documents, pair_inputs
    from bitext.formats import get_store
    from bitext.project.align_run import write_alignment

    started = time.perf_counter()
    formats = formats or ("tmx", "jsonl")
    for name in formats:
        get_store(name)
    pairs = pair_inputs(source, target, pairs_file)
    glossary = _glossary(glossaries, no_glossary, announce=False)
    lexicon = _lexicon(lexicon_path)
    cleaner, segmenter = _cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
    translate = None
    _check_writable(Path(output))
    if model:
        translate = _cached_translation(model, backend, Path(output), no_cache)
    run = align_documents(pairs, presegmented=presegmented, lexicon=lexicon, glossary=glossary, translate=translate,
                          cleaner=cleaner, segmenter=segmenter)
    written = write_alignment(output, run, formats, status_filter, wait, overwrite)
    if not quiet:
        _announce_glossary(glossary)
        stats = run.stats
        kinds = ", ".join(f"{count} {kind}" for kind, count in stats["alignment_types"].items())
        click.echo(
            f"Aligned {stats['documents']} document pairs in {time.perf_counter() - started:.1f} s: "
            f"{stats['pairs']} pairs ({kinds}), {stats['low_confidence']} low-confidence, "
            f"{stats['unaligned']} sentences unaligned (unaligned.jsonl).\n"
            f"Wrote {output}/: {', '.join(path.name for path in written)}",
            err=True,
        )


def _cached_translation(model: str, backend: str, out: Path, no_cache: bool):
    """sentences -> MT through the translator and cache that translate uses (a rerun of
    align, or an align after a translate, decodes nothing twice)."""
    from bitext.model import Segment
    from bitext.translation import TranslationSettings, load_translator
    from bitext.translation.service import translate_segments

    translator = load_translator(TranslationSettings(model=model, backend=backend))
    cache = _open_cache(out, None, no_cache, translator)
    if cache is not None:
        _OPEN_CACHES.append(cache)

    def translate(sentences: list[str]) -> list[str]:
        segments = [Segment("mt", number, 1, sentence) for number, sentence in enumerate(sentences, 1)]
        translate_segments(segments, translator, cache=cache)
        return [segment.target for segment in segments]

    return translate


def _lexicon(path):
    from bitext.alignment.lexicon import Lexicon
    from bitext.errors import InputError

    if path is None:
        return Lexicon.default()
    try:
        return Lexicon.load(path)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read lexicon {path}: {error}") from None


# -- report ------------------------------------------------------------------------------------

@main.command()
@click.argument("store", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary to mark and check terms with.  [default: {DEFAULT_GLOSSARY} if present, "
                   "else the matches the store records]")
@click.option("--no-glossary", is_flag=True, help="Show only the glossary matches the store records.")
@click.option("--from", "from_format", default=None, help="Format of STORE.  [default: by extension]")
@click.option("--title", default="", help="Page title.  [default: the store's name]")
def report(store, output, glossaries, no_glossary, from_format, title):
    """Write one self-contained HTML page to review STORE (any format bitext reads).

    Figures at the top (statuses, term accuracy, flags, post-edit effort, charts), then
    every segment with its source and target side by side, glossary terms marked met or
    unmet, flags as badges, the MT diff of reviewed segments, and filters by document,
    status, flag and text. Opens from disk, needs no network; link to a segment with
    report.html#doc:paragraph:sentence.
    """
    from bitext.formats import read_corpus
    from bitext.report.page import write_report

    corpus = read_corpus(store, from_format)
    path = write_report(corpus, output, _glossary(glossaries, no_glossary), title or f"bitext report: {Path(store).name}")
    click.echo(f"Wrote {path} ({len(corpus)} segments).", err=True)


# -- segment -----------------------------------------------------------------------------------

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
    cleaner, segmenter = _cleaner_and_segmenter(keep_all, boilerplate_files, abbreviation_files, keep_quotations)
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


# -- convert -----------------------------------------------------------------------------------

@main.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("destination", type=click.Path(dir_okay=False))
@click.option("--from", "from_format", default=None, help="Format of SOURCE.  [default: by extension]")
@click.option("--to", "to_format", default=None, help="Format of DESTINATION.  [default: by extension]")
@click.option("--status", "status_filter", type=STATUS_CHOICE, default="all", show_default=True,
              help="Write only records of this status (reviewed, mt, imported, aligned), or all.")
@click.option("--source-lang", default=None, help="Language to read as the source (a multilingual or reversed file).")
@click.option("--target-lang", default=None, help="Language to read as the target.")
def convert(source, destination, from_format, to_format, status_filter, source_lang, target_lang):
    """Convert a corpus between formats (jsonl, tmx, xliff, po, moses, tsv); ids and statuses survive.

    A file from another tool keeps its ids (a TMX tuid such as "CMU_1:1"); its translations
    are "imported", not machine translation. --source-lang id --target-lang en reads an
    English-Indonesian TMX (TICO-19) as Indonesian-English.
    """
    from bitext.formats import read_corpus, write_corpus

    corpus = read_corpus(source, from_format, source_lang, target_lang).with_status(status_filter)
    written = write_corpus(corpus, destination, to_format)
    click.echo(f"Converted {len(corpus)} segments: {', '.join(str(p) for p in written)}", err=True)


# -- export ------------------------------------------------------------------------------------

@main.group()
def export() -> None:
    """Hand a store to a CAT tool as a project it opens."""


@export.command("omegat")
@click.argument("store", type=click.Path(dir_okay=False))
@click.argument("project_dir", type=click.Path(file_okay=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary for OmegaT's glossary pane; repeat to layer.  [default: {DEFAULT_GLOSSARY} if present]")
@click.option("--no-glossary", is_flag=True, help="Write no glossary into the project.")
@click.option("--overwrite", is_flag=True, help="Replace an existing project (its confirmed translations are lost).")
def export_omegat(store, project_dir, glossaries, no_glossary, overwrite):
    """Write STORE (a JSONL store or any bitext format) as an OmegaT project in PROJECT_DIR.

    One OmegaT segment per record; reviewed records are confirmed translations, machine
    translation is a memory in tm/mt/ that OmegaT offers as a match. Bring the
    translator's work back with: bitext review apply PROJECT_DIR STORE.
    """
    from bitext.formats import read_corpus
    from bitext.project.omegat import export_project

    corpus = read_corpus(store)
    report = export_project(corpus, project_dir, _glossary(glossaries, no_glossary), overwrite=overwrite)
    click.echo(
        f"Wrote OmegaT project {project_dir}: {report.segments} segments in {report.documents} source files, "
        f"{report.reviewed} confirmed (reviewed), {report.mt} machine translations in tm/mt/, "
        f"{report.glossary_terms} glossary lines.",
        err=True,
    )


# -- review ------------------------------------------------------------------------------------

@main.group()
def review() -> None:
    """Bring translators' reviewed files back into the corpus."""


@review.command("apply")
@click.argument("reviewed", type=click.Path(exists=True))
@click.argument("store", type=click.Path(dir_okay=False))
@click.option("--format", "reviewed_format", default=None, help="Format of REVIEWED.  [default: by extension]")
@click.option("--include-fuzzy", is_flag=True,
              help="Also apply units edited but still marked for review (fuzzy PO, XLIFF needs-review).")
@click.option("--wait", is_flag=True, help="If another bitext run is writing the store's folder, wait for it.")
def review_apply_command(reviewed, store, reviewed_format, include_fuzzy, wait):
    """Apply REVIEWED (PO, XLIFF, TMX, or an OmegaT project folder) to STORE.jsonl and
    rewrite its sibling outputs and manifest together.

    Units the translator confirmed become status "reviewed" with the machine translation
    kept in "mt"; the rest stay as they were. Units edited but still marked for review
    are reported and left alone unless --include-fuzzy. An id that is not in STORE, or
    one given twice with different targets, is an error, and then nothing is written.
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
        line += (f"; {counts['edited_still_marked']} edited, still marked for review: not applied "
                 "(confirm them in your tool, or pass --include-fuzzy)")
    if report.written:
        line += ". Rewrote " + ", ".join(path.name for path in report.written)
    else:
        line += ". Nothing to write: the store already holds these reviews"
    click.echo(line + ".", err=True)


# -- glossary --------------------------------------------------------------------------------

@main.group("glossary")
def glossary_group() -> None:
    """Check bilingual files against glossaries."""


@glossary_group.command("check")
@click.argument("corpus_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help=f"Glossary (TSV, CSV or TBX); repeat to layer several.  [default: {DEFAULT_GLOSSARY} if present]")
@click.option("--no-glossary", is_flag=True, help="Only look for inconsistent renderings.")
@click.option("--format", "output_format", type=TEXT_OR_JSON, default="text", show_default=True)
@click.option("--from", "from_format", default=None, help="Format of FILE.  [default: by extension]")
@click.option("--source-lang", default=None, help="Language to read as the source (a multilingual or reversed file).")
@click.option("--target-lang", default=None, help="Language to read as the target.")
def glossary_check(corpus_file, glossaries, no_glossary, output_format, from_format, source_lang, target_lang):
    """Report glossary violations and inconsistent renderings in FILE (JSONL, TMX, PO, ...).

    Exit status 1 when a glossary term is violated, 0 otherwise. JSON output has a
    "violations" list (id, source_term, term, required, target), an "inconsistencies"
    list (the same source term or sentence rendered several ways) and a "flagged" list
    (degenerate translations: repeats, too-long, too-short, copy, empty).
    """
    import json

    from bitext.formats import read_corpus
    from bitext.qa.corpus_check import check_corpus

    corpus = read_corpus(corpus_file, from_format, source_lang, target_lang)
    report = check_corpus(corpus, _glossary(glossaries, no_glossary))
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


# -- evaluate ----------------------------------------------------------------------------------

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
    report terminology accuracy and post-editing effort of bitext corpora."""
    import json

    from bitext.qa.evaluate import report

    result = report(hyps, refs, [n.strip() for n in metric_names.split(",") if n.strip()], sentence=sentence,
                    worst_count=worst, per_doc=per_doc, glossaries=glossaries, samples=bootstrap_samples,
                    allow_empty=allow_empty)
    if output_format == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from bitext.qa.evaluate import report_text

        click.echo(report_text(result))
