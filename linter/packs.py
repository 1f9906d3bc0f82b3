"""Rule packs as data: the YAML rule kinds (existence, substitution, consistency) and their loader.

Packs are validated strictly against a JSON schema on load; a bad pack is a ``PackError`` that
names the file, the entry and the field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import regex
import yaml

from .document import Document
from .memo import by_text
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


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """A YAML file's data, parsed safely (with libyaml when PyYAML has it: several times
    faster than the pure-Python parser)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)


def load_pack(path: Path) -> list[Rule]:
    """Load and validate one YAML rule pack."""
    try:
        data = load_yaml(path)
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
_BLANKS = " \t\u00a0"
_SPACE = r"[ \t\u00a0]*"
_GLUED_AFTER = r"(?<=[.!?:;,”\"’)\]\p{L}\p{N}])"


class _LineMatch(NamedTuple):
    """A match in one line: offsets relative to the line, and whether it is the whole line."""

    start: int
    end: int
    text: str
    whole: bool


def _existence(entry: dict[str, Any], fix: Applicability | None):
    """Text scope matches the phrases between word boundaries anywhere in the document.

    Line scope matches a phrase that is a whole line or, with ``glued``, ends a line after a
    sentence or starts a line before a capital. A line-scope pattern sees one line at a time.
    """
    flags = regex.I if entry.get("ignorecase") else 0
    parts = [regex.escape(t) for t in entry.get("tokens", [])] + [
        f"(?:{p})" for p in entry.get("patterns", [])
    ]
    body = "|".join(sorted(parts, key=len, reverse=True))
    regex.compile(body)  # report a bad pattern with its own error
    action = entry.get("action", "report")
    if entry.get("scope", "text") == "line":
        return partial(_run_line_existence, LineScanner(entry, body, flags), action, fix)
    compiled = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}_])(?P<m>{body})(?![\p{{L}}\p{{N}}_])", flags | regex.M
    )
    return partial(_run_existence, compiled, action, fix)


class LineScanner:
    """The matches of a line-scope existence rule in a line, memoised per line text.

    Lines repeat across a corpus (page chrome, syndicated copy), so each distinct line is matched
    once (``by_text`` bounds what is kept). A match either
    starts the line (the whole line, or chrome glued before a capital) or ends it (chrome glued
    after a sentence): the first is tried once, at the start of the line, and the second is
    searched for, after the first, only in a line that can end with chrome (``may_end``).
    """

    def __init__(self, entry: dict[str, Any], body: str, flags: int) -> None:
        head = f"^{_SPACE}(?P<m>{body}){_SPACE}$"
        self.tail = None
        self.ends: tuple[str, ...] | None = None
        self.rest = None
        if entry.get("glued"):
            head += rf"|^{_SPACE}(?P<m>{body})(?=\p{{Lu}})"
            self.tail = regex.compile(rf"{_GLUED_AFTER}(?P<m>{body}){_SPACE}$", flags | regex.M)
            tokens = entry.get("tokens", [])
            if tokens and not flags & regex.I:
                # a phrase ends a line only if the line ends with it: str.endswith tells that
                # without a regex, and only the patterns are left to search for
                self.ends = tuple(t.rstrip(_BLANKS) for t in tokens)
                patterns = "|".join(f"(?:{p})" for p in entry.get("patterns", []))
                if patterns:
                    self.rest = regex.compile(
                        rf"{_GLUED_AFTER}(?:{patterns}){_SPACE}$", flags | regex.M
                    )
        self.head = regex.compile(head, flags | regex.M)
        self.memo = by_text(self.scan)

    def __call__(self, line: str) -> tuple[_LineMatch, ...]:
        return self.memo(line)

    def scan(self, line: str) -> tuple[_LineMatch, ...]:
        """The matches in ``line``, as ``finditer`` of the whole pattern finds them."""
        first = self.head.match(line)
        found = [first] if first else []
        if self.tail is not None and self.may_end(line):
            last = self.tail.search(line, first.end() if first else 0)
            if last:
                found.append(last)
        return tuple(_line_match(line, m) for m in found)

    def may_end(self, line: str) -> bool:
        """A cheap test passed by every line that glued chrome ends."""
        if self.ends is None:
            return True
        if line.rstrip(_BLANKS).endswith(self.ends):
            return True
        return self.rest is not None and self.rest.search(line) is not None


def _line_match(line: str, m: regex.Match[str]) -> _LineMatch:
    start, end = m.span("m")
    whole = not (line[:start] + line[end:]).strip(_BLANKS)
    return _LineMatch(start, end, m.group("m"), whole)


