"""Bilingual file formats behind one :class:`~bitext.formats.base.Store` contract.

A format is picked by name (``--format tmx``) or by the file's extension::

    corpus = read_corpus("out/id-en.jsonl")
    write_corpus(corpus, "out/id-en.po")
"""

from __future__ import annotations

from pathlib import Path

from bitext.errors import FormatError
from bitext.formats.base import Store
from bitext.segments import Corpus


def _stores() -> dict[str, Store]:
    from bitext.formats.jsonl import JsonlStore
    from bitext.formats.plain import MosesStore, TsvStore
    from bitext.formats.po import PoStore
    from bitext.formats.tmx import TmxStore
    from bitext.formats.xliff import XliffStore

    stores = [JsonlStore(), TmxStore(), XliffStore(), PoStore(), MosesStore(), TsvStore()]
    return {store.name: store for store in stores}


STORES = _stores()
FORMAT_NAMES = tuple(STORES)


def get_store(name: str) -> Store:
    try:
        return STORES[name.lower()]
    except KeyError:
        raise FormatError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}") from None


def store_for_path(path: str | Path, format: str | None = None) -> Store:
    if format:
        return get_store(format)
    name = str(path).lower()
    for store in STORES.values():
        if name.endswith(store.extensions):
            return store
    known = ", ".join(ext for store in STORES.values() for ext in store.extensions)
    raise FormatError(f"cannot tell the format of {path} from its extension ({known}); pass --format")


def read_corpus(
    path: str | Path, format: str | None = None, source_lang: str | None = None, target_lang: str | None = None
) -> Corpus:
    """Read any bilingual file bitext knows; ``source_lang``/``target_lang`` pick the
    direction (a multilingual TMX's two languages, or a file written the other way)."""
    path = Path(path)
    store = store_for_path(path, format)
    if source_lang or target_lang:
        return store.read_as(path, source_lang, target_lang)
    return store.read(path)


def write_corpus(corpus: Corpus, path: str | Path, format: str | None = None) -> list[Path]:
    path = Path(path)
    return store_for_path(path, format).write(corpus, path)
