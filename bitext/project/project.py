"""The output folder as a translator's project, and the rules every command keeps in it.

A project folder holds one store (``id-en.jsonl``: every record, the file reruns update),
the exchange files bitext wrote from it for other tools (TMX, XLIFF, PO, TSV, Moses),
``set-aside.jsonl`` (records whose sentence left the input), command-specific records
(``dropped.jsonl``, ``unaligned.jsonl``, ``filtered.jsonl``) and ``manifest.json``: which
command made the store (its *kind*), which files bitext wrote and their SHA-256, the
exchange formats it keeps, and the review history.

:class:`Project` reads all of that once the folder is locked (an
:class:`~bitext.project.folder.OutputFolder`) and enforces:

* **nothing a translator typed is dropped**: an exchange file whose bytes differ from what
  bitext wrote is read back; edits the store lacks stop a command that would rewrite it,
  until ``review apply`` brings them in (confirmed edits as reviews; edits still marked for
  review as the record's ``draft``, which every rewritten file carries with its mark); a
  file that may hold edits but cannot be read stops the command with its name and is
  never overwritten;
* **no stale file**: every exchange file bitext wrote in the folder is rewritten by every
  command that changes the store, whatever ``--format`` says this time;
* **one kind of store**: a command never replaces a store another command made
  (``align`` over a translated store) without ``--overwrite``;
* set-aside records survive every command but an explicit ``--overwrite``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext.errors import FormatError, OutputError
from bitext.files import safe_relative, sha256_file
from bitext.formats import STORES, get_store, read_corpus, store_for_path
from bitext.model import Corpus, Segment, same_text
from bitext.project.folder import OutputFolder
from bitext.project.manifest import MANIFEST_NAME, read_manifest, write_manifest

SET_ASIDE_NAME = "set-aside.jsonl"
STORE_FORMAT = "jsonl"
STORE_FORMATS = ("jsonl", "xliff", "po", "tmx", "tsv")  # formats that keep status: a store, best first
EXCHANGE_FORMATS = ("tmx", "xliff", "po", "tsv", "moses")  # files for other tools, written from the store
MOSES_SUFFIXES = (".ids",)  # the Moses file that marks a pair as bitext's (with its two language files)


@dataclass
class PendingEdits:
    """What a translator typed in one exchange file that the store does not hold."""

    path: Path
    format: str
    confirmed: list[Segment] = field(default_factory=list)  # reviewed/approved (or edited where no mark exists)
    drafts: list[Segment] = field(default_factory=list)  # edited, still marked for review

    def ids(self) -> list[str]:
        """The ids of every edit the store lacks (confirmed ones first)."""
        return [unit.id for unit in [*self.confirmed, *self.drafts]]


def listing(ids: Sequence[str], limit: int = 5) -> str:
    """Ids for a message: the first few, then how many more."""
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


class Project:
    """A locked output folder seen as a project (see the module docstring).

    ``output`` must be entered (locked and recovered) before a Project is made of it.
    """

    def __init__(self, output: OutputFolder, source_lang: str = "id", target_lang: str = "en") -> None:
        self.output = output
        self.folder = output.folder
        self.source_lang, self.target_lang = source_lang, target_lang
        self.manifest: dict[str, Any] = read_manifest(self.folder)

    # -- what the folder holds -----------------------------------------------------------

    @property
    def store_name(self) -> str:
        """The store's file name: ``id-en.jsonl``."""
        return f"{self.source_lang}-{self.target_lang}.jsonl"

    def find_store(self) -> Path | None:
        """The store an earlier command left: the JSONL, else another format that keeps status."""
        for name in STORE_FORMATS:
            for extension in get_store(name).extensions:
                path = self.folder / f"{self.source_lang}-{self.target_lang}{extension}"
                if path.is_file():
                    return path
        return None

    def kind(self) -> str | None:
        """Which command made the store (``translate``, ``align``, ``filter``), or None without one."""
        if self.find_store() is None:
            return None
        return str(self.manifest.get("command") or "translate")

    def read_store(self) -> Corpus | None:
        """The store, or None when the folder has none; an unreadable store is an error."""
        path = self.find_store()
        if path is None:
            return None
        try:
            return read_corpus(path)
        except FormatError as error:
            raise OutputError(f"{error}; the output folder holds a store bitext cannot read: fix it, "
                              "or pass --overwrite to start a new store") from None

    def read_set_aside(self) -> list[Segment]:
        """Records set aside by earlier runs (kept until ``--overwrite``)."""
        path = self.folder / SET_ASIDE_NAME
        return read_corpus(path, "jsonl").segments if path.is_file() else []

    def require_kind(self, kind: str, overwrite: bool) -> None:
        """Refuse to replace a store another command made, unless ``overwrite``."""
        found = self.kind()
        if found is not None and found != kind and not overwrite:
            raise OutputError(
                f"{self.folder} holds a store made by `bitext {found}`, not `bitext {kind}`: "
                f"write into another folder, or pass --overwrite to replace it (its records and reviews are lost)"
            )

    def refuse_replacing_work(self, kind: str) -> None:
        """Before a command replaces the whole store (``align``, ``filter``): refuse a store
        another command made, one holding reviewed records, and exchange files holding
        translator edits (``--overwrite`` skips this check)."""
        self.require_kind(kind, overwrite=False)
        previous = self.read_store()
        if previous is None:
            return
        reviewed = [segment.id for segment in previous if segment.status == "reviewed"]
        if reviewed:
            raise OutputError(
                f"{self.folder} holds a store with {len(reviewed)} reviewed records ({listing(reviewed, 3)}); "
                f"write into another folder, or pass --overwrite to replace it"
            )
        self.refuse_unapplied_edits(self.pending_edits(previous), self.folder / self.store_name)

    # -- files bitext wrote here -----------------------------------------------------------

    def written_files(self) -> dict[str, str | None]:
        """Every file bitext published here and its SHA-256 (None where an older manifest
        did not record it); names that would leave the folder are ignored."""
        recorded = self.manifest.get("files")
        names: dict[str, str | None] = {}
        if isinstance(recorded, dict):
            names.update({name: str(digest) for name, digest in recorded.items() if isinstance(digest, str)})
        for name in self.manifest.get("outputs") or []:
            if isinstance(name, str):
                names.setdefault(name, None)
        return {name: digest for name, digest in names.items() if _inside(name)}

    def exchange_files(self) -> list[tuple[Path, str]]:
        """The exchange files bitext wrote here that still exist, with their format
        (a Moses pair is named by its ``.moses`` prefix)."""
        found: dict[Path, str] = {}
        for name in self.written_files():
            path = self.folder / name
            fmt = _format_of(name)
            if fmt == "moses":
                path = path.with_suffix(".moses")
                if not path.with_suffix(".ids").is_file():
                    continue
            elif fmt not in EXCHANGE_FORMATS or not path.is_file():
                continue
            found.setdefault(path, fmt)
        found.update(self._unlisted_exchange_files(found))
        return sorted(found.items())

    def _unlisted_exchange_files(self, known: dict[Path, str]) -> dict[Path, str]:
        """Exchange files named like the store's siblings that an older manifest does not
        list (they may still hold a translator's work)."""
        found: dict[Path, str] = {}
        stem = self.folder / f"{self.source_lang}-{self.target_lang}"
        for fmt in ("po", "xliff", "tmx", "tsv"):
            for extension in STORES[fmt].extensions:
                path = stem.with_name(stem.name + extension)
                if path.is_file() and path not in known:
                    found[path] = fmt
        return found

    def exchange_formats(self, requested: Iterable[str]) -> list[str]:
        """The formats a command writes: those asked for, plus every exchange format bitext
        already keeps in this folder (no file is left stale)."""
        formats = list(dict.fromkeys(requested))
        formats += [fmt for _, fmt in self.exchange_files() if fmt not in formats]
        return formats

    def untouched(self, path: Path) -> bool:
        """Whether ``path`` (a Moses pair: its three files) holds exactly the bytes bitext
        last wrote, so no one edited it."""
        written = self.written_files()
        files = [path]
        if path.suffix == ".moses":
            stem = path.with_suffix("")
            files = [stem.with_name(f"{stem.name}{suffix}")
                     for suffix in (f".{self.source_lang}", f".{self.target_lang}", ".ids")]
        for file in files:
            digest = written.get(file.relative_to(self.folder).as_posix())
            if digest is None or not file.is_file() or sha256_file(file) != digest:
                return False
        return True

    # -- translators' edits --------------------------------------------------------------

    def pending_edits(self, store: Corpus, exclude: Path | None = None) -> list[PendingEdits]:
        """Edits in the folder's exchange files that ``store`` lacks (see the module docstring)."""
        records = store.by_id()
        found = []
        for path, fmt in self.exchange_files():
            if path == exclude or self.untouched(path):
                continue
            units = _read_exchange_file(path, fmt, store)
            edits = classify_edits(path, fmt, units, records)
            if edits.confirmed or edits.drafts:
                found.append(edits)
        return found

    def refuse_unapplied_edits(self, edits: Sequence[PendingEdits], store_path: Path) -> None:
        """A command about to rewrite exchange files stops where one holds edits the store
        lacks (``review apply`` brings them in: confirmed ones as reviews, the rest as drafts)."""
        for item in edits:
            if item.confirmed or item.drafts:
                raise OutputError(
                    f"{item.path} holds {len(item.ids())} translator edit(s) not in the store "
                    f"({listing(item.ids())}); bring them in with `bitext review apply {item.path} {store_path}` "
                    "first, or pass --overwrite to discard them"
                )

    # -- publishing ----------------------------------------------------------------------

    def stage_manifest(self, manifest: dict[str, Any]) -> None:
        """Stage ``manifest.json`` with the SHA-256 of every file the commit will leave in
        the folder (staged ones, and bitext's earlier ones it keeps)."""
        staged = set(self.output.staged_files())
        digests = {name: sha256_file(self.output.staging / name) for name in sorted(staged)}
        for name, digest in self.written_files().items():
            if name not in staged and name != MANIFEST_NAME and (self.folder / name).is_file() and digest:
                digests.setdefault(name, digest)
        manifest["files"] = dict(sorted(digests.items()))
        write_manifest(self.output.stage(MANIFEST_NAME), manifest)


