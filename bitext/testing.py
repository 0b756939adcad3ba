"""Random-weight MarianMT models for tests and benchmarks (no download needed).

:func:`build_random_marian` writes a model folder that ``from_pretrained`` loads like a
real opus-mt model: a SentencePiece tokenizer trained in a second on the given texts (or
the real tokenizer files of ``tokenizer_dir``), a ``MarianConfig`` and random weights.
Such a model translates nothing meaningful but runs every code path, and a model built
from the real config costs what the real model costs.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json")


def train_sentencepiece(texts: Iterable[str], vocab_size: int = 1000) -> bytes:
    """A unigram SentencePiece model with Marian's special ids (</s>=0, <unk>=1)."""
    import sentencepiece

    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        eos_piece="</s>",
        unk_piece="<unk>",
        minloglevel=2,
    )
    return model.getvalue()


def _write_tokenizer(folder: Path, texts: Iterable[str], vocab_size: int, max_positions: int) -> int:
    import sentencepiece

    spm = train_sentencepiece(texts, vocab_size)
    (folder / "source.spm").write_bytes(spm)
    (folder / "target.spm").write_bytes(spm)
    processor = sentencepiece.SentencePieceProcessor(model_proto=spm)
    vocab = {processor.id_to_piece(i): i for i in range(processor.get_piece_size())}
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    tokenizer_config = {
        "tokenizer_class": "MarianTokenizer",
        "source_lang": "id",
        "target_lang": "en",
        "model_max_length": max_positions,
        "separate_vocabs": False,
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), "utf-8")
    return len(vocab)


@dataclass(frozen=True)
class TinyShape:
    """The size of a tiny model built from a trained tokenizer (a real one's shape comes
    from its config)."""

    vocab_size: int = 1000
    d_model: int = 32
    layers: int = 1
    heads: int = 2
    ffn_dim: int = 64
    max_positions: int = 128


def build_random_marian(
    folder: str | Path,
    *,
    texts: Iterable[str] = (),
    tokenizer_dir: str | Path | None = None,
    shape: TinyShape | None = None,
    max_positions: int | None = None,
    eos_bias: float | None = None,
    loop_piece: str | None = None,
    seed: int = 0,
) -> Path:
    """Write a random MarianMT model to ``folder`` and return it.

    With ``tokenizer_dir`` (e.g. ``../shared/models/opus-mt-id-en``) the real tokenizer
    and config are used and ``shape`` is ignored: a shape-true model. Otherwise a
    tokenizer is trained on ``texts`` and a tiny model of ``shape`` is built
    (``max_positions`` overrides the shape's). ``eos_bias`` is added to the
    end-of-sentence logit: a very low value makes every translation run to the length cap
    (for timing). ``loop_piece`` (a target piece such as "▁the") gets a large bias and the
    end of sentence a very low one: a model that loops on that word, as opus-mt sometimes
    does ("I'm sorry I'm sorry ...")::

        build_random_marian("tiny-model", texts=[Path("seeds/000.txt").read_text()], max_positions=64)
    """
    import torch
    from transformers import MarianMTModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shape = shape or TinyShape()
    if max_positions is not None:
        shape = replace(shape, max_positions=max_positions)
    config = _config(folder, texts, tokenizer_dir, shape)
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    _bias(model, folder, config.eos_token_id, eos_bias, loop_piece)
    model.save_pretrained(folder)
    return folder


def _config(folder: Path, texts: Iterable[str], tokenizer_dir: str | Path | None, shape: TinyShape) -> Any:
    """The MarianConfig of the model, with its tokenizer files written into ``folder``."""
    from transformers import MarianConfig

    if tokenizer_dir is not None:
        tokenizer_dir = Path(tokenizer_dir)
        for name in TOKENIZER_FILES:
            if (tokenizer_dir / name).exists():
                shutil.copy(tokenizer_dir / name, folder / name)
        return MarianConfig.from_pretrained(tokenizer_dir)
    vocab = _write_tokenizer(folder, texts, shape.vocab_size, shape.max_positions)
    return MarianConfig(
        vocab_size=vocab,
        decoder_vocab_size=vocab,
        d_model=shape.d_model,
        encoder_layers=shape.layers,
        decoder_layers=shape.layers,
        encoder_attention_heads=shape.heads,
        decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn_dim,
        decoder_ffn_dim=shape.ffn_dim,
        max_position_embeddings=shape.max_positions,
        pad_token_id=vocab - 1,
        decoder_start_token_id=vocab - 1,
        eos_token_id=0,
        forced_eos_token_id=0,
        bos_token_id=0,
        share_encoder_decoder_embeddings=True,
    )


def _bias(model: Any, folder: Path, eos_id: int, eos_bias: float | None, loop_piece: str | None) -> None:
    """Push the output layer: a looping piece up, the end of sentence down (see above)."""
    import torch

    if loop_piece is not None:
        vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
        if loop_piece not in vocab:
            raise ValueError(f"{loop_piece!r} is not in the model's vocabulary")
        eos_bias = -100.0 if eos_bias is None else eos_bias
        with torch.no_grad():
            model.final_logits_bias[0, vocab[loop_piece]] = 6.0
    if eos_bias is not None:
        with torch.no_grad():
            model.final_logits_bias[0, eos_id] = eos_bias


_DESCRIPTION = """Write a random-weight MarianMT model that loads like a real opus-mt model, for
tests, benchmarks and dry runs of the whole pipeline without downloading weights (its
translations are nonsense). Either train a small tokenizer on some text files, or copy
the real tokenizer and config of a model folder (--like) for a model of the real shape."""

_EXAMPLES = """examples:
  python -m bitext.testing tiny-model seeds/*.txt
  bitext translate seeds/ -o out/ --model tiny-model
  python -m bitext.testing opus-shape --like ../shared/models/opus-mt-id-en --eos-bias -1e9
"""


def main(argv: list[str] | None = None) -> None:
    """``python -m bitext.testing FOLDER [TEXT_FILES...] [--like MODEL_DIR] [--eos-bias B]``;
    problems (a missing file, no torch, a folder that cannot be written) are one line."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bitext.testing", description=_DESCRIPTION, epilog=_EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="where to write the model")
    parser.add_argument("texts", nargs="*", help="text files to train the tokenizer on (e.g. seeds/*.txt)")
    parser.add_argument("--like", help="a real model folder whose tokenizer and config to copy (shape-true)")
    parser.add_argument("--eos-bias", type=float, default=None,
                        help="added to the end-of-sentence logit (a very low value makes every output run to the cap)")
    args = parser.parse_args(argv)
    if not args.like and not args.texts:
        parser.error("give text files to train a tokenizer on, or --like a real model folder")
    try:
        texts = [Path(path).read_text("utf-8") for path in args.texts]
        if args.like and not Path(args.like, "vocab.json").is_file():
            raise FileNotFoundError(f"{args.like} holds no vocab.json: not a MarianMT model folder")
        folder = build_random_marian(args.folder, texts=texts, tokenizer_dir=args.like, eos_bias=args.eos_bias)
    except ImportError as error:
        parser.exit(1, f"python -m bitext.testing: error: {error.name or error} is not installed "
                       "(pip install torch transformers sentencepiece)\n")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        parser.exit(1, f"python -m bitext.testing: error: {_reason(error)}\n")
    print(f"Random-weight MarianMT model written to {folder} (it translates nothing meaningful).")


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)


if __name__ == "__main__":
    main()
