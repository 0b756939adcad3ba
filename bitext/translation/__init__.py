"""Translation backends behind one interface: ``translator.translate(sentences, terms)``.

    >>> translator = load_translator(TranslationSettings(model="path/to/opus-mt-id-en"))
    >>> translator.translate(["Korea Utara menembakkan rudal."], [["North Korea"]])
"""

from __future__ import annotations

from bitext.errors import ModelLoadError
from bitext.translation.base import (
    BACKENDS,
    DEFAULT_MODEL,
    TranslationSettings,
    Translator,
)

__all__ = ["BACKENDS", "DEFAULT_MODEL", "TranslationSettings", "Translator", "load_translator"]


def load_translator(settings: TranslationSettings) -> Translator:
    """Load the model named in ``settings`` with its backend (imports happen here)."""
    if settings.shortlist and settings.backend != "ctranslate2":
        raise ModelLoadError("--shortlist is a CTranslate2 feature: add --backend ctranslate2")
    if settings.backend == "transformers":
        from bitext.translation.hf import TransformersTranslator

        return TransformersTranslator(settings)
    if settings.backend == "ctranslate2":
        from bitext.translation.ct2 import CTranslate2Translator

        return CTranslate2Translator(settings)
    raise ModelLoadError(f"unknown backend {settings.backend!r}; choose one of {', '.join(BACKENDS)}")
