"""Reproducibility signatures, in the spirit of sacrebleu's.

``bitext:0.1.0|model:Helsinki-NLP/opus-mt-id-en|rev:1a2b3c|backend:transformers|
compute:float32|beam:4|maxlen:auto|degenerate:redecode|shortlist:none|glossary:5e6f7a8b9c0d|
rounds:none|langs:id-en``

Two corpora with the same signature were made by the same code, model, decoding settings,
shortlist, glossary and repair rounds, so their differences come from their inputs::

    signature = Signature.from_translator(translator.describe(), glossary.digest())
    text = signature.format()
    assert Signature.parse(text) == signature
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bitext import __version__

FIELDS = ("bitext", "model", "rev", "backend", "compute", "beam", "maxlen", "degenerate", "shortlist", "glossary",
          "rounds", "langs")


@dataclass(frozen=True)
class Signature:
    """The fields of a signature, in their order; unknown fields of a parsed one are kept."""

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def from_translator(cls, description: dict[str, Any], glossary_digest: str | None) -> Signature:
        """The signature of a translate run from its translator's
        :meth:`~bitext.translation.base.Translator.describe` and its glossary's digest."""
        values = {
            "bitext": __version__,
            "model": description.get("model"),
            "rev": description.get("revision"),
            "backend": description.get("backend"),
            "compute": description.get("compute_type"),
            "beam": description.get("beam_size"),
            "maxlen": description.get("max_length") or "auto",
            "degenerate": description.get("degenerate") or "redecode",
            "shortlist": description.get("shortlist") or "none",
            "glossary": glossary_digest or "none",
            # CTranslate2's glossary repair rounds (--term-rounds); other backends have none.
            "rounds": description.get("term_rounds", "none"),
            "langs": f"{description.get('source_lang', 'id')}-{description.get('target_lang', 'en')}",
        }
        return cls(tuple((name, str(values[name])) for name in FIELDS))

    def format(self) -> str:
        """The one-line form written into every output."""
        return "|".join(f"{name}:{value}" for name, value in self.fields)

    @classmethod
    def parse(cls, text: str) -> Signature:
        """A signature from its one-line form (older signatures lack some fields)."""
        fields = []
        for part in text.split("|"):
            name, _, value = part.partition(":")
            if name:
                fields.append((name, value))
        return cls(tuple(fields))

    def get(self, name: str, default: str | None = None) -> str | None:
        """One field's value, or ``default`` when the signature lacks it."""
        return dict(self.fields).get(name, default)

    def __str__(self) -> str:
        return self.format()


def make_signature(description: dict[str, Any], glossary_digest: str | None) -> str:
    """:meth:`Signature.from_translator`, formatted."""
    return Signature.from_translator(description, glossary_digest).format()


def parse_signature(signature: str) -> dict[str, str]:
    """The fields of a signature by name (unknown and missing fields are simply absent)."""
    return dict(Signature.parse(signature).fields)
