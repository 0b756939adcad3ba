"""What every translation backend shares: settings, batching by a token budget, order."""

from __future__ import annotations

import copy
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-id-en"
BACKENDS = ("transformers", "ctranslate2")
# What the degenerate-output guard does (bitext.qa.degenerate): decode a looping or
# runaway translation again with repetition controls, only flag it, or check nothing.
DEGENERATE_MODES = ("redecode", "flag", "off")
CAP_STEP = 8  # beam search: token budgets rounded up to a multiple of this


@dataclass(frozen=True)
class TranslationSettings:
    """Everything that decides what a model outputs, plus how fast it gets there."""

    model: str = DEFAULT_MODEL
    backend: str = "transformers"
    revision: str | None = None  # hub revision (branch, tag or commit) to load
    device: str = "auto"  # auto, cpu or cuda
    beam_size: int = 4
    max_length: int | None = None  # cap on generated tokens; None: relative to the source
    batch_size: int = 64  # most sentences in one batch
    batch_tokens: int = 4096  # most source tokens (padding included) in one batch
    threads: int | None = None  # CPU threads; None: one per core
    compute_type: str | None = None  # ctranslate2: int8, float16, ...; None: best for device
    # Repetition controls (both backends have them): off for normal decoding, on when
    # the degenerate-output guard decodes a looping translation again.
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    degenerate: str = "redecode"  # one of DEGENERATE_MODES
    # ctranslate2: a vocabulary shortlist ("auto": built once per model into the bitext
    # cache; or a CTranslate2 vocabulary map file); None: the full output layer.
    shortlist: str | None = None
    # ctranslate2 glossary repairs: rounds of one term each a segment gets before its
    # last round places all the terms it still misses at once (1: all at once, the
    # default, one re-decode a segment; 0: one term a round, however many).
    term_rounds: int = 1

    def decoding(self) -> dict[str, Any]:
        """The settings that change the output (for signatures and cache keys)."""
        decoding: dict[str, Any] = {"beam_size": self.beam_size, "max_length": self.max_length or "auto"}
        if self.no_repeat_ngram_size or self.repetition_penalty != 1.0:  # only when set: old keys stay valid
            decoding.update(no_repeat_ngram_size=self.no_repeat_ngram_size, repetition_penalty=self.repetition_penalty)
        if self.degenerate != "redecode":  # the cache holds guarded outputs: other modes, other keys
            decoding["degenerate"] = self.degenerate
        return decoding

    def repetition_options(self) -> dict[str, Any]:
        """Keyword arguments both transformers' ``generate`` and CTranslate2's
        ``translate_batch`` take, when repetition controls are on."""
        options: dict[str, Any] = {}
        if self.no_repeat_ngram_size:
            options["no_repeat_ngram_size"] = self.no_repeat_ngram_size
        if self.repetition_penalty != 1.0:
            options["repetition_penalty"] = self.repetition_penalty
        return options

    def to_dict(self) -> dict[str, Any]:
        """The settings as a plain dict (for manifests)."""
        return asdict(self)


def relative_max_length(source_tokens: int, term_tokens: int = 0, limit: int = 512) -> int:
    """Default cap on generated tokens: room for a translation 1.5x as long as the source
    (plus required glossary terms), never the model's full 512 (a runaway repetition on
    a short sentence would otherwise cost 512 decoding steps)."""
    return min(limit, math.ceil(1.5 * source_tokens) + 10 + term_tokens)


