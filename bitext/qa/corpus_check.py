"""Quality checks on any bilingual corpus: glossary violations, inconsistent renderings and
degenerate translations (loops, runaway length, copies; see :mod:`bitext.quality`).

* Violations (needs a glossary): a source term whose approved target is missing from the
  translation, listed with the record id, the source term and the required target.
* Inconsistencies (no glossary needed):
  - the same source sentence translated differently in different places;
  - a name-like source term (capitalised words or an acronym, as "Korea Utara" or "PBB")
    rendered by different target names across the corpus ("North Korea" here, "DPRK"
    there), found by linking source and target names segment by segment (see
    :func:`term_inconsistencies`). It is a heuristic: it points at places to look.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from itertools import product

from bitext.model import Corpus
from bitext.qa.degenerate import degeneracy_flags
from bitext.terms.glossary import Glossary, term_accuracy

_WORD = re.compile(r"[^\W_][\w'’-]*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*|[A-Z]{2,})$")
# Lower-case words that may sit inside a name ("Republic of Korea"); "and"/"dan" would
# also glue coordinated names together ("Putin and North Korea"), so they are not here.
_LINKS = {"of", "de", "van", "von", "bin", "al"}
_ID_LINKS = {"bin", "binti", "al"}
_OPENERS_EN = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That", "As",
               "For", "With", "By", "From", "After", "Before", "While", "When", "If", "However", "Meanwhile"}


@dataclass
class Violation:
    """A glossary term the source holds and the translation misses."""

    id: str
    source_term: str  # as written in the source
    term: str  # the glossary entry
    required: str
    target: str


@dataclass
class Inconsistency:
    """One source term or sentence rendered several ways across the corpus."""

    kind: str  # "segment" or "term"
    source: str
    renderings: dict[str, list[str]] = field(default_factory=dict)  # rendering -> segment ids


@dataclass
class Flagged:
    """A translation the degenerate-output checks flag."""

    id: str
    flags: list[str]  # see bitext.quality: repeats, too-long, too-short, copy, empty
    target: str


@dataclass
class CheckReport:
    """What ``glossary check`` found in a corpus."""

    checked: int
    violations: list[Violation]
    inconsistencies: list[Inconsistency]
    accuracy: dict[str, object] | None = None
    flagged: list[Flagged] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The report as JSON data (``--format json``)."""
        return {
            "checked": self.checked,
            "violations": [asdict(v) for v in self.violations],
            "inconsistencies": [asdict(i) for i in self.inconsistencies],
            "flagged": [asdict(f) for f in self.flagged],
            "term_accuracy": self.accuracy,
        }


def check_corpus(corpus: Corpus, glossary: Glossary | None = None) -> CheckReport:
    """Glossary violations, inconsistent renderings and degenerate translations of ``corpus``
    (``glossary`` None: inconsistencies and flags only)."""
    translated = [segment for segment in corpus if segment.target.strip()]
    violations: list[Violation] = []
    accuracy = None
    if glossary:
        matches = []
        for segment in translated:
            found = glossary.annotate(segment.source, segment.target)
            matches.extend(found)
            violations += [
                Violation(segment.id, m.source, m.term, m.required, segment.target) for m in found if not m.met
            ]
        accuracy = term_accuracy(matches)
    inconsistencies = segment_inconsistencies(translated) + term_inconsistencies(translated)
    return CheckReport(len(translated), violations, inconsistencies, accuracy, degenerate_outputs(corpus))


def degenerate_outputs(corpus: Corpus) -> list[Flagged]:
    """Machine (or imported) translations that loop, run long or short, or copy the
    source; reviewed records are a translator's decision and are not listed."""
    flagged = []
    for segment in corpus:
        if segment.status != "reviewed":
            flags = degeneracy_flags(segment.source, segment.target)
            if flags:
                flagged.append(Flagged(segment.id, flags, segment.target))
    return flagged


def _normal(text: str) -> str:
    return " ".join(text.split())


def segment_inconsistencies(segments) -> list[Inconsistency]:
    """The same source sentence translated in more than one way."""
    by_source: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for segment in segments:
        by_source[_normal(segment.source)][_normal(segment.target)].append(segment.id)
    return [
        Inconsistency("segment", source, dict(renderings))
        for source, renderings in by_source.items()
        if len(renderings) > 1
    ]


def name_chunks(text: str, links: set[str], skip_opener: bool) -> set[str]:
    """Maximal runs of capitalised words or acronyms, allowing linking words inside."""
    words = _WORD.findall(text)
    chunks: set[str] = set()
    current: list[str] = []
    pending: list[str] = []
    for position, word in enumerate(words):
        if _NAME_WORD.match(word) and not (skip_opener and position == 0 and word in _OPENERS_EN):
            current += pending + [word]
            pending = []
        elif current and word in links:
            pending.append(word)
        else:
            if current:
                chunks.add(" ".join(current))
            current, pending = [], []
    if current:
        chunks.add(" ".join(current))
    return chunks


def _similarity(source: str, target: str) -> float:
    return SequenceMatcher(None, source.lower(), target.lower()).ratio()


def term_inconsistencies(segments, min_segments: int = 2, min_score: float = 0.3) -> list[Inconsistency]:
    """Name-like source terms linked to different target names in different segments.

    Source and target names are linked by competitive linking: in each segment, the pair
    with the best global association (Dice over segments, plus a bonus for similar
    spelling, so "Putin" links to "Putin") is linked first, then the next best among the
    names still free, and so on.
    """
    segments = list(segments)
    sources = [name_chunks(s.source, _ID_LINKS, skip_opener=False) for s in segments]
    targets = [name_chunks(s.target, _LINKS, skip_opener=True) for s in segments]
    count_source: dict[str, int] = defaultdict(int)
    count_target: dict[str, int] = defaultdict(int)
    count_pair: dict[tuple[str, str], int] = defaultdict(int)
    for source_names, target_names in zip(sources, targets):
        for name in source_names:
            count_source[name] += 1
        for name in target_names:
            count_target[name] += 1
        for pair in product(source_names, target_names):
            count_pair[pair] += 1

    scores: dict[tuple[str, str], float] = {}

    def score(pair: tuple[str, str]) -> float:
        # Names recur across a corpus: each pair is scored once (spelling similarity is slow).
        if pair not in scores:
            dice = 2 * count_pair[pair] / (count_source[pair[0]] + count_target[pair[1]])
            scores[pair] = dice + 0.5 * _similarity(*pair)
        return scores[pair]

    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for segment, source_names, target_names in zip(segments, sources, targets):
        pairs = sorted(product(source_names, target_names), key=lambda pair: (-score(pair), pair))
        free_source, free_target = set(source_names), set(target_names)
        for source_name, target_name in pairs:
            if source_name in free_source and target_name in free_target and score((source_name, target_name)) >= min_score:
                links[source_name][target_name].append(segment.id)
                free_source.discard(source_name)
                free_target.discard(target_name)
    return [
        Inconsistency("term", name, {target: ids for target, ids in sorted(renderings.items())})
        for name, renderings in sorted(links.items())
        if len(renderings) > 1 and count_source[name] >= min_segments
    ]
