"""Fixture documents with sidecar expectations: ``NAME.txt`` (or .md) beside
``NAME.expected.json``, which lists the artifacts planted in the document:

    {"about": "...", "findings": [
        {"rule": "AC001", "find": "HST", "occurrence": 1},
        {"rule": "SP001", "find": "Omdurman", "occurrence": 1, "status": "false-positive"},
        {"rule": "TL001", "find": "Zelenskiy", "occurrence": 1, "status": "missed"}
    ]}

``status`` records honest results: ``missed`` is an artifact mtlint does not report yet,
``false-positive`` a finding that is not an artifact. Everything else must be reported, and
nothing unlisted may be. Used by the test suite and by ``bench/fixtures.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .model import Diagnostic


@dataclass(frozen=True)
class Expected:
    rule: str
    find: str
    occurrence: int
    status: str  # "found", "missed" or "false-positive"


def load(sidecar: Path) -> tuple[Path, list[Expected]]:
    """The document a sidecar describes, and its expectations."""
    stem = sidecar.name.removesuffix(".expected.json")
    doc = next(p for p in sidecar.parent.glob(f"{stem}.*") if not p.name.endswith(".json"))
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    return doc, [
        Expected(f["rule"], f["find"], f.get("occurrence", 1), f.get("status", "found"))
        for f in data["findings"]
    ]


def span(text: str, item: Expected) -> tuple[int, int]:
    index = -1
    for _ in range(item.occurrence):
        index = text.find(item.find, index + 1)
        if index < 0:
            raise ValueError(f"{item.find!r} occurrence {item.occurrence} not in the document")
    return index, index + len(item.find)


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    """Does the finding cover [start, end)? A zero-width finding covers the character before."""
    return min(d.start, d.end - 1) < end and max(d.end, d.start + 1) > start


def match(
    text: str, expected: list[Expected], diags: list[Diagnostic]
) -> tuple[list[Expected], list[Expected], list[Diagnostic]]:
    """(expectations met, expectations not met, findings no expectation explains)."""
    met, unmet, used = [], [], set()
    for item in expected:
        start, end = span(text, item)
        hits = [i for i, d in enumerate(diags) if d.rule == item.rule and _overlaps(d, start, end)]
        if hits:
            used.update(hits)
        (met if bool(hits) == (item.status != "missed") else unmet).append(item)
    extra = [d for i, d in enumerate(diags) if i not in used]
    return met, unmet, extra