def _inside(name: str) -> bool:
    try:
        safe_relative(name)
        return True
    except ValueError:
        return False


def _format_of(name: str) -> str | None:
    if name.endswith(MOSES_SUFFIXES):
        return "moses"
    try:
        return store_for_path(name).name
    except FormatError:
        return None


def _read_exchange_file(path: Path, fmt: str, store: Corpus) -> Corpus:
    """An exchange file read back; a file that may hold edits but cannot be read stops
    the command (it must not be overwritten)."""
    try:
        return read_corpus(path, fmt, store.source_lang, store.target_lang)
    except FormatError as error:
        raise OutputError(
            f"{path} may hold a translator's edits but bitext cannot read it ({error}); "
            f"fix it or move it out of {path.parent}, then run the command again"
        ) from None


def classify_edits(path: Path, fmt: str, units: Corpus, records: dict[str, Segment]) -> PendingEdits:
    """Sort what a translator typed in one file: confirmed edits, and drafts (edited but
    still marked for review, where the format has such a mark)."""
    marks_review = STORES[fmt].marks_review
    edits = PendingEdits(path, fmt)
    for unit in units:
        record = records.get(unit.id)
        if not unit.target.strip():
            continue
        if record is None:
            if unit.status == "reviewed":
                edits.confirmed.append(unit)
            continue
        if unit.status == "reviewed":
            if record.status != "reviewed" or not same_text(unit.target, record.target):
                edits.confirmed.append(unit)
        elif same_text(unit.target, record.target) or (record.draft and same_text(unit.target, record.draft)):
            continue
        elif marks_review and same_text(unit.source, record.source) and unit.status == "mt":
            edits.drafts.append(unit)
        else:
            edits.confirmed.append(unit)
    return edits


