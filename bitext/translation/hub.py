"""Where models come from: the Hugging Face hub (cache first, never a minute of retries
offline) or a local folder; one clear error when neither works. Shared by both backends,
importing neither torch nor transformers."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

from bitext.errors import ModelLoadError

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.bin")


def load_hint(model: str) -> str:
    """What to check when ``model`` cannot be loaded (a folder's files, or the hub and offline mode)."""
    if looks_like_path(model):
        return f"check that {model} is a model folder (config.json, weights, source.spm, target.spm, vocab.json)"
    if hub_offline():
        return (
            f"HF_HUB_OFFLINE is set and {model} is not in the Hugging Face cache; download it on a connected "
            f"machine (hf download {model} --local-dir {Path(model).name}) and pass --model ./{Path(model).name}"
        )
    return (
        f"on a machine without internet, download it on a connected one "
        f"(hf download {model} --local-dir {Path(model).name}), copy the folder here and pass "
        f"--model ./{Path(model).name} (or put it in the Hugging Face cache and set HF_HUB_OFFLINE=1)"
    )


def looks_like_path(model: str) -> bool:
    """A hub id is "name" or "org/name"; anything else is meant as a folder."""
    return model.startswith((".", "~", "/")) or model.count("/") > 1 or "\\" in model or Path(model).exists()


def model_load_error(model: str, error: BaseException) -> ModelLoadError:
    """A one-line ModelLoadError for ``model`` from the library's error."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return ModelLoadError(f"cannot load model {model!r} ({reason}); {load_hint(model)}")


def content_revision(folder: Path) -> str:
    """A short content hash of a local model's weights and config (its 'revision').

    Hashing weights costs a few tenths of a second a run (0.07 s for opus-mt in int8,
    0.3 s in float32), so the hash is kept in the bitext cache under the files' paths,
    sizes, modification times and inodes, as git's index does: a rewritten file is
    hashed again."""
    files = [folder / name for name in ("config.json", *WEIGHT_FILES) if (folder / name).is_file()]
    key = "|".join(_stat_key(path) for path in files)
    known = _read_revisions()
    if key in known:
        return known[key]
    digest = hashlib.sha256()
    for path in files:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    revision = "sha256:" + digest.hexdigest()[:16]
    _remember_revision(known, key, revision)
    return revision


REVISIONS_NAME = "revisions.json"  # in the bitext cache: stat key of a model's files -> content hash
MAX_REVISIONS = 256  # entries kept (the newest), so the file stays small


def _stat_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def _read_revisions() -> dict[str, str]:
    import json

    try:
        data = json.loads((cache_dir() / REVISIONS_NAME).read_text("utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: hash again
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _remember_revision(known: dict[str, str], key: str, revision: str) -> None:
    """Add an entry; a cache that cannot be written only costs the hash next time."""
    import json
    import tempfile

    known[key] = revision
    entries = dict(list(known.items())[-MAX_REVISIONS:])
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole and renamed, so a concurrent run reads the old file or the new one.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".revisions-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entries, out)
        os.replace(temporary, folder / REVISIONS_NAME)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def quiet_transformers() -> None:
    """Keep transformers' and the hub's own progress bars and warnings off stderr: bitext
    reports its own progress. Imports transformers, so call it only where it is used."""
    import logging

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)


def hub_offline() -> bool:
    """Whether HF_HUB_OFFLINE asks for no hub access."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def hub_reachable(timeout: float = 3.0) -> bool:
    """Can we open a connection to the hub? (Behind a proxy we cannot tell; assume yes.)"""
    if any(os.environ.get(name) for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True
    from huggingface_hub import constants

    host = urlparse(constants.ENDPOINT).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
        return True
    except OSError:
        return False


def resolve_hub_model(model: str, revision: str | None) -> tuple[str, str | None]:
    """(what to pass to from_pretrained, the cached commit hash or None).

    A model already in the Hugging Face cache loads from there without the network; one
    that is not fails at once when the hub cannot be reached, instead of retrying for a
    minute.
    """
    from huggingface_hub import snapshot_download

    try:
        folder = snapshot_download(model, revision=revision, local_files_only=True)
        return folder, Path(folder).name
    except Exception:  # not cached (huggingface_hub raises several kinds)
        pass
    if hub_offline():
        raise ModelLoadError(f"cannot load model {model!r}: {load_hint(model)}")
    if not hub_reachable():
        raise ModelLoadError(f"cannot load model {model!r}: the Hugging Face hub is unreachable; {load_hint(model)}")
    return model, None


def check_model_folder(model: str) -> Path | None:
    """The folder of a local model, None for a hub id; an error for a missing path."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if path.exists():
        raise ModelLoadError(f"--model {model} is a file; pass the model's folder")
    if looks_like_path(model):
        raise ModelLoadError(f"no model folder at {model}; {load_hint(model)}")
    return None


def cache_dir() -> Path:
    """The bitext cache folder: ``$BITEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bitext`` or ``~/.cache/bitext``."""
    base = os.environ.get("BITEXT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bitext"
    )
    return Path(base)
