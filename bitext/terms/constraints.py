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

A required term is a *group* of accepted forms ("North Korea", "North Korean"), each a
token sequence: any form satisfies it, the first is the one forced, and a started prefix
shared by several forms is continued by any of them.
"""

from __future__ import annotations

from collections.abc import Sequence

TermTokens = tuple[int, ...]
TermGroup = tuple[TermTokens, ...]  # accepted forms of one term, the forced one first


def as_group(term) -> TermGroup:
    """A group from a group or from one token sequence."""
    term = tuple(term)
    if term and isinstance(term[0], int):
        return (term,)
    return tuple(tuple(form) for form in term)


def _starts(sequence: Sequence[int], term: TermTokens) -> set[int]:
    size = len(term)
    return {i for i in range(len(sequence) - size + 1) if tuple(sequence[i : i + size]) == term} if size else set()


def count_group(sequence: Sequence[int], group: TermGroup) -> int:
    """Occurrences of any form of ``group``; forms starting at the same place count once."""
    return len(set().union(*(_starts(sequence, form) for form in group))) if group else 0


def pending_terms(sequence: Sequence[int], required: Sequence) -> list[TermGroup]:
    """Required term groups (with multiplicity) not yet found in ``sequence``."""
    groups = [as_group(term) for term in required]
    pending: list[TermGroup] = []
    for group in dict.fromkeys(groups):
        missing = groups.count(group) - count_group(sequence, group)
        pending.extend([group] * max(0, missing))
    return pending


def glue_token_ids(pieces: Sequence[str], allowed: Sequence[str] = ("s", "es", "'s", "’s")) -> list[int]:
    """Ids of SentencePiece pieces that continue the previous word ("nya", "an"), except
    the endings a term may take ("missile" + "s")."""
    return [
        index
        for index, piece in enumerate(pieces)
        if piece and not piece.startswith("▁") and piece[0].isalnum() and piece not in allowed
    ]


def continuations(sequence: Sequence[int], pending: Sequence) -> set[int]:
    """The next tokens of the pending forms the sequence has started (longest start wins;
    several when forms share the started prefix, as "North Korea" and "North Korean")."""
    best_length, tokens = 0, set[int]()
    for group in pending:
        for form in as_group(group):
            for k in range(min(len(form) - 1, len(sequence)), best_length - 1, -1):
                if k and tuple(sequence[-k:]) == form[:k]:
                    if k > best_length:
                        best_length, tokens = k, set()
                    tokens.add(form[k])
                    break
    return tokens


def forced_continuation(sequence: Sequence[int], pending: Sequence) -> int | None:
    """The next token of a pending term the sequence has started, when only one fits."""
    tokens = continuations(sequence, pending)
    return next(iter(tokens)) if len(tokens) == 1 else None


def _just_ended(sequence: Sequence[int], groups: Sequence[TermGroup]) -> bool:
    return any(
        len(sequence) >= len(form) and tuple(sequence[-len(form) :]) == form for group in groups for form in group
    )


class LengthCapProcessor:
    """A transformers logits processor that ends each sentence at its own token budget:
    the batch decodes up to its longest budget, and a sentence's output does not depend
    on the sentences it was batched with (so streamed, chunked, cached and distributed
    runs agree)."""

    def __init__(self, caps: Sequence[int], *, num_beams: int, eos_token_id: int, prompt_length: int = 1,
                 eos_in_budget: bool = False) -> None:
        # eos_in_budget: the model ends a sentence cut at its budget with an end token
        # inside the budget (transformers' forced_eos_token_id, as MarianMT sets it).
        self.caps = [cap - 1 for cap in caps] if eos_in_budget else list(caps)
        self.num_beams = num_beams
        self.eos_token_id = eos_token_id
        self.prompt_length = prompt_length

    def __call__(self, input_ids, scores):
        generated = input_ids.shape[1] - self.prompt_length
        for row in range(scores.shape[0]):
            if generated >= self.caps[row // self.num_beams]:  # its budget is spent: end it here
                eos = scores[row, self.eos_token_id].clamp(min=-1e4)
                scores[row, :] = float("-inf")
                scores[row, self.eos_token_id] = eos
        return scores


class TermConstraintProcessor:
    """A transformers logits processor (``__call__(input_ids, scores) -> scores``, no
    transformers import here so the CTranslate2 path stays light) that makes required
    target terms appear.

    ``required[b]`` lists the token sequences sentence ``b`` of the batch must contain;
    rows of the score matrix are ``b * num_beams + beam``.
    """

    def __init__(
        self,
        required: Sequence[Sequence[TermTokens | TermGroup]],
        *,
        num_beams: int,
        eos_token_id: int,
        max_new_tokens: int | Sequence[int],
        prompt_length: int = 1,
        bonus: float = 2.0,
        glue_ids: Sequence[int] = (),
    ) -> None:
        self.required = [[as_group(term) for term in terms] for terms in required]
        self.num_beams = num_beams
        self.eos_token_id = eos_token_id
        # The token budget of each sentence (one number for all, or one per sentence).
        self.caps = [max_new_tokens] * len(required) if isinstance(max_new_tokens, int) else list(max_new_tokens)
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
            if self.glue_ids and _just_ended(sequence, required):
                # A term just ended: the next piece starts a word, unless it continues a
                # longer accepted form ("North Korea" + "n").
                longer = continuations(sequence, required)
                saved = scores[row, list(longer)].clone() if longer else None
                scores[row, self.glue_ids] = floor
                if longer:
                    scores[row, list(longer)] = saved
            pending = pending_terms(sequence, required)
            if not pending:
                continue
            allowed = continuations(sequence, pending)
            budget = self.caps[row // self.num_beams]
            if not allowed and budget - len(sequence) <= sum(len(group[0]) for group in pending):
                allowed = {pending[0][0][0]}  # no room left to wait: start the forced form now
            if allowed:
                tokens = list(allowed)
                kept = scores[row, tokens].clamp(min=-1e4)  # never leave a row all -inf
                scores[row, :] = floor
                scores[row, tokens] = kept
                continue
            scores[row, self.eos_token_id] = floor
            for first in {group[0][0] for group in pending}:
                scores[row, first] += self.bonus
        return scores
