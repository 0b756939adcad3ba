"""Glossary enforcement during decoding, for any transformers seq2seq model.

transformers 5 no longer ships constrained beam search (``force_words_ids``), so bitext
brings its own :class:`TermConstraintProcessor`. For every hypothesis (beam row) it looks
at the tokens generated so far and, for each required term not yet produced:

1. once a term has begun (the hypothesis ends with its first k tokens), forces the rest;
2. forbids the end-of-sentence token until every term is in;
3. forces a term to start when the tokens left before ``max_new_tokens`` are just enough
   to fit the terms still missing;
4. otherwise adds a bonus to each missing term's first token, so a model that wants to
   say the term where it belongs is nudged to use the approved wording;
5. right after a term, forbids word-internal pieces (no leading "▁") other than plural
   or possessive endings, so "North Korea" cannot turn into "North Koreanya".

State is recomputed from ``input_ids`` at each step, so it follows beam reordering. A
term required twice (the source says "Korea Utara" twice) must appear twice.
"""

from __future__ import annotations

from typing import Sequence

TermTokens = tuple[int, ...]


def count_occurrences(sequence: Sequence[int], term: TermTokens) -> int:
    size = len(term)
    if size == 0 or size > len(sequence):
        return 0
    first = term[0]
    return sum(
        1 for i in range(len(sequence) - size + 1) if sequence[i] == first and tuple(sequence[i : i + size]) == term
    )


def pending_terms(sequence: Sequence[int], required: Sequence[TermTokens]) -> list[TermTokens]:
    """Required terms (with multiplicity) not yet found in ``sequence``."""
    pending: list[TermTokens] = []
    for term in dict.fromkeys(required):
        missing = required.count(term) - count_occurrences(sequence, term)
        pending.extend([term] * max(0, missing))
    return pending


def glue_token_ids(pieces: Sequence[str], allowed: Sequence[str] = ("s", "es", "'s", "’s")) -> list[int]:
    """Ids of SentencePiece pieces that continue the previous word ("nya", "an"), except
    the endings a term may take ("missile" + "s")."""
    return [
        index
        for index, piece in enumerate(pieces)
        if piece and not piece.startswith("▁") and piece[0].isalnum() and piece not in allowed
    ]


def forced_continuation(sequence: Sequence[int], pending: Sequence[TermTokens]) -> int | None:
    """The next token of a pending term the sequence has started (longest start wins)."""
    best_length, best_token = 0, None
    for term in pending:
        for k in range(min(len(term) - 1, len(sequence)), best_length, -1):
            if tuple(sequence[-k:]) == term[:k]:
                best_length, best_token = k, term[k]
                break
    return best_token


class TermConstraintProcessor:
    """A transformers logits processor (``__call__(input_ids, scores) -> scores``, no
    transformers import here so the CTranslate2 path stays light) that makes required
    target terms appear.

    ``required[b]`` lists the token sequences sentence ``b`` of the batch must contain;
    rows of the score matrix are ``b * num_beams + beam``.
    """

    def __init__(
        self,
        required: Sequence[Sequence[TermTokens]],
        *,
        num_beams: int,
        eos_token_id: int,
        max_new_tokens: int,
        prompt_length: int = 1,
        bonus: float = 2.0,
        glue_ids: Sequence[int] = (),
    ) -> None:
        self.required = [list(terms) for terms in required]
        self.num_beams = num_beams
        self.eos_token_id = eos_token_id
        self.max_new_tokens = max_new_tokens
        self.prompt_length = prompt_length  # the decoder start token
        self.bonus = bonus
        self.glue_ids = list(glue_ids)

    def __call__(self, input_ids, scores):
        if not any(self.required):
            return scores
        rows = input_ids[:, self.prompt_length :].tolist()
        floor = float("-inf")
        for row, sequence in enumerate(rows):
            required = self.required[row // self.num_beams]
            if not required or (sequence and sequence[-1] == self.eos_token_id):
                continue
            if self.glue_ids and any(tuple(sequence[-len(t) :]) == t for t in required if len(sequence) >= len(t)):
                scores[row, self.glue_ids] = floor  # a term just ended: the next piece starts a word
            pending = pending_terms(sequence, required)
            if not pending:
                continue
            token = forced_continuation(sequence, pending)
            if token is None and self.max_new_tokens - len(sequence) <= sum(len(term) for term in pending):
                token = pending[0][0]  # no room left to wait: start a term now
            if token is not None:
                kept = scores[row, token].clamp(min=-1e4)  # never leave a row all -inf
                scores[row, :] = floor
                scores[row, token] = kept
                continue
            scores[row, self.eos_token_id] = floor
            for first in {term[0] for term in pending}:
                scores[row, first] += self.bonus
        return scores
