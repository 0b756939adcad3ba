"""Document matching: which Indonesian document is which English one, when names do not say.

Each document becomes a bag of keys both languages share (:func:`document_keys`): the
English translations of its Indonesian content words through the aligner's lexicon (and
glossary), split evenly among a word's translations; numbers; names and acronyms (as
written); and loanword stems (:func:`bitext.alignment.lexicon.cognate_key`). Keys are
weighted by TF-IDF over both collections, and each document's vector is normalised.

Candidates come from an inverted index over the English documents: an Indonesian
document meets only the English documents that share one of its ``top_keys`` most
weighted keys, and keys held by more than ``common_share`` of the documents are left out
of the index (they tell nobody apart). So the work grows with the postings, not with the
product of the two collections. A candidate's score is the cosine of the two vectors
times a length factor (how far the English length is from the Indonesian length times
the collections' ratio). Pairs are assigned one-to-one greedily, best score first, down
to ``min_score``; a pair must also clear ``margin`` times the best score of a rival
still free (of either of its documents) unless it scores ``sure_score`` (a document
whose counterpart is missing has no clear winner).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bitext.alignment.lexicon import (
    ENGLISH_FUNCTION_WORDS,
    ENGLISH_UNMATCHED,
    WORD_PATTERN,
    Lexicon,
    cognate_key,
    english_key,
    indonesian_function_words,
)

_NUMBER_KEY = "#"
_NAME_KEY = "@"
_COGNATE_KEY = "~"


@dataclass
class MatchSettings:
    """The matcher's thresholds (defaults chosen on TICO-19; see benchmarks/document_matching.py)."""

    top_keys: int = 40  # keys of a document that look up candidates
    common_share: float = 0.2  # keys in more documents than this share are not indexed
    min_score: float = 0.08  # least score of a pair
    sure_score: float = 0.15  # a pair scoring this is taken whatever its rivals
    margin: float = 1.3  # else its score over the best rival still free of either of its documents
    length_weight: float = 0.5  # how much a length mismatch (log ratio) lowers a score


@dataclass(frozen=True)
class DocumentMatch:
    """A matched pair: indices into the two collections, and its score (0..1)."""

    source: int
    target: int
    score: float


@dataclass
class Matching:
    """The pairs found, and the documents of each side left unpaired (indices)."""

    pairs: list[DocumentMatch]
    unpaired_sources: list[int] = field(default_factory=list)
    unpaired_targets: list[int] = field(default_factory=list)
    candidates: int = 0  # pairs scored (the index keeps this far below sources x targets)


def document_keys(text: str, indonesian: bool, lexicon: Lexicon, stopwords: frozenset[str]) -> dict[str, float]:
    """The shared keys of one document's text, with their counts (see the module docstring)."""
    keys: dict[str, float] = defaultdict(float)
    english_stop = ENGLISH_FUNCTION_WORDS
    for token in WORD_PATTERN.findall(text):
        lowered = token.lower()
        if token.isdigit() or any(char.isdigit() for char in token):
            keys[_NUMBER_KEY + "".join(char for char in token if char.isdigit())] += 1
            continue
        if token[0].isupper() and len(token) >= 3:
            keys[_NAME_KEY + lowered] += 1
        cognate = cognate_key(lowered)
        if cognate:
            keys[_COGNATE_KEY + cognate] += 1
        if indonesian:
            if lowered in stopwords:
                continue
            translations = lexicon.english_for(lowered) - english_stop
            for key in translations:
                keys[key] += 1 / len(translations)
        else:
            key = english_key(lowered)
            if key not in english_stop and key not in ENGLISH_UNMATCHED:
                keys[key] += 1
    return keys