def absorb_drafts(store: Corpus, edits: Iterable[PendingEdits]) -> int:
    """Keep every draft in the store (``Segment.draft``), so rewritten files carry it;
    returns how many records got one."""
    records = store.by_id()
    count = 0
    for item in edits:
        for unit in item.drafts:
            record = records.get(unit.id)
            if record is not None and not (record.draft and same_text(record.draft, unit.target)):
                record.draft = unit.target
                count += 1
    return count


def managed_by_project(path: str | Path) -> bool:
    """Whether ``path`` is a file a bitext project manages: its folder's manifest lists it
    (a store, an exchange file, a record file). Such files are written only by the
    project's commands, which keep reviews, drafts and hashes right."""
    path = Path(path)
    manifest = read_manifest(path.parent)
    if not manifest:
        return False
    names = set(manifest.get("outputs") or []) | set(manifest.get("files") or {})
    return path.name in names


def refuse_replacing(destination: str | Path, source: str | Path | None = None, overwrite: bool = False) -> None:
    """A command writing one file never writes over its own input, nor (without
    ``overwrite``) over a file a project manages."""
    destination = Path(destination)
    if source is not None and destination.exists() and Path(source).exists():
        if destination.resolve() == Path(source).resolve():
            raise OutputError(f"{destination} is also the input: write the output to another file")
    if not overwrite and destination.exists() and managed_by_project(destination):
        raise OutputError(
            f"{destination} belongs to the bitext project in {destination.parent} (its manifest lists it); "
            "write elsewhere, or pass --overwrite to replace it anyway"
        )
