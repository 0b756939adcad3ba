"""The ``bitext`` command: option parsing only; the work is in the library.

One module a command (group); each parses its options, makes one library call and prints.
Heavy modules are imported inside the commands, so ``bitext --help`` is instant.
"""

from bitext.cli import (  # noqa: F401
    align,
    convert,
    evaluate,
    export,
    filter,
    glossary,
    report,
    review,
    segment,
    shortlist,
    translate,
)
from bitext.cli.common import main

__all__ = ["main"]
