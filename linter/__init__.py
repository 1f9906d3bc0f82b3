"""mtlint: find and fix what machine translation, OCR and scraping leave in prose.

Public API::

    from linter import lint_text, fix_text, lint_paths, Config
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .model import Applicability, Category, Diagnostic, Edit, Fix, Severity  # noqa: E402


def _linter(config: Config | None, select: list[str] | None, fix: bool, unsafe: bool):
    from .rules_loader import load_registry
    from .runner import Linter

    config = config or Config()
    registry = load_registry(config)
    rules = registry.select(
        select or config.select, config.ignore, config.extend_select, config.preview
    )
    return Linter(rules, config, fix=fix, unsafe=unsafe)


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    config: Config | None = None,
    select: list[str] | None = None,
) -> list[Diagnostic]:
    """Findings in ``text`` (a single document; Markdown when ``path`` ends in .md)."""
    return _linter(config, select, False, False).lint_text(text, path).diagnostics


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    path: str = "<text>",
    config: Config | None = None,
    select: list[str] | None = None,
) -> str:
    """``text`` with the safe fixes (and the unsafe ones when ``unsafe``) applied."""
    return _linter(config, select, True, unsafe).lint_text(text, path).doc.text


def lint_paths(paths: list[str], *, config: Config | None = None, select: list[str] | None = None):
    """Lint files and folders; yields one ``FileResult`` per input file."""
    from .runner import corpus_stats, documents_of
    from .sources import discover

    linter = _linter(config, select, False, False)
    sources = list(discover(paths, linter.config.exclude + linter.config.extend_exclude))
    linter.corpus = corpus_stats(documents_of(sources, linter.config))
    for source in sources:
        yield linter.lint_file(source)


__all__ = [
    "Applicability", "Category", "Config", "Diagnostic", "Edit", "Fix", "Severity",
    "fix_text", "lint_paths", "lint_text", "load_config",
]  # fmt: skip
