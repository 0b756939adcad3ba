"""The transformers backend: MarianMT (or any seq2seq model) with PyTorch."""

from __future__ import annotations

from collections.abc import Sequence

from bitext.errors import ModelLoadError
from bitext.terms.entries import forced_form, term_forms
from bitext.translation.base import TranslationSettings, Translator
from bitext.translation.hub import (
    check_model_folder,
    content_revision,
    model_load_error,
    quiet_transformers,
    resolve_hub_model,
)

TORCH_DTYPES = {"float32": "float32", "bfloat16": "bfloat16", "float16": "float16"}


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse instead of returning it to the system.

    Decoding allocates a vocabulary-sized logits buffer (batch x 54,796 floats, 28 MB) at
    every step; glibc hands such blocks back to the kernel on free, so each step pays
    thousands of page faults. Keeping them measured about 18% more tokens/s on 2 cores,
    at the same peak memory. A process-wide setting, made when a transformers
    translator is loaded on a CPU.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(mallopt(m_mmap_threshold, 1 << 30) and mallopt(m_trim_threshold, 1 << 30))


def pick_device(device: str) -> str:
    """The torch device for ``auto``, ``cpu`` or ``cuda`` (an error when CUDA is asked for and absent)."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("--device cuda: no CUDA GPU is available here; use --device cpu")
    return device


class TransformersTranslator(Translator):
    """MarianMT through ``AutoModelForSeq2SeqLM``; glossary terms are enforced with
    :class:`bitext.constraints.TermConstraintProcessor`."""

    def __init__(self, settings: TranslationSettings) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.settings = settings
        self.model_id = settings.model
        quiet_transformers()
        folder = check_model_folder(settings.model)
        source, commit = (str(folder), None) if folder else resolve_hub_model(settings.model, settings.revision)
        if settings.threads:
            torch.set_num_threads(settings.threads)
        self.device = pick_device(settings.device)
        if self.device == "cpu":
            keep_freed_memory()
        self.compute_type = settings.compute_type or ("float16" if self.device == "cuda" else "float32")
        if self.compute_type not in TORCH_DTYPES:
            raise ModelLoadError(
                f"--compute-type {self.compute_type} is not available with the transformers backend; "
                f"choose one of {', '.join(TORCH_DTYPES)}"
            )
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(source, revision=settings.revision)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(
                source, revision=settings.revision, dtype=getattr(torch, TORCH_DTYPES[self.compute_type])
            )
        except (OSError, ValueError, KeyError, ImportError) as error:
            raise model_load_error(settings.model, error) from None
        self.model.to(self.device).eval()
        config = self.model.config
        self.revision = content_revision(folder) if folder else (commit or getattr(config, "_commit_hash", None) or "unknown")
        self.max_input_tokens = int(getattr(config, "max_position_embeddings", 512) or 512)
        self.source_lang = getattr(self.tokenizer, "source_lang", None) or "id"
        self.target_lang = getattr(self.tokenizer, "target_lang", None) or "en"
        self.eos_token_id = config.eos_token_id
        self._term_ids: dict[str, tuple[int, ...]] = {}
        self._glue_ids: list[int] | None = None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source-side token counts from the Marian tokenizer, end token included."""
        if not texts:
            return []
        encoded = self.tokenizer(list(texts), add_special_tokens=True)["input_ids"]
        return [len(ids) for ids in encoded]

    def count_target_tokens(self, texts: Sequence[str]) -> list[int]:
        """Target-side token counts of each term's forced form, without the end token."""
        return [len(self.term_ids(forced_form(text))) for text in texts]

    def term_alternatives(self, spec: str) -> tuple[tuple[int, ...], ...]:
        """Token sequences of a term spec's forms, the forced one first."""
        return tuple(ids for ids in (self.term_ids(form) for form in term_forms(spec)) if ids)

    def term_ids(self, term: str) -> tuple[int, ...]:
        """Target token ids of a term spec's forced form."""
        if term not in self._term_ids:
            ids = self.tokenizer(text_target=term, add_special_tokens=False)["input_ids"]
            self._term_ids[term] = tuple(ids)
        return self._term_ids[term]

    def unproducible(self, terms: Sequence[str]) -> list[str]:
        """Terms whose forced form the target vocabulary can only spell with <unk>."""
        unk = self.tokenizer.unk_token_id
        forced = [forced_form(term) for term in terms]
        return [term for term in forced if not self.term_ids(term) or unk in self.term_ids(term)]

    def glue_ids(self) -> list[int]:
        """Ids of word-internal target pieces (a term must not be glued to the next word)."""
        from bitext.terms.constraints import glue_token_ids

        if self._glue_ids is None:
            size = self.model.config.decoder_vocab_size or self.model.config.vocab_size
            self._glue_ids = glue_token_ids(self.tokenizer.convert_ids_to_tokens(list(range(size))))
        return self._glue_ids

    def _translate_batch(self, sources: list[str], terms: list[list[str]], caps: list[int]) -> list[str]:
        import torch
        from transformers import LogitsProcessorList

        from bitext.terms.constraints import LengthCapProcessor, TermConstraintProcessor

        encoded = self.tokenizer(
            sources, return_tensors="pt", padding=True, truncation=True, max_length=self.max_input_tokens
        ).to(self.device)
        max_new_tokens = max(caps)
        processors = LogitsProcessorList()
        if len(set(caps)) > 1:
            forced_eos = getattr(self.model.generation_config, "forced_eos_token_id", None) is not None
            processors.append(LengthCapProcessor(caps, num_beams=self.settings.beam_size, eos_token_id=self.eos_token_id,
                                                 eos_in_budget=forced_eos))
        if any(terms):
            required = [[self.term_alternatives(spec) for spec in row if self.term_ids(forced_form(spec))] for row in terms]
            processors.append(
                TermConstraintProcessor(
                    required,
                    num_beams=self.settings.beam_size,
                    eos_token_id=self.eos_token_id,
                    max_new_tokens=caps,
                    glue_ids=self.glue_ids(),
                )
            )
        with torch.inference_mode():
            output = self.model.generate(
                **encoded,
                num_beams=self.settings.beam_size,
                max_new_tokens=max_new_tokens,
                min_new_tokens=1,
                do_sample=False,
                logits_processor=processors,
                **self.settings.repetition_options(),
            )
        return [text.strip() for text in self.tokenizer.batch_decode(output, skip_special_tokens=True)]
