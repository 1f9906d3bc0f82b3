"""SARIF 2.1.0 output, with columns in Unicode code points."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Diagnostic
from ..registry import Registry
from ..results import DocResult
from .base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path.split("#", 1)[0])
    return p.as_uri() if p.is_absolute() else p.as_posix()


def _result(r: DocResult, d: Diagnostic) -> dict[str, Any]:
    line, col = r.doc.position(d.start)
    end_line, end_col = r.doc.position(d.end)
    location = {"uri": _uri(r.path)}
    region = {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": d.start,
        "charLength": d.end - d.start,
    }
    where: dict[str, Any] = {"physicalLocation": {"artifactLocation": location, "region": region}}
    if "#" in r.path:
        where["logicalLocations"] = [{"name": r.path}]
    item: dict[str, Any] = {
        "ruleId": d.rule,
        "level": _LEVEL[d.severity.value],
        "message": {"text": d.message},
        "locations": [where],
        "properties": {"category": d.category.value},
    }
    if d.fix is not None:
        replacements = [
            {
                "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                "insertedContent": {"text": e.replacement},
            }
            for e in d.fix.edits
        ]
        item["fixes"] = [
            {
                "description": {"text": d.fix.description},
                "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
            }
        ]
        item["properties"]["applicability"] = d.fix.applicability.value
    return item


def _rule(registry: Registry, rule_id: str) -> dict[str, Any]:
    rule = registry.get(rule_id)
    if rule is None:
        return {"id": rule_id}
    return {
        "id": rule_id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.rationale},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {"category": rule.category.value},
    }


class SarifReporter(Reporter):
    """One SARIF log, written when the run finishes."""

    def __init__(self, registry: Registry, out, **options: Any) -> None:
        super().__init__(registry, out, **options)
        self.results: list[dict[str, Any]] = []

    def add(self, result: DocResult) -> None:
        self.results += [_result(result, d) for d in result.diagnostics]

    def log(self) -> dict[str, Any]:
        used = sorted({item["ruleId"] for item in self.results})
        index = {rule_id: i for i, rule_id in enumerate(used)}
        for item in self.results:
            item["ruleIndex"] = index[item["ruleId"]]
        driver = {
            "name": "mtlint",
            "version": __version__,
            "informationUri": "https://pypi.org/project/mtlint/",
            "rules": [_rule(self.registry, rule_id) for rule_id in used],
        }
        return {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }

    def finish(self) -> None:
        json.dump(self.log(), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
