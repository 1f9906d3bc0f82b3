"""Output formats: text, json, jsonl, sarif and github (and diffs, in ``diff.py``).

Each format is a reporter that takes documents as they are linted (``add``) and closes the
output (``finish``), so a corpus is reported as a stream. The JSON object of one finding is built
once, in ``json.finding``: the contract documented in docs/output.md.
"""

from __future__ import annotations

from typing import TextIO

from ..registry import Registry
from ..results import DocResult
from .base import Reporter
from .github import GithubReporter
from .json import JsonLinesReporter, JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

FORMATS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "jsonl": JsonLinesReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
}


def render(fmt: str, results: list[DocResult], registry: Registry, out: TextIO, **options) -> None:
    """Report a finished list of documents in one go."""
    reporter = FORMATS[fmt](registry, out, **options)
    for result in results:
        reporter.add(result)
    reporter.finish()


__all__ = ["FORMATS", "Reporter", "render"]
