"""The JSON contract: one object per finding (see docs/output.md)."""

from __future__ import annotations

import json as _json
from typing import Any, TextIO

from ..model import Diagnostic
from ..registry import Registry
from ..results import DocResult


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


def findings(results: list[DocResult], registry: Registry) -> list[dict[str, Any]]:
    return [finding(r, d, registry) for r in results for d in r.diagnostics]


def render(results: list[DocResult], registry: Registry, out: TextIO) -> None:
    _json.dump(findings(results, registry), out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_lines(results: list[DocResult], registry: Registry, out: TextIO) -> None:
    for item in findings(results, registry):
        out.write(_json.dumps(item, ensure_ascii=False) + "\n")
