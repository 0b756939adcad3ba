"""Glossaries: load (TSV, CSV, TBX-Basic), find source terms, check target terms.

A TSV or CSV glossary has a header row naming its columns: ``source`` and ``target``
(required), ``note``, ``case_sensitive`` (yes/no, true/false, 1/0) and ``pos``. Source
variants of one concept share a row, separated by ``|``: ``Korea Utara|Korut``. An entry
whose target equals its source is do-not-translate (``DPRK`` -> ``DPRK``).

Matching understands Indonesian spelling: case-insensitive unless the entry is
case-sensitive, whole words only, clitics and particles after the term (-nya, -lah, -kah,
-pun, -ku, -mu: "kebijakannya"), reduplicated plurals ("sanksi-sanksi"), and words of a
term written with a space, a hyphen or together ("kerja sama", "kerja-sama", "kerjasama").

The target cell may list accepted forms, separated by ``|`` like source variants:
``North Korea|North Korean``. The first is the one enforcement forces when none is
written; any of them satisfies the checks (``glossary check``, term accuracy, ``evaluate
-g``). A target form is found when it appears as whole words in the translation, with its
first letter in either case (sentence-initial capitals) and an optional English plural or
possessive ending; an entry required twice by the source must appear twice.

Translators receive each required term as a *term spec*: its forms joined by ``|``
(:func:`term_forms` splits one), so backends can accept any form and force the first.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bitext.model import TermMatch
from bitext.terms.entries import FORM_SEPARATOR, GlossaryEntry, fold_term, term_forms
from bitext.terms.readers import read_entries

_CLITICS = r"(?:-?(?:nya|lah|kah|pun|ku|mu))?"

# Where a term can begin: not inside a word (the matcher's whole-word rule).
_WORD_START = re.compile(r"(?<!\w)\S")
_JOINERS = re.compile(r"[\s\-]+")
# Letters that regular expressions match case-insensitively but casefold() keeps apart
# (dotless i, dotted capital I's combining dot), folded here so the index misses nothing.
_FOLD_FIXES = str.maketrans({"ı": "i", "\u0307": None})


_CHUNK = 4  # letters of a key each level of the index files it by
_BUCKET = 12  # a bucket of more keys than this is filed further, by the next letters


@dataclass
class _Node:
    """A level of the index: keys that end within it, and the next letters to the rest."""

    ends: list[str]
    children: dict[str, _Node | list[str]]


def _bucket(keys: list[str], start: int) -> _Node | list[str]:
    """Keys (folded variants) filed by their letters ``start`` to ``start + _CHUNK``, and so
    on while a bucket is large: entries sharing a prefix ("kementerian ...") part a few
    letters on, so no text position compares more than a bucket's keys."""
    if len(keys) <= _BUCKET:
        return keys
    node = _Node([], {})
    groups: dict[str, list[str]] = {}
    end = start + _CHUNK
    for key in keys:
        if len(key) < end:
            node.ends.append(key)
        else:
            groups.setdefault(key[start:end], []).append(key)
    node.children = {chunk: _bucket(group, end) for chunk, group in groups.items()}
    return node


