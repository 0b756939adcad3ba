"""bitext's own exceptions. The CLI turns each into one line on stderr and a non-zero exit."""


class BitextError(Exception):
    """Base class: a problem the user can act on (bad input, missing model, ...)."""


class InputError(BitextError):
    """An input file or folder is missing, unreadable, not UTF-8 or empty."""


class OutputError(BitextError):
    """An output file or folder cannot be written."""


class RunInterrupted(BitextError):
    """A run stopped by Ctrl-C: nothing was published; the message says what the cache kept."""

    exit_code = 130  # the shell's code for SIGINT


class ModelLoadError(BitextError):
    """A translation model or its tokenizer cannot be loaded."""


class GlossaryError(BitextError):
    """A glossary file is malformed (reported with its line number)."""


class FormatError(BitextError):
    """A bilingual file cannot be read or written in the requested format."""


class ReviewError(BitextError):
    """Reviewed units cannot be applied to a store (e.g. unknown ids)."""


class EvaluationError(BitextError):
    """Hypothesis and reference files cannot be scored together."""


def warn(message: str) -> None:
    """A problem that does not stop the work (a skipped folder, a failing cache): one
    line on stderr, where the CLI's errors go too."""
    import sys

    print(f"Warning: {message}", file=sys.stderr)
