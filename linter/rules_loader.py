"""Assemble the registry: Python checks, the bundled YAML packs, user packs and plugins."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from .config import Config
from .packs import builtin_packs, load_pack
from .registry import BUILTIN, Registry, Rule

ENTRY_POINT_GROUP = "mtlint.rules"


@lru_cache(maxsize=1)
def _builtin() -> tuple[Rule, ...]:
    from . import checks  # noqa: F401  (registers the Python rules)

    rules = list(BUILTIN)
    for pack in builtin_packs():
        rules += load_pack(pack)
    return tuple(rules)


def _plugins() -> list[Rule]:
    """Rules from installed plugins, in sorted entry-point order. An entry point names a
    function returning YAML pack paths, or a module whose import registers ``@rule`` checks."""
    rules: list[Rule] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        before = len(BUILTIN)
        loaded = ep.load()
        if callable(loaded):
            for path in loaded():
                rules += load_pack(Path(path))
        rules += BUILTIN[before:]
    return rules


def load_registry(config: Config | None = None) -> Registry:
    """Every rule known under ``config``; raises ValueError (PackError) on a bad pack."""
    rules = list(_builtin()) + _plugins()
    for pack in config.rule_packs if config else []:
        rules += load_pack(pack)
    return Registry(rules)
