"""Exact and near duplicates across the whole corpus, in bounded memory; the best copy kept.

Each pair gets a fingerprint (:func:`fingerprint`): a key of its normalised text (NFKC,
lowercase, letters and digits only, so copies differing in case, spacing or punctuation
are exact duplicates) and a MinHash signature of its word set (datasketch; the source's
and the target's words kept apart), cut into bands for locality-sensitive hashing. Two
pairs whose signatures agree on a whole band are candidates; a candidate is a near
duplicate when the signatures estimate a Jaccard similarity of at least
``min_similarity`` (one word in ten changed, or a few words added) and each side's words
are alike too (so a pair whose target is half missing is no copy of the full pair).

The index (:class:`DuplicateIndex`) lives in an SQLite file in the run's staging folder,
not in memory: band keys lead to groups, a group keeps its first member's signature, its
size and its best member so far. So memory stays flat however large the corpus; the
disk holds a few hundred bytes a unique pair. Which copy of a group is kept is settled
after the last pair: the best by rank (a copy that passes every other filter first, then
the higher lexical score, then the earlier one). Every group is kept once.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from bitext.filtering.base import Pair, Settings, setting

_NOT_WORD = re.compile(r"[\W_]+")
_EXACT_BAND = -1


@dataclass
class DuplicateSettings(Settings):
    """Thresholds of the ``duplicates`` filter."""

    near: bool = setting(True, "also remove near duplicates (not only copies equal once normalised)")
    min_similarity: float = setting(0.8, "least estimated Jaccard similarity of two pairs' words for near duplicates")
    min_side_similarity: float = setting(0.6, "and least Jaccard similarity of each side's words")
    permutations: int = setting(64, "MinHash permutations a signature holds")
    bands: int = setting(16, "bands a signature is cut into for look-up (more: more candidates checked)")


@dataclass(frozen=True)
class Fingerprint:
    """What the index needs of a pair: its exact key, MinHash signature and band keys."""

    exact: int
    signature: bytes
    bands: tuple[int, ...]
    text: str = ""  # the normalised source and target, tab-separated


def normalise(text: str) -> str:
    """NFKC, lowercase, letters and digits only, single spaces."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split())