def _vectors(bags: Sequence[dict[str, float]], idf: dict[str, float]) -> list[dict[str, float]]:
    vectors = []
    for bag in bags:
        vector = {key: (1 + math.log(count)) * idf[key] if count >= 1 else count * idf[key] for key, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({key: value / norm for key, value in vector.items()})
    return vectors


def match_documents(sources: Sequence[str], targets: Sequence[str], lexicon: Lexicon | None = None,
                    settings: MatchSettings | None = None) -> Matching:
    """Match Indonesian texts ``sources`` with English texts ``targets`` one to one."""
    settings = settings or MatchSettings()
    lexicon = lexicon or Lexicon.default()
    stopwords = indonesian_function_words()
    source_bags = [document_keys(text, True, lexicon, stopwords) for text in sources]
    target_bags = [document_keys(text, False, lexicon, stopwords) for text in targets]
    documents = len(sources) + len(targets)
    frequency: Counter = Counter()
    for bag in [*source_bags, *target_bags]:
        frequency.update(bag.keys())
    idf = {key: math.log(1 + documents / count) for key, count in frequency.items()}
    source_vectors, target_vectors = _vectors(source_bags, idf), _vectors(target_bags, idf)
    ratio = (sum(map(len, targets)) or 1) / (sum(map(len, sources)) or 1)
    scored = _candidates(source_vectors, target_vectors, frequency, documents, settings)
    pairs = []
    for (i, j), cosine in scored.items():
        length = abs(math.log(max(1, len(targets[j])) / max(1.0, len(sources[i]) * ratio)))
        pairs.append(DocumentMatch(i, j, cosine * math.exp(-settings.length_weight * length)))
    return _assign(pairs, len(sources), len(targets), settings, len(scored))


def _candidates(sources: list[dict[str, float]], targets: list[dict[str, float]], frequency: Counter, documents: int,
                settings: MatchSettings) -> dict[tuple[int, int], float]:
    """Cosines of the pairs that share a distinctive key (through an inverted index)."""
    limit = max(2, settings.common_share * documents)
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vector in enumerate(targets):
        for key, value in vector.items():
            if frequency[key] <= limit:
                index[key].append((j, value))
    scores: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(sources):
        found: set[int] = set()
        for key, _ in sorted(vector.items(), key=lambda item: -item[1])[: settings.top_keys]:
            found.update(j for j, _ in index.get(key, ()))
        for j in found:
            target = targets[j]
            small, large = (vector, target) if len(vector) < len(target) else (target, vector)
            scores[(i, j)] = sum(value * large.get(key, 0.0) for key, value in small.items())
    return scores


def _assign(pairs: Iterable[DocumentMatch], sources: int, targets: int, settings: MatchSettings,
            candidates: int) -> Matching:
    """Greedy one-to-one assignment, best score first, with a threshold and a margin over
    the best rival still free (a document already matched elsewhere is no rival)."""
    ranked = sorted(pairs, key=lambda pair: (-pair.score, pair.source, pair.target))
    by_source: dict[int, list[DocumentMatch]] = defaultdict(list)
    by_target: dict[int, list[DocumentMatch]] = defaultdict(list)
    for pair in ranked:
        by_source[pair.source].append(pair)
        by_target[pair.target].append(pair)
    used_sources: set[int] = set()
    used_targets: set[int] = set()
    chosen = []
    for pair in ranked:
        if pair.score < settings.min_score:
            break
        if pair.source in used_sources or pair.target in used_targets:
            continue
        rival = max([other.score for other in by_source[pair.source] if other is not pair
                     and other.target not in used_targets][:1]
                    + [other.score for other in by_target[pair.target] if other is not pair
                       and other.source not in used_sources][:1] + [0.0])
        if pair.score < settings.sure_score and pair.score < settings.margin * rival:
            continue  # a weak pair with a close rival: no clear counterpart
        chosen.append(pair)
        used_sources.add(pair.source)
        used_targets.add(pair.target)
    chosen.sort(key=lambda pair: pair.source)
    return Matching(chosen, [i for i in range(sources) if i not in used_sources],
                    [j for j in range(targets) if j not in used_targets], candidates)
