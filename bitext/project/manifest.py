"""``manifest.json``: what a project's files were made with, counts and history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bitext.files import atomic_output

MANIFEST_NAME = "manifest.json"


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest`` as indented JSON, atomically."""
    with atomic_output(path) as stream:
        json.dump(manifest, stream, ensure_ascii=False, indent=2)
        stream.write("\n")


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of an output folder, or {} when there is none or it is unreadable."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}
