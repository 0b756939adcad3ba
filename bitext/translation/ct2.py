"""The CTranslate2 backend: int8 (CPU) or float16 (GPU) inference, several times faster.

``--model`` is a CTranslate2 model folder (``ct2-transformers-converter ... --copy_files
source.spm target.spm vocab.json tokenizer_config.json generation_config.json``), or a
transformers model id or folder, which is converted once and kept in
``$BITEXT_CACHE_DIR`` (default ``~/.cache/bitext``). Tokenization uses SentencePiece
directly, so this path never imports torch or transformers for a converted model.

Glossary terms: CTranslate2 has no logits hook, so bitext decodes normally, checks the
output, and re-decodes only the segments that miss a term with the term forced through
``target_prefix``: the model's own output up to a cut point, then the term, then a free
continuation. Cut points are word boundaries around the term's expected place (terms come
in source order); they are scored in one teacher-forced pass (``score_batch``: the mean
log-probability of the term's tokens right there) and only the best one is decoded on.
By default a segment's missing terms are all placed in one round, left to right, each at
its best cut, with the old text between two terms resuming where it scores best (so the
model's own rendering of a term does not stay beside the forced one), and one
continuation decoded after the last: one re-decode a segment however many terms it misses
(``term_rounds`` gives more rounds of one term each). A round is one scoring and one
decoding call for every segment of the call that still misses a term, on a thread of its
own so the next call's batches keep the other workers busy. A term the model cannot spell
stays unmet and is reported (``met: false``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bitext.errors import ModelLoadError
from bitext.model import TermMatch
from bitext.terms.constraints import glue_token_ids
from bitext.terms.entries import forced_form, term_forms
from bitext.terms.glossary import check_terms
from bitext.translation.base import (
    Batch,
    TranslationSettings,
    Translator,
)
from bitext.translation.hub import (
    cache_dir,
    check_model_folder,
    content_revision,
    model_load_error,
    quiet_transformers,
    resolve_hub_model,
)

_log = logging.getLogger(__name__)
SPECIAL_PIECES = frozenset({"</s>", "<unk>", "<pad>", "<s>"})


def pieces_to_text(target_spm, pieces: list[str]) -> str:
    """Target pieces as text, exactly as the transformers Marian tokenizer decodes them
    (``skip_special_tokens``): special tokens dropped, the target SentencePiece model
    joins the pieces, and every remaining "▁" is a space. That last step matters: opus-mt's
    vocabulary is shared, and target.spm does not know the source-side pieces a model
    copies (Indonesian words, names), so it leaves their "▁" inside the text."""
    kept = [piece for piece in pieces if piece not in SPECIAL_PIECES]
    return target_spm.decode_pieces(kept).replace("\u2581", " ").strip()


TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "generation_config.json")
EOS = "</s>"
PLACEMENT_CANDIDATES = 3  # cut points (word boundaries) scored per missing term
RESUME_TOKENS = 4  # old tokens scored after a spliced term to choose where the old text resumes
RESUME_MARGIN = 0.5  # mean log-probability a skip of old text must gain over resuming at the cut
SCORING_BATCH = 8  # sequences a scoring batch: each materialises vocabulary-sized logits a position
WORD_BOUNDARY = "\u2581"  # SentencePiece's word-start mark
MEMO_TEXTS = 8192  # most texts whose source pieces are kept between calls (see _source_pieces)


def in_background(load: Callable[[], Any]) -> Future:
    """Run ``load`` on a new thread; its result or exception comes from the future."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(load())
        except BaseException as error:  # handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="bitext-model-load").start()
    return future


