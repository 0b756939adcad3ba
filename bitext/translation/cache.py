"""A SQLite translation cache, so a second or interrupted run only translates what is missing.

Keys hash the model (id and revision), the decoding settings, the exact source text and
the glossary terms its translation must contain; a change to any of them misses. Each
batch is committed as soon as it is translated, so a run killed halfway keeps its work.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from bitext.errors import OutputError, warn

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def model_key(description: dict[str, object]) -> str:
    """A stable string for everything about the translator that changes its output."""
    fields = ("model", "revision", "backend", "compute_type", "beam_size", "max_length")
    key = {name: description.get(name) for name in fields}
    # Added only when set, so the caches of runs with the defaults stay valid.
    key.update({name: description[name] for name in OPTIONAL_KEY_FIELDS if description.get(name)})
    return json.dumps(key, sort_keys=True)


OPTIONAL_KEY_FIELDS = ("degenerate", "shortlist", "term_rounds")


def request_key(model: str, source: str, terms: Sequence[str]) -> str:
    """The cache key of one request: model key, source text and required terms, hashed."""
    payload = json.dumps([model, source, list(terms)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class TranslationCache:
    """Translations already made, in an SQLite file, keyed by model settings, source and terms."""
    def __init__(self, path: str | Path, model: str) -> None:
        self.path = Path(path)
        self.model = model
        self.saved = 0  # translations committed by this process (what an interrupt keeps)
        self.failed: str | None = None  # why the cache stopped working mid-run, if it did
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(SCHEMA)
            self._db.execute("BEGIN IMMEDIATE")  # proves the file is writable before any work
            self._db.rollback()
            self._db.execute("SELECT COUNT(*) FROM translations").fetchone()
        except (OSError, sqlite3.Error) as error:
            raise OutputError(
                f"cannot use the translation cache {self.path}: {error}; fix or remove it, "
                "or pass --no-cache (or --cache FILE)"
            ) from None

    def _give_up(self, error: Exception) -> None:
        """A cache that fails mid-run never costs the translations: warn once, go on without it."""
        if self.failed is None:
            self.failed = str(error)
            warn(f"the translation cache {self.path} failed ({error}); "
                 "continuing without it, translations still go to the outputs")

    def key(self, source: str, terms: Sequence[str]) -> str:
        """The key under which this cache stores a translation of ``source`` with ``terms``."""
        return request_key(self.model, source, terms)

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """The cached translations of ``keys`` that exist, by key."""
        found: dict[str, str] = {}
        if self.failed:
            return found
        keys = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(keys), 500):  # SQLite limits the number of parameters
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT key, target FROM translations WHERE key IN ({marks})", chunk)
                found.update(rows.fetchall())
        except sqlite3.Error as error:
            self._give_up(error)
        return found

    def put_many(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Store (key, source, target) triples and commit at once."""
        now = time.time()
        rows = [(key, self.model, source, target, now) for key, source, target in items]
        if self.failed:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations (key, model, source, target, created) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as error:
            self._give_up(error)
            return
        self.saved += len(rows)

    def count(self) -> int:
        """How many translations the cache file holds (of every model)."""
        return self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        """Commit and close the database."""
        self._db.close()
