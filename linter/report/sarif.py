"""SARIF 2.1.0 output, with columns in Unicode code points."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..registry import Registry
from ..results import DocResult

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    base = path.split("#", 1)[0]
    p = Path(base)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def log(results: list[DocResult], registry: Registry) -> dict[str, Any]:
    used = sorted({d.rule for r in results for d in r.diagnostics})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    rules = []
    for rule_id in used:
        rule = registry.get(rule_id)
        rules.append(
            {
                "id": rule_id,
                "name": rule.name if rule else rule_id,
                "shortDescription": {"text": rule.message if rule else rule_id},
                "fullDescription": {"text": rule.rationale if rule else rule_id},
                "help": {"text": rule.rationale if rule else rule_id},
                "defaultConfiguration": {"level": _LEVEL[rule.severity.value] if rule else "warning"},
                "properties": {"category": rule.category.value if rule else ""},
            }
        )
    out = []
    for r in results:
        for d in r.diagnostics:
            line, col = r.doc.position(d.start)
            end_line, end_col = r.doc.position(d.end)
            location = {"uri": _uri(r.path)}
            item: dict[str, Any] = {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": _LEVEL[d.severity.value],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": {
                                "startLine": line,
                                "startColumn": col,
                                "endLine": end_line,
                                "endColumn": end_col,
                                "charOffset": d.start,
                                "charLength": d.end - d.start,
                            },
                        },
                        **({"logicalLocations": [{"name": r.path}]} if "#" in r.path else {}),
                    }
                ],
                "properties": {"category": d.category.value},
            }
            if d.fix is not None:
                item["fixes"] = [
                    {
                        "description": {"text": d.fix.description},
                        "artifactChanges": [
                            {
                                "artifactLocation": location,
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "charOffset": e.start,
                                            "charLength": e.end - e.start,
                                        },
                                        "insertedContent": {"text": e.replacement},
                                    }
                                    for e in d.fix.edits
                                ],
                            }
                        ],
                    }
                ]
                item["properties"]["applicability"] = d.fix.applicability.value
            out.append(item)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtlint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/mtlint/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": out,
            }
        ],
    }


def render(results: list[DocResult], registry: Registry, out: TextIO) -> None:
    json.dump(log(results, registry), out, ensure_ascii=False, indent=2)
    out.write("\n")