def token_budget_batches(lengths: Sequence[int], max_tokens: int, max_items: int) -> list[list[int]]:
    """Group indices, sorted by length, into batches whose padded size fits the budget.

    A batch costs ``len(batch) * longest`` token slots; every sentence gets a batch even
    when it alone exceeds the budget.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = max(lengths[index], max((lengths[i] for i in current), default=0))
        if current and ((len(current) + 1) * longest > max_tokens or len(current) >= max_items):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


@dataclass(frozen=True)
class Batch:
    """One batch as the base class hands it to a backend: sources, their required
    target terms, and the cap on generated tokens."""

    sources: list[str]
    terms: list[list[str]]
    caps: list[int]  # each sentence's token budget (its output never depends on its neighbours')

    @property
    def max_new_tokens(self) -> int:
        """The largest token budget of the batch (what the backend decodes to)."""
        return max(self.caps)


class PendingTranslation:
    """Translations begun by :meth:`Translator.start`; :meth:`result` waits for them."""

    def __init__(self, count: int, plan: list[list[int]], outputs: Iterator[list[str]]) -> None:
        self.count, self.plan, self.outputs = count, plan, outputs

    def result(self, progress: Callable[[int], None] | None = None) -> list[str]:
        """The translations in input order; ``progress(n)`` after each batch of n."""
        results: list[str] = [""] * self.count
        for indices, outputs in zip(self.plan, self.outputs):
            for index, output in zip(indices, outputs):
                results[index] = output
            if progress:
                progress(len(indices))
        return results


class Translator(ABC):
    """Translate batches of sentences.

    :meth:`translate` is the one public method and the template: it counts tokens, plans
    length-sorted token-budget batches, hands them to the backend and puts the outputs
    back in order. Backends implement hooks only: :meth:`count_tokens`,
    :meth:`count_target_tokens`, and :meth:`_translate_batch` (one batch at a time) or
    :meth:`_translate_batches` (all batches at once, e.g. submitted asynchronously to
    several workers); :meth:`_plan_batches` may shape the batches and
    :meth:`_start_batches` begin them in the background (:meth:`start`).
    """

    settings: TranslationSettings
    model_id: str  # what was asked for (hub id or path)
    revision: str  # a commit hash or content hash of the weights
    source_lang: str = "id"
    target_lang: str = "en"
    max_input_tokens: int = 512  # positions the model has: longest input, and output + 1
    compute_type: str = "float32"
    parallel_batches: int = 1  # batches the backend runs at the same time

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source-side token counts, end-of-sentence token included."""

    @abstractmethod
    def count_target_tokens(self, texts: Sequence[str]) -> list[int]:
        """Target-side token counts of ``texts`` (for glossary terms), without end token."""

    def unproducible(self, terms: Sequence[str]) -> list[str]:
        """Terms the model's target vocabulary cannot spell (they would need <unk>)."""
        return []

    def _translate_batch(self, sources: list[str], terms: list[list[str]], caps: list[int]) -> list[str]:
        """Hook: translate one batch; ``terms[i]`` are target terms output i must contain,
        ``caps[i]`` the most tokens it may have."""
        raise NotImplementedError(f"{type(self).__name__} implements neither _translate_batch nor _translate_batches")

    def _translate_batches(self, batches: Sequence[Batch]) -> Iterator[list[str]]:
        """Hook: the outputs of each batch, in order. By default one batch after another;
        a backend with several workers overrides it to run them concurrently."""
        for batch in batches:
            yield self._translate_batch(batch.sources, batch.terms, batch.caps)

    def _plan_batches(self, lengths: Sequence[int], caps: Sequence[int]) -> list[list[int]]:
        """Hook: group sentence indices into batches (length-sorted, under the token
        budget); ``caps`` are their token budgets."""
        return self._budget_batches(lengths, caps, self.settings.batch_size)

    def _budget_batches(self, lengths: Sequence[int], caps: Sequence[int], size: int) -> list[list[int]]:
        """Token-budget batches of at most ``size``; under beam search, of one cap each.

        A greedy output cut at its cap is what decoding to that cap gives, but a beam
        search run to a batch's longest cap is not one stopped at a sentence's own (its
        beams finish differently), so sentences of one cap share batches: that keeps each
        translation independent of its neighbours and of the batch settings."""
        if self.settings.beam_size == 1:
            return token_budget_batches(lengths, self.settings.batch_tokens, size)
        plan: list[list[int]] = []
        for cap in sorted(set(caps)):
            group = [i for i in range(len(lengths)) if caps[i] == cap]
            for batch in token_budget_batches([lengths[i] for i in group], self.settings.batch_tokens, size):
                plan.append([group[i] for i in batch])
        return plan

    def _start_batches(self, batches: Sequence[Batch]) -> Iterator[list[str]]:
        """Hook: begin decoding ``batches`` and return their outputs as they come, in order.
        By default nothing starts before the outputs are asked for; a backend that decodes
        in the background (CTranslate2's worker threads) submits them here, so the next
        batches run while the caller handles the last ones."""
        return self._translate_batches(batches)

    def start(self, sources: Sequence[str], terms: Sequence[Sequence[str]] | None = None) -> PendingTranslation:
        """Begin translating ``sources`` (see :meth:`translate`); the returned
        :class:`PendingTranslation` gives the outputs. A caller keeps the backend busy by
        starting the next sentences before taking the results of the last."""
        sources = list(sources)
        term_lists = [list(t) for t in terms] if terms is not None else [[] for _ in sources]
        if not sources:
            return PendingTranslation(0, [], iter(()))
        lengths = self.count_tokens(sources)
        caps = [self._max_new_tokens(i, lengths, term_lists) for i in range(len(sources))]
        plan = self._plan_batches(lengths, caps)
        batches = [
            Batch([sources[i] for i in batch], [term_lists[i] for i in batch], [caps[i] for i in batch])
            for batch in plan
        ]
        return PendingTranslation(len(sources), plan, self._start_batches(batches))

    def translate(
        self,
        sources: Sequence[str],
        terms: Sequence[Sequence[str]] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Translate ``sources`` in length-sorted, token-budget batches; order is kept.

        ``terms[i]`` lists target terms translation i must contain; ``progress(n)`` is
        called with the number of sentences of each finished batch.
        """
        return self.start(sources, terms).result(progress)

    def _max_new_tokens(self, index: int, lengths: Sequence[int], terms: list[list[str]]) -> int:
        """The token budget of sentence ``index``: from its own length and terms only."""
        limit = self.max_input_tokens - 1  # the decoder start token takes a position too
        if self.settings.max_length:
            return min(self.settings.max_length, limit)
        term_tokens = sum(self.count_target_tokens(terms[index])) if terms[index] else 0
        cap = relative_max_length(lengths[index], term_tokens, limit)
        if self.settings.beam_size == 1:
            return cap
        # Rounded up to a step, so a beam search's batches (one cap each) stay large.
        return min(-(-cap // CAP_STEP) * CAP_STEP, limit)

    def with_settings(self, **changes: Any) -> Translator:
        """This translator, sharing its loaded model, with some decoding settings changed
        (the guard's re-decode with repetition controls)."""
        variant = copy.copy(self)
        variant.settings = replace(self.settings, **changes)
        return variant

    def describe(self) -> dict[str, Any]:
        """Model and decoding facts for manifests and signatures."""
        return {
            "model": self.model_id,
            "revision": self.revision,
            "backend": self.settings.backend,
            "compute_type": self.compute_type,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            **self.settings.decoding(),
            **self._decoding_facts(),
        }

    def _decoding_facts(self) -> dict[str, Any]:
        """Hook: backend-specific settings that change the output (for signatures and cache keys)."""
        return {}
