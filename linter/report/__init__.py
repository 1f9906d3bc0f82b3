"""Output formats: text, json, jsonl, sarif, github (and diff, in ``diff.py``).

Every renderer takes the linted documents and the registry; the JSON object of one finding is
built once, in ``json.finding``, and is the contract documented in docs/output.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..registry import Registry
from ..results import DocResult
from . import github, json, sarif, text

Renderer = Callable[[list[DocResult], Registry, TextIO], None]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "jsonl": json.render_lines,
    "sarif": sarif.render,
    "github": github.render,
}
