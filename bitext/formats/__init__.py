"""Bilingual file formats behind one :class:`~bitext.formats.base.Store` contract.

A format is picked by name (``--format tmx``) or by the file's extension::

    corpus = read_corpus("out/id-en.jsonl")
    write_corpus(corpus, "out/id-en.po")
    for segment in iter_segments("big.tmx"):  # one at a time
        ...

A file another tool wrote is written back in its own version and shape when written to
the same format (see each module); ``write_corpus(..., version="2.0")`` asks for another.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import SegmentStream, Store
from bitext.model import Corpus

# name: (module, class, file name endings). Each store is imported on first use, so a
# command that writes only JSONL (or `bitext segment`) never loads polib or lxml.
_REGISTRY = {
    "jsonl": ("bitext.formats.jsonl", "JsonlStore", (".jsonl", ".ndjson")),
    "tmx": ("bitext.formats.tmx", "TmxStore", (".tmx",)),
    "xliff": ("bitext.formats.xliff", "XliffStore", (".xlf", ".xliff", ".sdlxliff")),
    "po": ("bitext.formats.po", "PoStore", (".po", ".pot")),
    "moses": ("bitext.formats.plain", "MosesStore", (".moses",)),
    "tsv": ("bitext.formats.plain", "TsvStore", (".tsv",)),
    "tbx": ("bitext.formats.tbx", "TbxStore", (".tbx",)),
}


class _Stores(Mapping):
    """The stores by name, each imported and built when first asked for."""

    def __init__(self) -> None:
        self._built: dict[str, Store] = {}

    def __getitem__(self, name: str) -> Store:
        if name not in self._built:
            module, cls, _ = _REGISTRY[name]
            self._built[name] = getattr(importlib.import_module(module), cls)()
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)


STORES = _Stores()
FORMAT_NAMES = tuple(_REGISTRY)
EXTENSIONS = {name: extensions for name, (_, _, extensions) in _REGISTRY.items()}


def get_store(name: str) -> Store:
    """The store of a format name (``tmx``); an unknown name is a :class:`FormatError`."""
    try:
        return STORES[name.lower()]
    except KeyError:
        raise FormatError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}") from None


def store_for_path(path: str | Path, format: str | None = None) -> Store:
    """The store for ``path``: ``format`` if given, else by extension (or a Moses pair's
    file or stem)."""
    if format:
        return get_store(format)
    name = str(path).lower()
    for store_name, extensions in EXTENSIONS.items():
        if name.endswith(extensions):
            return STORES[store_name]
    from bitext.formats.plain import MosesStore

    if MosesStore.detect(Path(path)):  # corpus.id beside corpus.en, or their stem
        return STORES["moses"]
    known = ", ".join(ext for extensions in EXTENSIONS.values() for ext in extensions)
    raise FormatError(f"cannot tell the format of {path} from its extension ({known}); "
                      "name it with --from (an input) or --to (convert's output)")


def iter_segments(
    path: str | Path, format: str | None = None, source_lang: str | None = None, target_lang: str | None = None
) -> SegmentStream:
    """The segments of any bilingual file bitext knows, one at a time, in the direction
    asked for (see :func:`read_corpus`). JSONL, TSV, Moses and TMX are streamed (a line
    or a ``<tu>`` at a time); the other formats are read whole first. The stream's
    ``info`` (languages, signature, the origin's extra) is settled once the first
    segment has been read::

        stream = iter_segments("corpus.tmx", target_lang="fr")
        for segment in stream:
            ...
        stream.source_lang, stream.target_lang
    """
    path = Path(path)
    return store_for_path(path, format).open_segments(path, source_lang, target_lang)


def read_corpus(
    path: str | Path, format: str | None = None, source_lang: str | None = None, target_lang: str | None = None
) -> Corpus:
    """Read any bilingual file bitext knows; ``source_lang``/``target_lang`` pick the
    direction (a multilingual TMX's two languages, or a file written the other way)."""
    return iter_segments(path, format, source_lang, target_lang).corpus()


def write_corpus(corpus: Corpus, path: str | Path, format: str | None = None, version: str = "") -> list[Path]:
    """Write a corpus in the format of ``path`` (or ``format``). A corpus read from a file
    of that format is written back in the file's version and shape, unless ``version``
    asks for another ("2.0" for XLIFF 2.0)."""
    path = Path(path)
    return store_for_path(path, format).write(corpus, path, version)
