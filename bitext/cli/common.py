"""What the commands share: the group, error handling, shared options and helpers."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from bitext import __version__
from bitext.errors import BitextError
from bitext.translation.base import TranslationSettings as _Defaults

# The library owns the defaults; the options show them.
DEFAULTS = _Defaults()


DEFAULT_OUTPUT = "out"


DEFAULT_GLOSSARY = "glossary/id-en.tsv if present, else bitext's default glossary"  # shown in --help


TEXT_OR_JSON = click.Choice(["text", "json"])


STATUS_CHOICE = click.Choice(["all", "reviewed", "mt", "imported", "aligned"])


class BitextGroup(click.Group):
    """Turns bitext's own exceptions into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        """Run the command; bitext's errors and OS faults become one line and a non-zero exit."""
        try:
            return super().invoke(ctx)
        except BitextError as error:
            code = getattr(error, "exit_code", 1)
            if code != 1:  # an interrupt: its message says what was kept
                click.echo(str(error), err=True)
                sys.exit(code)
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo(f"Interrupted. {saved_message()}", err=True)
            sys.exit(130)
        except OSError as error:  # a fault outside bitext's own checks (a full disk): still one line
            where = f" ({error.filename})" if error.filename else ""
            raise click.ClickException(f"{error.strerror or error}{where}") from None


# The translation cache of the running command, so an interrupt can say what it kept.
OPEN_CACHES: list = []


def saved_message() -> str:
    """What an interrupted or failed run kept, counted, not promised."""
    if not OPEN_CACHES:
        return "No outputs were changed."
    cache = OPEN_CACHES[-1]
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


CLEANING_OPTIONS = (
    click.option("--keep-all", is_flag=True, help="Keep boilerplate, captions twice, teasers: classify but drop nothing."),
    click.option("--boilerplate", "boilerplate_files", multiple=True, type=click.Path(dir_okay=False),
                 help="More page-furniture words for the cleaner (format of bitext/data/boilerplate-id.txt)."),
    click.option("--abbreviations", "abbreviation_files", multiple=True, type=click.Path(dir_okay=False),
                 help="More abbreviations for the segmenter (format of bitext/data/abbreviations-id.txt)."),
    click.option("--keep-quotations", is_flag=True,
                 help="A quotation of several sentences stays one segment (the UD treebank convention)."),
)


INPUT_OPTIONS = (
    click.option("--text-field", default="text", show_default=True,
                 help="Corpus inputs (JSONL, TSV, Parquet: one document a row): the field holding the text."),
    click.option("--id-field", default=None,
                 help="Corpus inputs: the field whose value becomes the document id.  [default: FILE#ROW]"),
)


def input_options(function):
    """The corpus-input options (--text-field, --id-field) of a command."""
    for option in reversed(INPUT_OPTIONS):
        function = option(function)
    return function


def cleaning_options(function):
    """The cleaning and segmentation options of a command."""
    for option in reversed(CLEANING_OPTIONS):
        function = option(function)
    return function


def cleaner_and_segmenter(keep_all: bool, boilerplate_files, abbreviation_files, keep_quotations: bool = False):
    """The cleaner and segmenter of the shared options."""
    from bitext.cleaning.cleaner import Cleaner
    from bitext.segmentation.sentences import Segmenter

    return Cleaner(boilerplate_files, keep_all=keep_all), Segmenter(abbreviation_files, keep_quotations)


def load_glossary_option(paths: tuple[str, ...], disabled: bool, announce: bool = True, source_lang: str = "id",
                         target_lang: str = "en"):
    """The glossaries given, else the default one (``glossary/id-en.tsv`` in the current
    folder, else the one shipped with bitext), none with --no-glossary; ``announce`` says
    on stderr how many entries were loaded from which files. A termbase (TBX, a CSV with
    language columns) is read for ``source_lang`` -> ``target_lang``."""
    from bitext.terms.defaults import resolve_glossary

    glossary = resolve_glossary(() if disabled else (tuple(paths) or None), source_lang, target_lang)
    if announce:
        announce_glossary(glossary)
    return glossary


def announce_glossary(glossary) -> None:
    """One line on stderr: the glossary's entries and files."""
    # The count is the check a user has that the file was read as meant (a stray quote
    # once swallowed every row after it).
    if glossary is not None:
        from bitext.terms.defaults import describe_glossary

        click.echo(describe_glossary(glossary), err=True)


class _EchoHandler(logging.Handler):
    """Log records as plain lines on the stderr of the moment (click.echo looks it up
    each time, so a test runner's swapped stream gets them)."""

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record's message."""
        click.echo(self.format(record), err=True)


def show_notices(quiet: bool) -> None:
    """Show the library's notices of long one-time work (a model converted, a shortlist
    built) on stderr, unless ``quiet``; the library itself only logs them."""
    logger = logging.getLogger("bitext")
    if not any(isinstance(handler, _EchoHandler) for handler in logger.handlers):
        logger.addHandler(_EchoHandler())
        logger.propagate = False  # once on stderr is enough
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


class ProgressBar:
    """A tqdm bar on stderr when it is a terminal, silent otherwise or with -q."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Any = None

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
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()


def check_inputs(inputs) -> None:
    """Missing inputs are an error before the model loads (the documents are read later,
    as the run streams)."""
    from bitext.errors import InputError

    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise InputError(f"no such file or directory: {item}")


def text_options(keep_all: bool, boilerplate_files, abbreviation_files, keep_quotations: bool,
                 text_field: str = "text", id_field: str | None = None):
    """The reading, cleaning and splitting options of the shared flags."""
    from bitext.segmentation.documents import TextOptions

    return TextOptions(keep_all, tuple(boilerplate_files), tuple(abbreviation_files), keep_quotations, text_field,
                       id_field)


def check_writable(folder: Path) -> None:
    """Fail early when the output folder cannot be written (before a model loads)."""
    from bitext.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".bitext-write-test"
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise OutputError(f"cannot write to output folder {folder}: {error.strerror or error}") from None


def open_translation_cache(out: Path, cache_path, no_cache: bool, translator):
    """The translation cache of a command, or None with --no-cache."""
    if no_cache:
        return None
    from bitext.translation.cache import TranslationCache, model_key

    return TranslationCache(Path(cache_path) if cache_path else out / "cache.sqlite3", model_key(translator.describe()))
