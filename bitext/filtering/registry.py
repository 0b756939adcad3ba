"""The filters by name, each imported when first asked for (as sacrebleu's metrics).

The order is the order filters run in and list their reasons: cheap shape checks first,
then language identification, the lexical score, the MT signal, and last the corpus-wide
duplicate detection (which keeps, of each group of copies, the best by these scores).
"""

from __future__ import annotations

import importlib
from typing import Any

from bitext.errors import InputError

# name: (module, class)
FILTERS: dict[str, tuple[str, str]] = {
    "length": ("bitext.filtering.lengths", "LengthFilter"),
    "ratio": ("bitext.filtering.lengths", "RatioFilter"),
    "script": ("bitext.filtering.script", "ScriptFilter"),
    "shapes": ("bitext.filtering.shapes", "ShapeFilter"),
    "untranslated": ("bitext.filtering.untranslated", "UntranslatedFilter"),
    "numbers": ("bitext.filtering.numbers", "NumbersFilter"),
    "language": ("bitext.filtering.language", "LanguageFilter"),
    "lexical": ("bitext.filtering.lexical", "LexicalFilter"),
    "mt": ("bitext.filtering.mt", "MtFilter"),
    "duplicates": ("bitext.filtering.duplicates", "DuplicateDetector"),
}

FILTER_NAMES = tuple(FILTERS)


def filter_class(name: str) -> Any:
    """The class of the filter ``name``; an unknown name is one clear error."""
    try:
        module, cls = FILTERS[name]
    except KeyError:
        raise InputError(f"unknown filter {name!r}; the filters are {', '.join(FILTER_NAMES)}") from None
    return getattr(importlib.import_module(module), cls)
