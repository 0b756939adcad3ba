"""Shared fixtures: the seed articles, a tiny random-weight MarianMT model, the TMX DTD.

No test downloads anything. The tiny model is built once per session from the seeds
(SentencePiece trained in about a second). ``../shared`` (the real tokenizer, the TMX DTD)
is optional: tests that need it are skipped without it, the rest never look.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GLOSSARY = REPO / "glossary" / "id-en.tsv"
SHARED = Path(os.environ.get("BITEXT_SHARED", REPO.parent / "shared"))
TMX_DTD = SHARED / "data" / "tmx14.dtd"

# English words the tiny tokenizer must know, so glossary terms are representable.
ENGLISH = """special military operation North Korea South Korea DPRK KCNA UN Security Council US
comprehensive strategic partnership ballistic missile ballistic missiles Korean Peninsula
demilitarized zone Democratic People's Republic of Korea Workers' Party of Korea World War II
the of and to in a is that for on with as was by he said it from at"""


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    return [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, seed_texts) -> Path:
    """A 1-layer, d_model 32 MarianMT model with 64 positions (long seed sentences must
    be split to fit)."""
    from bitext.testing import build_random_marian

    return build_random_marian(tmp_path_factory.mktemp("tiny-marian"), texts=[*seed_texts, ENGLISH], max_positions=64)


@pytest.fixture(scope="session")
def tmx_dtd():
    if not TMX_DTD.exists():
        pytest.skip(f"no TMX DTD at {TMX_DTD} (set BITEXT_SHARED to the shared folder)")
    from lxml import etree

    return etree.DTD(str(TMX_DTD))


@pytest.fixture(scope="session")
def tiny_translator(tiny_model):
    from bitext.translation import TranslationSettings, load_translator

    return load_translator(TranslationSettings(model=str(tiny_model), beam_size=2))


@pytest.fixture(scope="session")
def tiny_ct2(tiny_model, tmp_path_factory) -> Path:
    """The tiny model converted to CTranslate2 int8 (skipped without CTranslate2)."""
    pytest.importorskip("ctranslate2", reason="CTranslate2 is not installed")
    from ctranslate2.converters import TransformersConverter

    from bitext.translation.ct2 import TOKENIZER_FILES

    folder = tmp_path_factory.mktemp("ct2") / "tiny-ct2"
    files = [name for name in TOKENIZER_FILES if (tiny_model / name).exists()]
    TransformersConverter(str(tiny_model), copy_files=files).convert(str(folder), quantization="int8")
    return folder