def _folded(text: str) -> str:
    """A text as the index holds it: case folded, without the spaces and hyphens that may
    join (or not) the words of a term."""
    if text.isascii() and text.isprintable():  # a glossary's variants: single spaces only
        return text.replace(" ", "").replace("-", "").lower()
    return _JOINERS.sub("", text).casefold().translate(_FOLD_FIXES)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and where each of its characters begins in the folded text."""
    if text.isascii():
        pieces, offsets, length = [], [], 0
        for char in text:
            offsets.append(length)
            if char.isspace() or char == "-":
                continue
            pieces.append(char)
            length += 1
        offsets.append(length)
        return "".join(pieces).lower(), offsets
    pieces, offsets, length = [], [], 0
    for char in text:
        offsets.append(length)
        if char.isspace() or char == "-":
            continue
        folded = char.casefold().translate(_FOLD_FIXES)
        pieces.append(folded)
        length += len(folded)
    offsets.append(length)
    return "".join(pieces), offsets


def _source_pattern(variant: str) -> str:
    words = variant.split()
    # Words of a multi-word term may be joined by spaces, hyphens or nothing at all.
    body = r"[\s\-]*".join(re.escape(word) for word in words)
    last = re.escape(words[-1])
    return rf"{body}(?:-{last})?{_CLITICS}"


def _form_pattern(form: str) -> str:
    first, rest = form[:1], form[1:]
    head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else re.escape(first)
    return f"{head}{re.escape(rest)}"


def _target_pattern(spec: str) -> re.Pattern[str]:
    """Any accepted form of a term spec as whole words; longer forms first, so "North
    Korean" is one occurrence, not also one of "North Korea"."""
    forms = sorted(term_forms(spec), key=len, reverse=True)
    alternatives = "|".join(_form_pattern(form) for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es|'s|’s)?(?!\w)")


@dataclass
class Glossary:
    """Entries plus a compiled matcher. Build with :meth:`load` or :meth:`from_entries`."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._digest: str | None = None
        self._compile()

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    # -- building ----------------------------------------------------------------------

    @classmethod
    def from_entries(cls, entries: Iterable[GlossaryEntry], files: Sequence[str] = ()) -> Glossary:
        """A glossary of ``entries``, recording ``files`` as the files they came from."""
        return cls(list(entries), list(files))

    @classmethod
    def load(cls, path: str | Path, source_lang: str = "id", target_lang: str = "en") -> Glossary:
        """Read a TSV, CSV or TBX glossary (by extension; ``.txt`` is read as TSV), for
        ``source_lang`` -> ``target_lang`` where the file names its languages (TBX, a
        termbase CSV)."""
        return cls(read_entries(path, source_lang, target_lang), [str(path)])

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with ``other`` layered on top: for a source variant both define,
        ``other``'s entry wins (a project glossary over the default one)."""
        overridden = {fold_term(source, e.case_sensitive) for e in other.entries for source in e.sources}
        kept = [e for e in self.entries if not any(fold_term(s, e.case_sensitive) in overridden for s in e.sources)]
        return Glossary(kept + other.entries, self.files + other.files)

    def digest(self) -> str:
        """A hash of the entries (not the file bytes): same terms, same hash."""
        if self._digest is None:  # entries do not change after building; hash them once
            canonical = json.dumps(sorted(e.canonical() for e in self.entries), ensure_ascii=False)
            self._digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
        return self._digest

    # -- matching ------------------------------------------------------------------------

    def _compile(self) -> None:
        # The index is built on first use (a glossary layered over another is never
        # matched itself). Every source variant is filed under its folded form (case
        # folded, spaces and hyphens dropped) a few letters at a time, a bucket split
        # further while it holds many: a text position walks it as far as the folded text
        # goes and tries only the variants whose whole folded form is there, longest
        # first. Entries sharing a first word ("kementerian ...") part at their second, so
        # 5,000 of them cost what 5,000 random ones do; patterns are compiled on first
        # use, so a 10,000-entry glossary loads without compiling any (one alternation of
        # every variant cost 0.57 s a segment at that size).
        self._variants: list[tuple[str, GlossaryEntry]] | None = None
        self._targets: dict[str, re.Pattern[str]] = {}

    def _index(self) -> list[tuple[str, GlossaryEntry]]:
        if self._variants is None:
            variants = sorted(
                ((variant, entry) for entry in self.entries for variant in entry.sources), key=lambda item: -len(item[0])
            )
            self._patterns: list[re.Pattern[str] | None] = [None] * len(variants)
            self._ranks: dict[str, list[int]] = {}
            for rank, (variant, _) in enumerate(variants):
                self._ranks.setdefault(_folded(variant), []).append(rank)
            self._root = _bucket(list(self._ranks), 0)
            self._variants = variants
        return self._variants

    def _pattern(self, rank: int) -> re.Pattern[str]:
        pattern = self._patterns[rank]
        if pattern is None:
            variant, entry = self._index()[rank]
            flags = 0 if entry.case_sensitive else re.IGNORECASE
            pattern = self._patterns[rank] = re.compile(_source_pattern(variant) + r"(?!\w)", flags)
        return pattern

    def _candidates(self, folded: str, offset: int) -> list[int]:
        """Ranks of the variants whose folded form ``folded`` holds at ``offset``,
        longest variant first: the index is walked a few letters at a time, as far as
        the text goes, and only the keys of the bucket it stops in are compared."""
        found: list[int] = []
        node: _Node | list[str] = self._root
        depth = offset
        while True:
            keys = node if isinstance(node, list) else node.ends
            for key in keys:
                if folded.startswith(key, offset):
                    found.extend(self._ranks[key])
            if isinstance(node, list):
                break
            child = node.children.get(folded[depth : depth + _CHUNK])
            if child is None:
                break
            node, depth = child, depth + _CHUNK
        return sorted(found) if len(found) > 1 else found

    def match(self, text: str) -> list[TermMatch]:
        """Glossary terms in ``text``, left to right, longest first, not overlapping."""
        variants = self._index()
        if not variants:
            return []
        matches: list[TermMatch] = []
        position = 0
        folded, offsets = _folded_with_offsets(text)
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < position:
                continue
            for rank in self._candidates(folded, offsets[start]):
                found = self._pattern(rank).match(text, start)
                if found:
                    entry = variants[rank][1]
                    accepted = entry.targets if len(entry.targets) > 1 else ()
                    matches.append(TermMatch(start, found.end(), found.group(), entry.term, entry.target, None, accepted))
                    position = found.end()
                    break
        return matches

    def count_target(self, spec: str, text: str) -> int:
        """Occurrences of any accepted form of the term spec ``spec`` in ``text``."""
        pattern = self._targets.get(spec)
        if pattern is None:
            pattern = self._targets[spec] = _target_pattern(spec)
        return len(pattern.findall(text))

    def check(self, matches: Sequence[TermMatch], target: str) -> list[TermMatch]:
        """Set ``met`` on each match: the n-th source occurrence needing a target term is
        met when the translation holds that term at least n times."""
        return check_terms(matches, target, self.count_target)

    def annotate(self, source: str, target: str) -> list[TermMatch]:
        """The glossary terms of ``source``, each marked met or not by ``target``::

            glossary.annotate("Korea Utara menolak.", "North Korea refused.")  # [TermMatch(..., met=True)]
        """
        return self.check(self.match(source), target)

    def required_targets(self, text: str) -> list[str]:
        """Term specs a translation of ``text`` must contain (one per occurrence)."""
        return [match_spec(match) for match in self.match(text)]


def target_spans(spec: str, text: str) -> list[tuple[int, int]]:
    """Character spans of every accepted form of a term spec in a translation (what the
    checks count), for highlighting."""
    return [found.span() for found in _target_pattern(spec).finditer(text)]


def match_spec(match: TermMatch) -> str:
    """The term spec of a match: its accepted forms, the forced one first."""
    return FORM_SEPARATOR.join(match.forms)


def check_terms(matches: Sequence[TermMatch], target: str, count=None) -> list[TermMatch]:
    """Mark matches met or not: the n-th occurrence of a term is met when the target holds
    its accepted forms at least n times."""
    counter = count or (lambda spec, text: len(_target_pattern(spec).findall(text)))
    available: dict[str, int] = {}
    for match in matches:
        spec = match_spec(match)
        if spec not in available:
            available[spec] = counter(spec, target)
        match.met = available[spec] > 0
        available[spec] -= 1
    return list(matches)


def load_glossaries(paths: Iterable[str | Path], source_lang: str = "id", target_lang: str = "en") -> Glossary:
    """Load several glossaries; later files override earlier ones term by term."""
    glossary = Glossary()
    for path in paths:
        glossary = glossary.merged(Glossary.load(path, source_lang, target_lang))
    return glossary


def term_accuracy(matches: Iterable[TermMatch]) -> dict[str, object]:
    """Share of matched source terms whose required target appears, overall and per entry."""
    total: Counter = Counter()
    met: Counter = Counter()
    for match in matches:
        total[match.term] += 1
        met[match.term] += bool(match.met)
    return accuracy_from_counts(total, met)


def accuracy_from_counts(total: Counter, met: Counter) -> dict[str, object]:
    """:func:`term_accuracy` from per-entry counts (a streamed run adds them up chunk by chunk)."""
    overall_total = sum(total.values())
    return {
        "matched": overall_total,
        "met": sum(met.values()),
        "accuracy": (sum(met.values()) / overall_total) if overall_total else None,
        "entries": {
            term: {"matched": total[term], "met": met[term], "accuracy": met[term] / total[term]}
            for term in sorted(total)
        },
    }