def is_ct2_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a converted CTranslate2 model (not a transformers one)."""
    return (folder / "model.bin").is_file() and not (folder / "pytorch_model.bin").exists() and (
        (folder / "shared_vocabulary.json").exists()
        or (folder / "source_vocabulary.json").exists()
        or (folder / "shared_vocabulary.txt").exists()
    )


def default_compute_type(device: str) -> str:
    """int8 on a CPU, int8_float16 on a GPU."""
    return "int8_float16" if device == "cuda" else "int8"


def convert_once(source: str, revision: str, quantization: str) -> Path:
    """Convert a transformers model to CTranslate2, once per (model, revision, quantization)."""
    key = hashlib.sha256(f"{source}|{revision}|{quantization}".encode()).hexdigest()[:16]
    target = cache_dir() / "ct2" / f"{Path(source).name}-{quantization}-{key}"
    if is_ct2_folder(target):
        return target
    _log.info("Converting %s to CTranslate2 (%s) once into %s", source, quantization, target)
    try:
        from ctranslate2.converters import TransformersConverter

        quiet_transformers()
        files = [name for name in TOKENIZER_FILES if (Path(source) / name).exists()]
        converter = TransformersConverter(source, copy_files=files)
        converter.convert(str(target), quantization=quantization, force=True)
    except ModelLoadError:
        raise
    except Exception as error:  # the converter raises many kinds
        raise model_load_error(source, error) from None
    return target


class CTranslate2Translator(Translator):
    """The CTranslate2 backend (see the module docstring): int8 decoding across CPU worker threads."""
    def __init__(self, settings: TranslationSettings) -> None:
        try:
            import ctranslate2
            import sentencepiece
        except ImportError:
            raise ModelLoadError("the ctranslate2 backend needs CTranslate2: pip install 'bitext[ct2]'") from None
        self.settings = settings
        self.model_id = settings.model
        self.device = self._device(ctranslate2, settings.device)
        self.compute_type = settings.compute_type or default_compute_type(self.device)
        folder, self.revision = self._ct2_folder(settings)
        self.folder = folder
        self.use_vmap = bool(settings.shortlist)
        self.shortlist_digest: str | None = None  # hash of the vocabulary map in use, if any
        if settings.shortlist:
            from bitext.translation.shortlist import shortlisted_model

            folder, self.shortlist_digest = shortlisted_model(folder, settings.shortlist, self.revision)
        for name in ("source.spm", "target.spm"):
            if not (folder / name).exists():
                raise ModelLoadError(
                    f"{folder} has no {name}; convert with ct2-transformers-converter ... --copy_files "
                    + " ".join(TOKENIZER_FILES)
                )
        # On a CPU, batches run in parallel on one thread each (on 2 cores: 2,458 target
        # tokens/s against 1,140 for one batch on 2 threads); a GPU takes one batch at a time.
        threads = settings.threads or os.cpu_count() or 1
        self.workers = self.parallel_batches = threads if self.device == "cpu" else 1
        # The weights load on a thread of their own (CTranslate2 releases the GIL while it
        # reads them), so the caller reads, cleans and segments its text meanwhile: on 2
        # cores that hides most of the load (0.1-0.2 s). The first use of `model` waits.
        self._model: Any = None
        self._loading = in_background(lambda: ctranslate2.Translator(
            str(folder),
            device=self.device,
            compute_type=self.compute_type,
            inter_threads=self.workers,
            intra_threads=1 if self.device == "cpu" else threads,
        ))
        self.source_spm = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target_spm = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self._read_tokenizer_config(folder)
        self._glue: set[str] | None = None
        self._memo: dict[str, list[str]] = {}  # text -> source pieces, of the last call (see _source_pieces)
        self._pool: Any = None  # a ThreadPoolExecutor for glossary repairs (see _start_batches), made on first use

    # -- loading -------------------------------------------------------------------------

    @property
    def model(self) -> Any:
        """The loaded ``ctranslate2.Translator``: waits for the background load; a model
        CTranslate2 cannot read (a damaged ``model.bin``) is a :class:`ModelLoadError` here."""
        if self._model is None:
            try:
                self._model = self._loading.result()
            except (RuntimeError, ValueError) as error:
                raise model_load_error(self.settings.model, error) from None
        return self._model

    @model.setter
    def model(self, model: Any) -> None:
        """Use ``model`` (anything with ``translate_batch`` and ``score_batch``) instead."""
        self._model = model

    @staticmethod
    def _device(ctranslate2, device: str) -> str:
        gpus = ctranslate2.get_cuda_device_count()
        if device == "auto":
            return "cuda" if gpus else "cpu"
        if device == "cuda" and not gpus:
            raise ModelLoadError("--device cuda: no CUDA GPU is available here; use --device cpu")
        return device

    def _ct2_folder(self, settings: TranslationSettings) -> tuple[Path, str]:
        """(a CTranslate2 model folder, the revision of what it was made from)."""
        folder = check_model_folder(settings.model)
        if folder is not None and is_ct2_folder(folder):
            return folder, content_revision(folder)
        if folder is not None:
            source, revision = str(folder), content_revision(folder)
        else:
            source, commit = resolve_hub_model(settings.model, settings.revision)
            revision = commit or settings.revision or "unknown"
        if not (Path(source) / "config.json").exists():
            raise ModelLoadError(f"{source} is neither a CTranslate2 nor a transformers model folder")
        quantization = self.compute_type if self.compute_type != "default" else "int8"
        return convert_once(source, revision, quantization), revision

    def _read_tokenizer_config(self, folder: Path) -> None:
        config_path = folder / "tokenizer_config.json"
        config = json.loads(config_path.read_text("utf-8")) if config_path.exists() else {}
        self.source_lang = config.get("source_lang") or "id"
        self.target_lang = config.get("target_lang") or "en"
        self.max_input_tokens = int(config.get("model_max_length") or 512)
        if self.max_input_tokens > 100_000:  # transformers' "no limit" sentinel
            self.max_input_tokens = 512

    def _decoding_facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"term_rounds": self.settings.term_rounds}
        if self.shortlist_digest:
            facts["shortlist"] = self.shortlist_digest
        return facts

    # -- tokens ----------------------------------------------------------------------------

    def source_tokens(self, texts: Sequence[str]) -> list[list[str]]:
        """Source pieces of each text, end token included (what ``translate_batch`` takes)."""
        return [pieces + [EOS] for pieces in self._source_pieces(texts)]

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source-side token counts, end token included."""
        return [len(pieces) + 1 for pieces in self._source_pieces(texts)]

    def _source_pieces(self, texts: Sequence[str]) -> list[list[str]]:
        """Source pieces of each text. The pieces of the last call of at most
        MEMO_TEXTS texts are kept: :meth:`start` counts a chunk's tokens right before its
        batches are submitted, so those encode once, not twice (a third of the main
        thread's SentencePiece time, which competes with the decoding workers)."""
        memo = self._memo
        if texts and all(text in memo for text in texts):
            return [memo[text] for text in texts]
        pieces = self.source_spm.encode(list(texts), out_type=str) if texts else []
        if len(texts) <= MEMO_TEXTS:  # never a whole corpus's pieces (plan_requests counts them all)
            self._memo = dict(zip(texts, pieces))
        return pieces

    def term_pieces(self, term: str) -> list[str]:
        """Target pieces of the form a term spec forces."""
        return self.target_spm.encode(forced_form(term), out_type=str)

    def count_target_tokens(self, texts: Sequence[str]) -> list[int]:
        """Target pieces of the form each term spec forces."""
        return [len(self.term_pieces(text)) for text in texts]

    def unproducible(self, terms: Sequence[str]) -> list[str]:
        """Terms whose forced form the target SentencePiece model can only spell with <unk>."""
        unknown = self.target_spm.unk_id()
        return [forced_form(term) for term in terms if unknown in self.target_spm.encode(forced_form(term))]

    # -- decoding --------------------------------------------------------------------------

    def _decode(self, sources, max_new_tokens: int, prefixes=None):
        """Decode (with optional target prefixes) in token-budget batches across the workers."""
        return self.model.translate_batch(
            sources,
            target_prefix=prefixes,
            beam_size=self.settings.beam_size,
            max_decoding_length=max_new_tokens,
            max_input_length=self.max_input_tokens,
            max_batch_size=self._split_size(sources),
            batch_type="examples",
            use_vmap=self.use_vmap,
            **self.settings.repetition_options(),
        )

    def _split_size(self, sources) -> int:
        """Examples a batch of a synchronous call: the call split evenly over the workers
        (CTranslate2 runs one batch a worker), within the token budget."""
        longest = max((len(source) for source in sources), default=1)
        even = -(-len(sources) // self.workers)
        return max(1, min(even, self.settings.batch_size, self.settings.batch_tokens // longest))

    def _plan_batches(self, lengths: Sequence[int], caps: Sequence[int]) -> list[list[int]]:
        # Batches evened out over the workers, so none idles on a short last batch.
        size = balanced_batch_size(len(lengths), self.settings.batch_size, self.workers)
        return self._budget_batches(lengths, caps, size)

    def _start_batches(self, batches: Sequence[Batch]) -> Iterator[list[str]]:
        """Submit every batch now (asynchronously, so the worker threads all run and keep
        running while the caller handles earlier results); collect them in order."""
        submitted = []
        for batch in batches:
            tokens = self.source_tokens(batch.sources)
            results = self.model.translate_batch(
                tokens,
                beam_size=self.settings.beam_size,
                max_decoding_length=batch.max_new_tokens,
                max_input_length=self.max_input_tokens,
                asynchronous=True,
                use_vmap=self.use_vmap,
                **self.settings.repetition_options(),
            )
            submitted.append((batch, tokens, results))
        if not any(any(batch.terms) for batch in batches):
            return self._collect(submitted)
        # Glossary repairs run on a thread of their own, so while this call's repairs
        # decode a few sentences on one worker, the next call's (started before these
        # results are taken) keep the other workers busy.
        return _yield_from(self._repair_pool().submit(lambda: list(self._collect(submitted))))

    def _repair_pool(self):
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=max(2, self.workers), thread_name_prefix="bitext-repair")
        return self._pool

    def _collect(self, submitted: list) -> Iterator[list[str]]:
        """The outputs of submitted batches in order. Glossary repairs run once over all
        the batches (a round's re-decodes in a few large batches, not many small ones:
        each decoding step reads the whole output layer whatever the batch size)."""
        batches, tokens, hypotheses, terms, caps = [], [], [], [], []
        for batch, batch_tokens, results in submitted:
            # Each output cut at its own budget, as if decoded alone (greedy decoding stops
            # there too), so a sentence's translation does not depend on its batch.
            batches.append(batch)
            tokens += batch_tokens
            hypotheses += [result.result().hypotheses[0][:cap] for result, cap in zip(results, batch.caps)]
            terms += batch.terms
            caps += batch.caps
        if any(terms):
            self._force_missing_terms(tokens, hypotheses, terms, caps)
        start = 0
        for batch in batches:
            yield [pieces_to_text(self.target_spm, pieces) for pieces in hypotheses[start : start + len(batch.sources)]]
            start += len(batch.sources)

    def _missing(self, required: list[str], pieces: list[str]) -> list[int]:
        """Indices of the term specs in ``required`` none of whose forms is in the
        decoded ``pieces``, one per missing occurrence, in order."""
        matches = [TermMatch(0, 0, t, t, forced_form(t), None, tuple(term_forms(t))) for t in required]
        check_terms(matches, pieces_to_text(self.target_spm, pieces))
        return [slot for slot, match in enumerate(matches) if not match.met]

    def _force_missing_terms(self, tokens, hypotheses: list[list[str]], terms: list[list[str]], limits: list[int]) -> None:
        """Rounds of prefix-forced re-decoding, batched over all segments that still miss
        a term; a segment's last round (``term_rounds``; the first, by default) places all
        the terms it still misses at once, earlier ones one term each, after the last
        forced one.

        A round scores each term at the word boundaries around its expected place (one
        teacher-forced pass: how likely the model finds the term right there), then
        decodes a new continuation only after the best cut. A continuation that glues a
        word piece onto the term so that the term is lost is decoded again in the next
        round, with a word boundary forced after the term: every round is one decoding
        call, whatever it repairs.
        """
        start = [0] * len(hypotheses)
        rounds = [0] * len(hypotheses)
        given_up: list[set[str]] = [set() for _ in hypotheses]
        glued: dict[int, list[str]] = {}  # segment -> its prefix that needs a word boundary after it
        last_round = self.settings.term_rounds
        for _ in range(2 * max(len(required) for required in terms) + 1):
            placements = [_Placement(index, prefix + [WORD_BOUNDARY], "") for index, prefix in glued.items()]
            candidates: list[_Cut] = []
            for index, required in enumerate(terms):
                if index not in glued:
                    all_at_once = bool(last_round) and rounds[index] + 1 >= last_round
                    candidates += self._placements(index, hypotheses[index], required, given_up[index], start[index],
                                                   limits[index], all_at_once)
            if not placements and not candidates:
                return
            placed = self._best_placements(tokens, hypotheses, candidates)
            for placement in placed:
                rounds[placement.owner] += 1
            placements += placed
            outputs = self._continue_all(tokens, [(p.owner, p.prefix) for p in placements], limits)
            glued = {}
            for placement, output in zip(placements, outputs):
                index, prefix = placement.owner, placement.prefix
                hypotheses[index] = output[: max(limits[index], len(prefix))]
                start[index] = len(prefix)
                if self._glues(prefix, hypotheses[index], placement.last_term):
                    glued[index] = prefix
                    hypotheses[index] = prefix  # what stands if no boundary can be forced

    def _placements(self, index: int, pieces: list[str], required: list[str], given_up: set[str], start: int,
                    limit: int, all_at_once: bool) -> list[_Cut]:
        """The cuts worth scoring for the first term ``pieces`` misses (for every term it
        misses, ``all_at_once``); none when nothing is missing."""
        kept = [term for term in required if term not in given_up]
        missing = self._missing(kept, pieces)
        if not missing:
            return []
        # Leave room for every term still missing (and a word boundary after each), so
        # later ones fit too.
        spelled = {slot: self.term_pieces(kept[slot]) for slot in missing}
        last_cut = min(len(pieces), limit - 1 - sum(len(term) + 1 for term in spelled.values()))
        unspellable = [slot for slot, term in spelled.items() if not term]
        if unspellable or last_cut < start:
            given_up.add(kept[unspellable[0] if unspellable else missing[0]])
            return []
        boundaries = word_boundaries(pieces, start, last_cut)
        cuts = []
        for order, slot in enumerate(missing if all_at_once else missing[:1]):
            # Terms come in source order; Indonesian and English news sentences keep
            # roughly the same order of content.
            position = (slot + 0.5) / len(kept)
            cuts += [_Cut(index, order, cut, spelled[slot], kept[slot])
                     for cut in _candidate_cuts(boundaries, start, last_cut, position, PLACEMENT_CANDIDATES)]
        return cuts

    def _best_placements(self, tokens, hypotheses: list[list[str]], candidates: list[_Cut]) -> list[_Placement]:
        """Each segment's prefix: its output with its terms spliced in at their
        best-scored cuts, in order, up to the last term. A term with one candidate cut is
        not scored. Between two spliced terms the old text resumes where it scores best
        (:meth:`_resume_points`), so the model's own rendering of a term is not kept next
        to the forced one."""
        groups: dict[tuple[int, int], list[_Cut]] = {}
        for candidate in candidates:
            groups.setdefault((candidate.owner, candidate.order), []).append(candidate)
        scores = self._scores(tokens, hypotheses, [c for group in groups.values() if len(group) > 1 for c in group])
        chosen: dict[int, list[_Cut]] = {}  # segment -> its terms' cuts, in order
        for (owner, _), group in groups.items():
            previous = chosen[owner][-1].cut if owner in chosen else 0
            # Terms stay in order: a cut before the previous term's moves up to it.
            options = [c for c in group if c.cut >= previous]
            best = max(options, key=lambda c: scores.get(id(c), 0.0)) if options else replace(group[0], cut=previous)
            chosen.setdefault(owner, []).append(best)
        resumes = self._resume_points(tokens, hypotheses, chosen)
        placements = []
        for owner, cuts in chosen.items():
            prefix: list[str] = []
            position = 0
            for cut in cuts:
                prefix += hypotheses[owner][position : cut.cut] + cut.term
                position = resumes.get(id(cut), cut.cut)
            placements.append(_Placement(owner, prefix, cuts[-1].spec))
        return placements

    def _resume_points(self, tokens, hypotheses: list[list[str]], chosen: dict[int, list[_Cut]]) -> dict[int, int]:
        """Where the old text resumes after each spliced term but a segment's last (whose
        continuation is decoded anew), by ``id`` of its cut.

        The candidates are the cut itself and the next few word boundaries before the next
        term's cut (as many words as the term has, and one more): the model's own
        rendering of a term it missed usually sits right there ("DPRK North Korea said").
        Each is scored in one teacher-forced pass as the mean log-probability of the next
        :data:`RESUME_TOKENS` old tokens after the term (the end of the sentence counts as
        one), and a skip must beat resuming at the cut by :data:`RESUME_MARGIN`, so text
        is only dropped when the model finds it clearly out of place. The left context is
        the segment's old text up to the cut, not its earlier spliced terms: one pass for
        every term of the round.
        """
        options: list[tuple[_Cut, int]] = []
        for cuts in chosen.values():
            hypothesis = hypotheses[cuts[0].owner]
            for cut, following in zip(cuts, cuts[1:]):
                words = len(self.target_spm.decode_pieces(cut.term).split()) + 1
                points = word_boundaries(hypothesis, cut.cut, following.cut)[: words + 1]
                if len(points) > 1:
                    options += [(cut, point) for point in points]
        if not options:
            return {}
        sequences, spans = [], []
        for cut, point in options:
            hypothesis = hypotheses[cut.owner]
            head = hypothesis[: cut.cut] + cut.term
            tail = hypothesis[point : point + RESUME_TOKENS]
            ends = point + RESUME_TOKENS >= len(hypothesis)  # the end-of-sentence token is scored too
            sequences.append(head + tail)
            spans.append((len(head), len(head) + len(tail) + int(ends)))
        means = self._mean_log_probs([tokens[cut.owner] for cut, _ in options], sequences, spans)
        best: dict[int, tuple[float, int]] = {}
        for (cut, point), score in zip(options, means):
            if point != cut.cut:
                score -= RESUME_MARGIN
            if id(cut) not in best or score > best[id(cut)][0]:
                best[id(cut)] = (score, point)
        return {key: point for key, (_, point) in best.items()}

    def _scores(self, tokens, hypotheses: list[list[str]], candidates: list[_Cut]) -> dict[int, float]:
        """The mean log-probability of each candidate's term tokens right after its cut
        (one teacher-forced pass), by ``id`` of the candidate."""
        if not candidates:
            return {}
        sequences = [hypotheses[c.owner][: c.cut] + c.term for c in candidates]
        spans = [(c.cut, c.cut + len(c.term)) for c in candidates]  # the term's tokens, not the end
        means = self._mean_log_probs([tokens[c.owner] for c in candidates], sequences, spans)
        return {id(c): mean for c, mean in zip(candidates, means)}

    def _mean_log_probs(self, sources, sequences: list[list[str]], spans: list[tuple[int, int]]) -> list[float]:
        """One teacher-forced pass (``score_batch``) over ``sequences``: the mean
        log-probability of each one's tokens in its [first, last) span (position
        ``len(sequence)`` is the end-of-sentence token; an empty span scores 0)."""
        # Scoring materialises vocabulary-sized logits for every target position, so
        # it goes in small batches (8 x 40 positions x 55k entries is 70 MB).
        results = self.model.score_batch(sources, sequences, max_batch_size=SCORING_BATCH, batch_type="examples")
        means = []
        for (first, last), result in zip(spans, results):
            values = result.log_probs[first:last]
            means.append(sum(values) / len(values) if values else 0.0)
        return means

    def _glues(self, prefix: list[str], output: list[str], term: str) -> bool:
        """Whether the continuation glues a word piece onto the term so that the term is
        lost ("DPRK" + "nya"); an ending that keeps an accepted form ("North Korea" + "n"
        where "North Korean" is accepted) is left alone: no decoding again for what is
        already right. (Plural and possessive endings are never glue.)"""
        if not (prefix[-1] != WORD_BOUNDARY and len(output) > len(prefix) and output[len(prefix)] in self.glue_pieces()
                and self.target_spm.piece_to_id(WORD_BOUNDARY) != self.target_spm.unk_id()):
            return False
        return not term or bool(self._missing([term], output))

    def _continue_all(self, tokens, placements: list[tuple[int, list[str]]], limits: list[int]) -> list[list[str]]:
        """Decode after each (segment, prefix): greedy in one call (each cut at its own
        limit after), a beam search in one call per limit (see :meth:`_plan_batches`)."""
        if not placements:
            return []
        if self.settings.beam_size == 1:
            limit = max(limits[index] for index, _ in placements)
            return self._continue_after([tokens[i] for i, _ in placements], [p for _, p in placements], limit)
        outputs: dict[int, list[str]] = {}
        for limit in sorted({limits[index] for index, _ in placements}):
            group = [n for n, (index, _) in enumerate(placements) if limits[index] == limit]
            decoded = self._continue_after([tokens[placements[n][0]] for n in group], [placements[n][1] for n in group],
                                           limit)
            outputs.update(zip(group, decoded))
        return [outputs[n] for n in range(len(placements))]

    def _continue_after(self, sources, prefixes, limit: int) -> list[list[str]]:
        """Decode after each prefix."""
        return [result.hypotheses[0] for result in self._decode(sources, limit, prefixes)]

    def glue_pieces(self) -> set[str]:
        """Word-internal pieces of the decoder's vocabulary (which is the shared source and
        target vocabulary for opus-mt, larger than target.spm)."""
        if self._glue is None:
            pieces = read_vocabulary(self.folder) or [
                self.target_spm.id_to_piece(i) for i in range(self.target_spm.get_piece_size())
            ]
            self._glue = {pieces[i] for i in glue_token_ids(pieces)}
        return self._glue


@dataclass(frozen=True, eq=False)
class _Cut:
    """A candidate place for a term: segment ``owner``'s ``order``-th term this round, at ``cut``."""

    owner: int
    order: int
    cut: int
    term: list[str]  # the pieces forced
    spec: str  # the term as the glossary gives it (what must be met)


@dataclass(frozen=True)
class _Placement:
    """A prefix to decode on from: segment ``owner``'s text up to its last forced term
    (``last_term``; empty for a word boundary forced after a glued term)."""

    owner: int
    prefix: list[str]
    last_term: str


def _yield_from(future) -> Iterator[list[str]]:
    """The per-batch outputs a future gives, once it is done."""
    yield from future.result()


def balanced_batch_size(count: int, batch_size: int, workers: int) -> int:
    """A batch size at most ``batch_size`` that splits ``count`` sentences into a multiple
    of ``workers`` even batches, so no worker idles on a short last batch."""
    batches = -(-count // batch_size)
    batches = -(-batches // workers) * workers
    return max(1, -(-count // batches))


def read_vocabulary(folder: Path) -> list[str]:
    """The target vocabulary of a CTranslate2 model folder, in id order."""
    for name in ("target_vocabulary.json", "shared_vocabulary.json"):
        if (folder / name).exists():
            return json.loads((folder / name).read_text("utf-8"))
    for name in ("target_vocabulary.txt", "shared_vocabulary.txt"):
        if (folder / name).exists():
            return (folder / name).read_text("utf-8").splitlines()
    return []


def word_boundaries(pieces: Sequence[str], start: int, last: int) -> list[int]:
    """Cuts in [start, last] between two words (or at ``start``, just after the last
    forced term, or at the end): a term spliced inside a word would break it."""
    return [cut for cut in range(start, last + 1)
            if cut == start or cut == len(pieces) or pieces[cut].startswith(WORD_BOUNDARY) or not pieces[cut][:1].isalnum()]


def _candidate_cuts(cuts: Sequence[int], start: int, last: int, position: float, count: int) -> list[int]:
    """Up to ``count`` of ``cuts`` nearest ``position`` (0..1) of the range [start, last]."""
    centre = start + position * (last - start)
    return sorted(sorted(cuts, key=lambda cut: (abs(cut - centre), cut))[:count])
