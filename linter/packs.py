"""Rule packs as data: the YAML rule kinds (existence, substitution, consistency) and their loader.

Packs are validated strictly against a JSON schema on load; a bad pack is a ``PackError`` that
names the file, the entry and the field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import regex
import yaml

from .document import Document
from .model import Applicability, Category, Edit, Fix, Phase, Severity
from .registry import Hit, Rule, as_examples, validate_rule
from .textutil import delete_lines, literal_alternation, match_case

_INSTALLED = Path(__file__).parent / "_rules"
RULES_DIR = _INSTALLED if _INSTALLED.is_dir() else Path(__file__).parent.parent / "rules"


class PackError(ValueError):
    """A rule pack that cannot be loaded."""


_EXAMPLE = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["text"],
            "properties": {
                "text": {"type": "string"},
                "fixed": {"type": "string"},
                "markdown": {"type": "boolean"},
                "corpus": {"type": "array", "items": {"type": "string"}},
            },
        },
    ]
}
_COMMON = {
    "id": {"type": "string", "pattern": r"^[A-Z]{2}\d{3}$"},
    "name": {"type": "string", "pattern": r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
    "kind": {"enum": ["existence", "substitution", "consistency"]},
    "category": {"enum": [c.value for c in Category]},
    "severity": {"enum": [s.value for s in Severity]},
    "message": {"type": "string", "minLength": 1},
    "rationale": {"type": "string", "minLength": 1},
    "fails": {"type": "array", "minItems": 1, "items": _EXAMPLE},
    "passes": {"type": "array", "minItems": 1, "items": _EXAMPLE},
    "preview": {"type": "boolean"},
    "phase": {"enum": [p.name.lower() for p in Phase]},
    "applicability": {"enum": [a.value for a in Applicability]},
    "ignorecase": {"type": "boolean"},
}
_REQUIRED = [
    "id",
    "name",
    "kind",
    "category",
    "severity",
    "message",
    "rationale",
    "fails",
    "passes",
]
_WORDS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_KINDS = {
    "existence": {
        "tokens": _WORDS,
        "patterns": _WORDS,
        "scope": {"enum": ["text", "line"]},
        "glued": {"type": "boolean"},
        "action": {"enum": ["report", "delete"]},
    },
    "substitution": {
        "swap": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "string"},
        },
        "when": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {"document_mentions": _WORDS, "document_lacks": _WORDS},
        },
    },
    "consistency": {
        "either": {"type": "array", "minItems": 1, "items": {**_WORDS, "minItems": 2}},
    },
}
SCHEMAS = {
    kind: {
        "type": "object",
        "additionalProperties": False,
        "required": _REQUIRED + (["swap"] if kind == "substitution" else []),
        "properties": {**_COMMON, **extra},
        **(
            {"anyOf": [{"required": ["tokens"]}, {"required": ["patterns"]}]}
            if kind == "existence"
            else {}
        ),
    }
    for kind, extra in _KINDS.items()
}


def load_pack(path: Path) -> list[Rule]:
    """Load and validate one YAML rule pack."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from exc
    if not isinstance(data, list):
        raise PackError(f"{path}: a rule pack is a list of rules")
    rules = []
    for index, entry in enumerate(data, 1):
        where = f"{path}: entry {index}"
        if isinstance(entry, dict) and "id" in entry:
            where += f" ({entry['id']})"
        if not isinstance(entry, dict):
            raise PackError(f"{where}: a rule is a mapping")
        if entry.get("kind") not in SCHEMAS:
            raise PackError(f"{where}: field 'kind': must be one of {sorted(SCHEMAS)}")
        error = jsonschema.exceptions.best_match(
            jsonschema.Draft7Validator(SCHEMAS[entry["kind"]]).iter_errors(entry)
        )
        if error is not None:
            field = ".".join(str(p) for p in error.absolute_path) or _field_of(error)
            raise PackError(f"{where}: field '{field}': {error.message}")
        try:
            rule = _build(entry, path)
            validate_rule(rule)
        except (regex.error, ValueError, OSError) as exc:
            raise PackError(f"{where}: {exc}") from exc
        rules.append(rule)
    return rules


