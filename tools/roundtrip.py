"""Round-trip other tools' files through bitext and say which come back clean.

Each PO, POT, XLIFF, TMX and TBX file under the folders given goes file -> JSONL -> the
same format (``bitext convert F x.jsonl && bitext convert x.jsonl G``), and is compared as
translate-toolkit reads it (units, ids, texts, plurals, contexts, notes, states,
locations, inline codes, languages; see tests/thirdparty.py). ``msgfmt -c`` is run on a
PO it accepted before. Prints one line a file and a summary:

    python tools/roundtrip.py FOLDER [FOLDER ...]

A file is *clean* when translate-toolkit reads the same; *changed* when it does not;
*refused* when bitext cannot read it (with translate-toolkit's verdict on the original:
"broken for translate-toolkit too" or not); *unchecked* when translate-toolkit cannot read
the original, so there is nothing to compare.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bitext.errors import BitextError  # noqa: E402
from bitext.formats import read_corpus, write_corpus  # noqa: E402

SUFFIXES = {".po", ".pot", ".xlf", ".xliff", ".sdlxliff", ".tmx", ".tbx"}


def _msgfmt_ok(path: Path) -> bool | None:
    if shutil.which("msgfmt") is None:
        return None
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def check(path: Path, work: Path) -> tuple[str, str]:
    """The verdict on one file and what differs."""
    import thirdparty

    try:
        original_view = thirdparty.tt_view(path)
    except Exception:  # noqa: BLE001 - whatever translate-toolkit raises on a file it cannot read
        original_view = None
    try:
        write_corpus(read_corpus(path), work / "via.jsonl")
        back = work / path.name
        write_corpus(read_corpus(work / "via.jsonl"), back)
    except BitextError as error:
        broken = "broken for translate-toolkit too" if original_view is None else "translate-toolkit reads it"
        return "refused", f"{error} ({broken})"
    if original_view is None:
        return "unchecked", "translate-toolkit cannot read the original"
    back_view = thirdparty.tt_view(back)
    if back_view != original_view:
        fields = sorted({key for a, b in zip(original_view["units"], back_view["units"]) for key in a if a[key] != b[key]})
        if len(original_view["units"]) != len(back_view["units"]):
            fields.append("unit count")
        return "changed", ", ".join(fields) or "languages"
    if path.suffix in (".po", ".pot") and _msgfmt_ok(path) and not _msgfmt_ok(back):
        return "changed", "msgfmt -c refuses the file written"
    return "clean", ""


def main() -> None:
    folders = [Path(arg) for arg in sys.argv[1:]]
    if not folders:
        sys.exit(__doc__)
    verdicts: Counter = Counter()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
            with tempfile.TemporaryDirectory() as scratch:
                verdict, detail = check(path, Path(scratch))
            verdicts[verdict] += 1
            print(f"{verdict:9} {path}{': ' + detail if detail else ''}")
    total = sum(verdicts.values())
    print(f"\n{total} files: " + ", ".join(f"{verdicts[name]} {name}" for name in ("clean", "changed", "refused", "unchecked")))


if __name__ == "__main__":
    main()