def _line_texts(doc: Document) -> list[str]:
    """The lines of the document (shared by the line-scope rules)."""
    return doc.text.split("\n")


def _run_line_existence(
    scan: LineScanner, action: str, fix: Applicability | None, doc: Document, ctx
) -> Iterator[Hit]:
    matches = map(scan.memo, doc.cached("packs.lines", _line_texts))
    for index, found in filter(itemgetter(1), enumerate(matches)):
        offset = doc.line_starts[index]
        for match in found:
            start, end = offset + match.start, offset + match.end
            edit = None
            if action == "delete" and fix:
                edit = delete_lines(doc, index) if match.whole else _delete_glued(doc, start, end)
            yield Hit(start, end, fix=Fix((edit,), fix, f"Delete '{match.text}'") if edit else None)


def _run_existence(
    compiled, action: str, fix: Applicability | None, doc: Document, ctx
) -> Iterator[Hit]:
    for m in compiled.finditer(doc.text):
        start, end = m.span("m")
        edit = None
        if action == "delete" and fix:
            line = doc.line_of(start)
            span = doc.lines[line]
            whole = not (doc.text[span.start : start] + doc.text[end : span.end]).strip(_BLANKS)
            edit = delete_lines(doc, line) if whole else _delete_glued(doc, start, end)
        yield Hit(
            start,
            end,
            fix=Fix((edit,), fix, f"Delete '{m.group('m')}'") if edit else None,
        )


def _delete_glued(doc: Document, start: int, end: int) -> Edit:
    while end < len(doc.text) and doc.text[end] in _BLANKS:
        end += 1
    return Edit(start, end, "")


# -- presence of literal words -------------------------------------------------------------------
# The only characters outside ASCII that a case-insensitive pattern matches to an ASCII letter
# ('İ' to 'i', 'ı' to 'I', 'ſ' to 's' or 'S'; the Kelvin sign lowercases to 'k' by itself).
_FOLDS = (("İ", "i"), ("ı", "i"), ("ſ", "s"))


def _folded(doc: Document) -> str:
    """The text in lower case, with every case-insensitive match of an ASCII word a substring."""
    text = doc.text
    for char, ascii_char in _FOLDS:
        text = text.replace(char, ascii_char)
    return text.lower()


class Words:
    """Literal words, with a cheap test of which of them can occur in a document.

    A pattern of the words can only match where a word is a substring of the text (of the folded
    text, when case is ignored), so a rule can skip a document in which none occurs. A word that
    is not ASCII may match text that lowercases differently; when case is ignored, it is counted
    as occurring.
    """

    def __init__(self, words: list[str], ignorecase: bool) -> None:
        self.ignorecase = ignorecase
        tested = [w for w in words if w.isascii()] if ignorecase else list(words)
        self.words = [w.lower() for w in tested] if ignorecase else tested
        self.untested = len(words) - len(tested)

    def _text(self, doc: Document) -> str:
        return doc.cached("packs.folded", _folded) if self.ignorecase else doc.text

    def any(self, doc: Document) -> bool:
        """Can any of the words occur in the document?"""
        if self.untested:
            return True
        text = self._text(doc)
        return any(word in text for word in self.words)

    def count(self, doc: Document) -> int:
        """How many of the words can occur in the document?"""
        text = self._text(doc)
        return self.untested + sum(word in text for word in self.words)


# -- substitution --------------------------------------------------------------------------------
def _substitution(entry: dict[str, Any], fix: Applicability | None):
    swap = entry["swap"]
    ignorecase = entry.get("ignorecase", False)
    keys = Words(list(swap), ignorecase)
    pattern = literal_alternation(swap, ignorecase)
    lookup = {k.lower(): v for k, v in swap.items()} if ignorecase else swap
    when = entry.get("when", {})
    mentions = (
        literal_alternation(when["document_mentions"]) if "document_mentions" in when else None
    )
    lacks = literal_alternation(when["document_lacks"]) if "document_lacks" in when else None

    def check(doc: Document, ctx) -> Iterator[Hit]:
        if not keys.any(doc):
            return
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
    groups = [
        (group, Words(group, ignorecase), literal_alternation(group, ignorecase))
        for group in entry["either"]
    ]

    def check(doc: Document, ctx) -> Iterator[Hit]:
        for group, words, pattern in groups:
            if words.count(doc) < 2:
                continue  # fewer than two forms: nothing is inconsistent
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