def _key(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def fingerprints(pairs: list[Pair], settings: DuplicateSettings) -> list[Fingerprint]:
    """Fingerprints of a chunk of pairs (MinHash signatures computed in one batch)."""
    import numpy
    from datasketch import MinHash

    sides = [(normalise(pair.source), normalise(pair.target)) for pair in pairs]
    words = [[b"s:" + w.encode() for w in source.split()] + [b"t:" + w.encode() for w in target.split()] or [b""]
             for source, target in sides]
    rows = max(1, settings.permutations // settings.bands)
    result = []
    hashes = (MinHash.bulk(words, num_perm=settings.permutations, hashfunc=zlib.crc32) if settings.near
              else [None] * len(pairs))
    for (source, target), minhash in zip(sides, hashes):
        text = f"{source}\t{target}"
        exact = _key(text.encode())
        if minhash is None:
            result.append(Fingerprint(exact, b"", (), text))
            continue
        values = numpy.asarray(minhash.hashvalues, dtype=numpy.uint32)
        bands = tuple(_key(bytes([band]) + values[band * rows:(band + 1) * rows].tobytes())
                      for band in range(settings.bands))
        result.append(Fingerprint(exact, values.tobytes(), bands, text))
    return result


def side_similarity(first: str, second: str) -> float:
    """The lower of the two sides' word-set Jaccard similarities (texts as in :class:`Fingerprint`)."""
    lowest = 1.0
    for a, b in zip(first.split("\t"), second.split("\t")):
        left, right = set(a.split()), set(b.split())
        union = left | right
        lowest = min(lowest, len(left & right) / len(union) if union else 1.0)
    return lowest


def similarity(first: bytes, second: bytes) -> float:
    """The Jaccard similarity two MinHash signatures estimate (share of equal values)."""
    import numpy

    a, b = numpy.frombuffer(first, dtype=numpy.uint32), numpy.frombuffer(second, dtype=numpy.uint32)
    return float((a == b).mean()) if len(a) and len(a) == len(b) else 0.0


@dataclass(frozen=True)
class Membership:
    """Where a pair landed: its group (the number of the group's first pair) and how it
    matched (``first`` of its group, ``exact`` or ``near``)."""

    group: int
    match: str
    similarity: float


@dataclass(frozen=True)
class GroupBest:
    """A group once every pair is in: its size and the member kept."""

    size: int
    best: int
    best_id: str
    best_exact: int


class DuplicateIndex:
    """The groups of copies, in an SQLite file (see the module docstring)."""

    def __init__(self, path: Path, settings: DuplicateSettings | None = None) -> None:
        self.settings = settings or DuplicateSettings()
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-16000; PRAGMA temp_store=FILE;"
            "CREATE TABLE IF NOT EXISTS bands (key INTEGER PRIMARY KEY, grp INTEGER NOT NULL);"
            "CREATE TABLE IF NOT EXISTS groups (grp INTEGER PRIMARY KEY, signature BLOB, text TEXT, size INTEGER, "
            "best INTEGER, best_id TEXT, best_exact INTEGER, best_rank REAL);"
        )

    def add(self, number: int, segment_id: str, print_: Fingerprint, rank: float) -> Membership:
        """File pair ``number`` (ranked ``rank``: higher is better) under its group."""
        db = self.db
        keys = (print_.exact, *print_.bands)
        found = dict(db.execute(f"SELECT key, grp FROM bands WHERE key IN ({','.join('?' * len(keys))})", keys))
        membership = None
        if print_.exact in found:
            membership = Membership(found[print_.exact], "exact", 1.0)
        elif found and self.settings.near:
            for group in sorted(set(found.values())):
                row = db.execute("SELECT signature, text FROM groups WHERE grp = ?", (group,)).fetchone()
                value = similarity(print_.signature, row[0]) if row else 0.0
                if value >= self.settings.min_similarity and \
                        side_similarity(print_.text, row[1]) >= self.settings.min_side_similarity:
                    membership = Membership(group, "near", value)
                    break
        if membership is None:
            membership = Membership(number, "first", 0.0)
            db.execute("INSERT INTO groups VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
                       (number, print_.signature, print_.text, number, segment_id, print_.exact, rank))
        else:
            db.execute("UPDATE groups SET size = size + 1 WHERE grp = ?", (membership.group,))
            db.execute("UPDATE groups SET best = ?, best_id = ?, best_exact = ?, best_rank = ? "
                       "WHERE grp = ? AND best_rank < ?",
                       (number, segment_id, print_.exact, rank, membership.group, rank))
        db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(key, membership.group) for key in keys])
        return membership

    def group(self, group: int) -> GroupBest:
        """The size and kept member of a group (ask once every pair is in)."""
        size, best, best_id, best_exact = self.db.execute(
            "SELECT size, best, best_id, best_exact FROM groups WHERE grp = ?", (group,)).fetchone()
        return GroupBest(size, best, best_id, best_exact)

    def groups(self) -> tuple[int, int]:
        """(groups with more than one member, pairs in them)."""
        count, members = self.db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM groups WHERE size > 1").fetchone()
        return int(count), int(members)

    def close(self) -> None:
        """Close the index and remove its file."""
        self.db.close()
        self.path.unlink(missing_ok=True)


class DuplicateDetector:
    """The ``duplicates`` filter: corpus-wide, so it is run by the driver around the
    per-pair filters rather than pair by pair (:func:`fingerprints`, :class:`DuplicateIndex`)."""

    name = "duplicates"
    description = "exact and near duplicates (the best copy of each group is kept)"
    settings_class = DuplicateSettings
    corpus_wide = True

    def __init__(self, settings: DuplicateSettings | None = None, context: object = None) -> None:
        self.settings = settings or DuplicateSettings()

    def reason(self, pair_exact: int, best: GroupBest) -> str:
        """The reason a copy that is not its group's best is removed."""
        kind = "exact copy" if pair_exact == best.best_exact else "near duplicate"
        return f"{self.name}: {kind} of {best.best_id} (kept, of {best.size} copies)"
