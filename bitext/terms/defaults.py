"""Which glossary a command uses when none is named.

The working folder's ``glossary/id-en.tsv`` wins (a project's own glossary, as in a clone
of bitext); else the default glossary shipped inside the package
(``bitext/data/glossary-id-en.tsv``), so an installed bitext enforces the same terms as a
clone. ``--no-glossary`` (``()``) uses none.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from bitext.terms.glossary import Glossary, load_glossaries

PROJECT_GLOSSARY = Path("glossary") / "id-en.tsv"
PACKAGED_GLOSSARY = "glossary-id-en.tsv"


def default_glossary_path() -> Path:
    """``glossary/id-en.tsv`` in the working folder if there is one, else the packaged one."""
    if PROJECT_GLOSSARY.is_file():
        return PROJECT_GLOSSARY
    return Path(str(resources.files("bitext.data").joinpath(PACKAGED_GLOSSARY)))


def resolve_glossary(paths: Sequence[str | Path] | None, source_lang: str = "id",
                     target_lang: str = "en") -> Glossary | None:
    """The glossary a job uses: ``paths`` layered (later files win), the default glossary
    when ``paths`` is None, none when it is empty; termbases are read for the pair given."""
    if paths is None:
        paths = [default_glossary_path()]
    if not paths:
        return None
    return load_glossaries(paths, source_lang, target_lang)


def describe_glossary(glossary: Glossary | None) -> str:
    """One line for a command's output: how many entries from which files."""
    if glossary is None:
        return "Glossary: none"
    packaged = str(resources.files("bitext.data").joinpath(PACKAGED_GLOSSARY))
    names = [f"bitext's default glossary ({name})" if os.path.abspath(name) == os.path.abspath(packaged) else name
             for name in glossary.files]
    return f"Glossary: {len(glossary)} entries from {', '.join(names)}"
