"""The filters' thresholds: documented defaults, and a TOML file to change them.

``--config filter.toml`` holds one table a filter, each key a threshold (as OpusFilter's
YAML lists filters and their parameters)::

    [ratio]
    max_char_ratio = 2.2

    [language]
    min_target = 0.6

    [mt]
    enabled = false

A filter or threshold the file does not name keeps its default; a filter or threshold
that does not exist, or a value of the wrong type, is one error naming the file, the
table and the key. ``bitext filter --show-config`` prints every default with what it
means, a file to start from.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.filtering.base import Settings
from bitext.filtering.registry import FILTER_NAMES, filter_class


class FilterConfigError(InputError):
    """A filter configuration names an unknown filter or threshold, or a bad value."""


def _load_toml(text: str, where: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FilterConfigError(f"{where}: not a TOML file ({error})") from None


def _checked(value: Any, default: Any, where: str) -> Any:
    """``value`` if it has the type of ``default`` (a whole number counts as a float)."""
    if isinstance(default, bool):
        ok, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, kind = isinstance(value, int) and not isinstance(value, bool), "a whole number"
    elif isinstance(default, float):
        ok, kind = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
        value = float(value) if ok else value
    elif isinstance(default, list):
        ok, kind = isinstance(value, list) and all(isinstance(item, str) for item in value), "a list of strings"
    else:
        ok, kind = isinstance(value, str), "text"
    if not ok:
        raise FilterConfigError(f"{where} must be {kind}, not {value!r:.40}")
    return value


@dataclass
class FilterConfig:
    """Every filter's settings (defaults unless a file changed them)."""

    settings: dict[str, Settings] = field(default_factory=dict)
    source: str = "defaults"

    def __post_init__(self) -> None:
        for name in FILTER_NAMES:
            if name not in self.settings:
                self.settings[name] = filter_class(name).settings_class()

    @classmethod
    def load(cls, path: str | Path) -> FilterConfig:
        """The defaults, changed by the TOML file at ``path``."""
        path = Path(path)
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise FilterConfigError(f"cannot read filter configuration {path}: {error}") from None
        return cls.from_dict(_load_toml(text, str(path)), str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "filter configuration") -> FilterConfig:
        """The defaults, changed by ``{filter: {threshold: value}}``."""
        config = cls(source=where)
        for name, table in data.items():
            if name not in FILTER_NAMES:
                raise FilterConfigError(f"{where}: unknown filter [{name}]; the filters are {', '.join(FILTER_NAMES)}")
            if not isinstance(table, dict):
                raise FilterConfigError(f"{where}: [{name}] must be a table of thresholds, not {table!r:.40}")
            settings = config.settings[name]
            known = {item.name: getattr(settings, item.name) for item in fields(settings)}
            for key, value in table.items():
                if key not in known:
                    raise FilterConfigError(
                        f"{where}: [{name}] has no threshold {key!r}; its thresholds are {', '.join(known)}")
                setattr(settings, key, _checked(value, known[key], f"{where}: [{name}] {key}"))
        return config

    def enabled(self, name: str) -> bool:
        """Whether the filter ``name`` runs."""
        return bool(self.settings[name].enabled)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Every threshold in force, by filter (what the manifest records)."""
        return {name: asdict(settings) for name, settings in self.settings.items()}


def default_toml() -> str:
    """Every filter's thresholds with their defaults and meaning, as a TOML file."""
    lines = ["# bitext filter: thresholds (these are the defaults; keep only what you change)", ""]
    for name in FILTER_NAMES:
        cls = filter_class(name)
        lines.append(f"# {cls.description}")
        lines.append(f"[{name}]")
        for key, default, help_text in cls.settings_class.documented():
            lines.append(f"{key} = {_toml_value(default)}  # {help_text}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
