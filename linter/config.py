"""Configuration: ``[tool.mtlint]`` in pyproject.toml or ``mtlint.toml``, found upward."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names file, key and reason."""


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _string_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


_LT_KEYS: dict[str, tuple[Any, str]] = {
    "url": (
        lambda v: isinstance(v, str) and v.startswith(("http://", "https://")),
        "an http(s) URL",
    ),
    "local": (lambda v: isinstance(v, bool), "true or false"),
    "language": (lambda v: isinstance(v, str) and v != "", "a language code such as en-US"),
    "enabled-rules": (_strings, "a list of LanguageTool rule ids"),
    "disabled-rules": (_strings, "a list of LanguageTool rule ids"),
    "picky": (lambda v: isinstance(v, bool), "true or false"),
}


@dataclass
class LanguageToolConfig:
    """``[tool.mtlint.languagetool]``: the optional grammar backend (off unless url or local)."""

    url: str | None = None
    local: bool = False
    language: str = "en-US"
    enabled_rules: list[str] = field(default_factory=list)
    disabled_rules: list[str] = field(default_factory=list)
    picky: bool = False

    @property
    def enabled(self) -> bool:
        return bool(self.url) or self.local


def _languagetool(value: Any) -> bool:
    return isinstance(value, dict)


def _per_file(value: Any) -> bool:
    return isinstance(value, dict) and all(_strings(v) for v in value.values())


# key: (check, what a good value is)
_KEYS: dict[str, tuple[Any, str]] = {
    "select": (_strings, "a list of rule ids, prefixes or categories"),
    "ignore": (_strings, "a list of rule ids, prefixes or categories"),
    "extend-select": (_strings, "a list of rule ids, prefixes or categories"),
    "per-file-ignores": (_per_file, "a table of glob = [selectors]"),
    "exclude": (_strings, "a list of glob patterns"),
    "extend-exclude": (_strings, "a list of glob patterns"),
    "rule-packs": (_strings, "a list of YAML rule pack paths"),
    "preferred-spellings": (_string_map, "a table of variant = preferred spelling"),
    "dictionaries": (_strings, "a list of word-list file paths"),
    "preview": (lambda v: isinstance(v, bool), "true or false"),
    "text-field": (lambda v: isinstance(v, str) and v != "", "a field name"),
    "id-field": (lambda v: isinstance(v, str) and v != "", "a field name"),
    "boilerplate-min-documents": (_positive_int, "a whole number of at least 1"),
    "max-file-size": (_positive_int, "a size in bytes"),
    "languagetool": (_languagetool, "a table ([tool.mtlint.languagetool])"),
}


@dataclass
class Config:
    """Validated settings; paths in it are resolved against the config file's folder."""

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    rule_packs: list[Path] = field(default_factory=list)
    preferred_spellings: dict[str, str] = field(default_factory=dict)
    dictionaries: list[Path] = field(default_factory=list)
    preview: bool = False
    text_field: str = "text"
    id_field: str = "id"
    boilerplate_min_documents: int = 3
    max_file_size: int = 20_000_000
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    _per_file_specs: list[tuple[pathspec.PathSpec, frozenset[str]]] = field(
        default_factory=list, repr=False
    )

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def ignored_for(self, path: str) -> frozenset[str]:
        """Selectors that per-file-ignores switch off for ``path``."""
        if not self._per_file_specs:
            return frozenset()
        rel = _relative(path.split("#", 1)[0], self.root)
        out: set[str] = set()
        for spec, selectors in self._per_file_specs:
            if spec.match_file(rel):
                out |= selectors
        return frozenset(out)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest mtlint.toml, or pyproject.toml with [tool.mtlint], from ``start`` upward."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "mtlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "mtlint" in data.get("tool", {}):
                return candidate
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (``None``: defaults)."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    table = data.get("tool", {}).get("mtlint", {}) if path.name == "pyproject.toml" else data
    if path.name != "pyproject.toml" and "tool" in table and "mtlint" in table.get("tool", {}):
        table = table["tool"]["mtlint"]
    return from_table(table, path)


def from_table(table: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "configuration"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.mtlint] must be a table")
    config = Config(path=path)
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        check, expected = _KEYS[key]
        if not check(value):
            raise ConfigError(f"{where}: key '{key}': expected {expected}, got {value!r}")
        if key == "languagetool":
            config.languagetool = _languagetool_table(value, where)
        else:
            setattr(config, key.replace("-", "_"), value)
    root = config.root
    config.rule_packs = [
        _existing(root / p, where, "rule-packs") for p in table.get("rule-packs", [])
    ]
    config.dictionaries = [
        _existing(root / p, where, "dictionaries") for p in table.get("dictionaries", [])
    ]
    config._per_file_specs = [
        (pathspec.PathSpec.from_lines("gitwildmatch", [glob]), frozenset(selectors))
        for glob, selectors in config.per_file_ignores.items()
    ]
    return config


def _languagetool_table(table: dict[str, Any], where: str) -> LanguageToolConfig:
    lt = LanguageToolConfig()
    for key, value in table.items():
        if key not in _LT_KEYS:
            raise ConfigError(
                f"{where}: unknown key 'languagetool.{key}' (known: {', '.join(sorted(_LT_KEYS))})"
            )
        check, expected = _LT_KEYS[key]
        if not check(value):
            raise ConfigError(
                f"{where}: key 'languagetool.{key}': expected {expected}, got {value!r}"
            )
        setattr(lt, key.replace("-", "_"), value)
    return lt


def _existing(path: Path, where: str, key: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"{where}: key '{key}': file not found: {path}")
    return path