def _field_of(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        extra = set(error.instance) - set(error.schema.get("properties", {}))
        return ", ".join(sorted(extra))
    if error.validator == "required":
        return str(error.message.split("'")[1])
    return "(rule)"


def _build(entry: dict[str, Any], path: Path) -> Rule:
    kind = entry["kind"]
    default = {"existence": None, "substitution": "unsafe", "consistency": "unsafe"}[kind]
    if kind == "existence" and entry.get("action") == "delete":
        default = "safe"
    applicability = entry.get("applicability", default)
    fix = Applicability(applicability) if applicability else None
    check = {"existence": _existence, "substitution": _substitution, "consistency": _consistency}[
        kind
    ](entry, fix)
    phase = entry.get("phase") or ("structure" if kind == "existence" else "words")
    return Rule(
        id=entry["id"],
        name=entry["name"],
        category=Category(entry["category"]),
        severity=Severity(entry["severity"]),
        message=entry["message"],
        rationale=" ".join(entry["rationale"].split()),
        check=check,
        fails=as_examples(entry["fails"]),
        passes=as_examples(entry["passes"]),
        fix=fix,
        phase=Phase[phase.upper()],
        preview=entry.get("preview", False),
        origin=str(path.name),
    )


# -- existence ---------------------------------------------------------------------------------
def _existence(entry: dict[str, Any], fix: Applicability | None):
    flags = regex.I if entry.get("ignorecase") else 0
    parts = [regex.escape(t) for t in entry.get("tokens", [])] + [
        f"(?:{p})" for p in entry.get("patterns", [])
    ]
    body = "|".join(sorted(parts, key=len, reverse=True))
    regex.compile(body)  # report a bad pattern with its own error
    if entry.get("scope", "text") == "line":
        space = r"[ \t\u00a0]*"
        pattern = f"^{space}(?P<m>{body}){space}$"
        if entry.get("glued"):
            pattern += (
                rf"|(?<=[.!?:;,”\"’)\]\p{{L}}\p{{N}}])(?P<m>{body}){space}$"
                rf"|^{space}(?P<m>{body})(?=\p{{Lu}})"
            )
        compiled = regex.compile(pattern, flags | regex.M)
    else:
        compiled = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}_])(?P<m>{body})(?![\p{{L}}\p{{N}}_])", flags | regex.M
        )
    return partial(_run_existence, compiled, entry.get("action", "report"), fix)


def _run_existence(
    compiled, action: str, fix: Applicability | None, doc: Document, ctx
) -> Iterator[Hit]:
    for m in compiled.finditer(doc.text):
        start, end = m.span("m")
        edit = None
        if action == "delete" and fix:
            line = doc.line_of(start)
            span = doc.lines[line]
            whole = not (doc.text[span.start : start] + doc.text[end : span.end]).strip(" \t\u00a0")
            edit = delete_lines(doc, line) if whole else _delete_glued(doc, start, end)
        yield Hit(
            start,
            end,
            fix=Fix((edit,), fix, f"Delete '{m.group('m')}'") if edit else None,
        )


def _delete_glued(doc: Document, start: int, end: int) -> Edit:
    while end < len(doc.text) and doc.text[end] in " \t\u00a0":
        end += 1
    return Edit(start, end, "")


# -- substitution --------------------------------------------------------------------------------
def _substitution(entry: dict[str, Any], fix: Applicability | None):
    swap = entry["swap"]
    ignorecase = entry.get("ignorecase", False)
    pattern = literal_alternation(swap, ignorecase)
    lookup = {k.lower(): v for k, v in swap.items()} if ignorecase else swap
    when = entry.get("when", {})
    mentions = (
        literal_alternation(when["document_mentions"]) if "document_mentions" in when else None
    )
    lacks = literal_alternation(when["document_lacks"]) if "document_lacks" in when else None

    def check(doc: Document, ctx) -> Iterator[Hit]:
        if mentions is not None and not mentions.search(doc.text):
            return
        if lacks is not None and lacks.search(doc.text):
            return
        for m in pattern.finditer(doc.text):
            word = m.group()
            replacement = match_case(word, lookup[word.lower() if ignorecase else word])
            yield Hit(
                m.start(),
                m.end(),
                {"replacement": replacement},
                Fix.replace(m.start(), m.end(), replacement, f"Replace with '{replacement}'", fix)
                if fix
                else None,
            )

    return check


# -- consistency ----------------------------------------------------------------------------------
def _consistency(entry: dict[str, Any], fix: Applicability | None):
    ignorecase = entry.get("ignorecase", True)
    groups = [(group, literal_alternation(group, ignorecase)) for group in entry["either"]]

    def check(doc: Document, ctx) -> Iterator[Hit]:
        for group, pattern in groups:
            found = list(pattern.finditer(doc.text))
            key = (lambda s: s.lower()) if ignorecase else (lambda s: s)
            canon = {key(g): g for g in group}
            counts = Counter(canon[key(m.group())] for m in found)
            if len(counts) < 2:
                continue
            majority = max(group, key=lambda g: (counts[g], -group.index(g)))
            for m in found:
                form = canon[key(m.group())]
                if form == majority:
                    continue
                replacement = match_case(m.group(), majority)
                yield Hit(
                    m.start(),
                    m.end(),
                    {"preferred": majority, "count": counts[majority]},
                    Fix.replace(m.start(), m.end(), replacement, f"Use '{majority}'", fix)
                    if fix
                    else None,
                )

    return check


def builtin_packs() -> list[Path]:
    return sorted(RULES_DIR.glob("*.yaml"))
