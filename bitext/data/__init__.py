"""Word lists kept as data: one entry a line, '#' comments, ``[section]`` headers.

The segmenter's abbreviations and the cleaner's page-furniture vocabulary both use this
format, ship in ``bitext/data/`` and can be extended with user files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from bitext.errors import InputError


def packaged(name: str) -> str:
    """The text of a word list shipped in ``bitext/data``."""
    return resources.files("bitext.data").joinpath(name).read_text("utf-8")


def read_user_file(path: str | Path, what: str) -> str:
    """The text of a user's word-list file; an unreadable one is a one-line InputError."""
    try:
        return Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {what} file {path}: {error}") from None


def sectioned_entries(text: str, name: str, sections: Sequence[str], default: str) -> Iterator[tuple[str, str]]:
    """(section, entry) pairs; entries before any header belong to ``default``."""
    section = default
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[] ").lower()
            if section not in sections:
                raise InputError(
                    f"{name}:{number}: unknown section [{section}]; expected one of "
                    + ", ".join(f"[{s}]" for s in sections)
                )
            continue
        yield section, line


class SectionedLists:
    """Base for word-list holders: packaged defaults plus user files of the same format.
    Subclasses name their packaged file and implement :meth:`update_from_text`."""

    packaged_name = ""
    what = "word list"

    @classmethod
    def default(cls):
        """The packaged lists."""
        lists = cls()
        lists.update_from_text(packaged(cls.packaged_name), cls.packaged_name)
        return lists

    def update_from_file(self, path: str | Path) -> None:
        """Add the entries of a user's file of the same format."""
        self.update_from_text(read_user_file(path, self.what), str(path))

    def update_from_text(self, text: str, name: str) -> None:
        """Hook: add the entries of ``text`` (named ``name`` in errors)."""
        raise NotImplementedError
