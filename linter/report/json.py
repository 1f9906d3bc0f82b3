"""The JSON contract: one object per finding (see docs/output.md)."""

from __future__ import annotations

import json as _json
from typing import Any, TextIO

from ..model import Diagnostic
from ..registry import Registry
from ..results import DocResult
from .base import Reporter


def finding(result: DocResult, d: Diagnostic, registry: Registry) -> dict[str, Any]:
    line, column = result.doc.position(d.start)
    end_line, end_column = result.doc.position(d.end)
    rule = registry.get(d.rule)
    return {
        "path": result.path,
        "rule": d.rule,
        "name": rule.name if rule else d.rule.lower(),
        "category": d.category.value,
        "severity": d.severity.value,
        "message": d.message,
        "span": {
            "start": d.start,
            "end": d.end,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        },
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "description": d.fix.description,
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement} for e in d.fix.edits
            ],
        },
    }


class JsonReporter(Reporter):
    """A JSON array, written element by element, one finding per line."""

    def __init__(self, registry: Registry, out: TextIO, **options: Any) -> None:
        super().__init__(registry, out, **options)
        self.count = 0

    def add(self, result: DocResult) -> None:
        for d in result.diagnostics:
            item = _json.dumps(finding(result, d, self.registry), ensure_ascii=False)
            self.out.write(("[\n  " if not self.count else ",\n  ") + item)
            self.count += 1

    def finish(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")


class JsonLinesReporter(Reporter):
    """The same objects, one per line."""

    def add(self, result: DocResult) -> None:
        for d in result.diagnostics:
            self.out.write(
                _json.dumps(finding(result, d, self.registry), ensure_ascii=False) + "\n"
            )
