"""Reproducibility signatures, in the spirit of sacrebleu's.

``bitext:0.1.0|model:Helsinki-NLP/opus-mt-id-en|rev:1a2b3c|backend:transformers|
compute:float32|beam:4|maxlen:auto|degenerate:redecode|shortlist:none|glossary:5e6f7a8b9c0d|
langs:id-en``

Two corpora with the same signature were made by the same code, model, decoding settings
and glossary, so their differences come from their inputs.
"""

from __future__ import annotations

from typing import Any

from bitext import __version__


def make_signature(description: dict[str, Any], glossary_digest: str | None) -> str:
    """The signature of a run from its translator's :meth:`~bitext.translation.base.Translator.describe`
    and its glossary's digest."""
    fields = [
        ("bitext", __version__),
        ("model", description.get("model")),
        ("rev", description.get("revision")),
        ("backend", description.get("backend")),
        ("compute", description.get("compute_type")),
        ("beam", description.get("beam_size")),
        ("maxlen", description.get("max_length") or "auto"),
        ("degenerate", description.get("degenerate") or "redecode"),
        ("shortlist", description.get("shortlist") or "none"),
        ("glossary", glossary_digest or "none"),
        ("langs", f"{description.get('source_lang', 'id')}-{description.get('target_lang', 'en')}"),
    ]
    return "|".join(f"{name}:{value}" for name, value in fields)


def parse_signature(signature: str) -> dict[str, str]:
    """The fields of a signature by name (unknown and missing fields are simply absent)."""
    fields = {}
    for part in signature.split("|"):
        name, _, value = part.partition(":")
        if name:
            fields[name] = value
    return fields
