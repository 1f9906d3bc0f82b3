"""Rules: the ``@rule`` decorator for Python checks, the registry, and rule selection."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Applicability, Category, Fix, Phase, Severity

if TYPE_CHECKING:
    from .document import Document
    from .engine import Context

CORPUS_PARTS = ("lines", "vocabulary", "names", "sketches")
RULE_ID = re.compile(r"^[A-Z]{2}\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: a span, the message arguments, and maybe a fix."""

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    message: str | None = None
    severity: Severity | None = None
    category: Category | None = None  # overrides the rule's (e.g. a LanguageTool spelling match)


@dataclass(frozen=True, slots=True)
class Example:
    """A rule example: ``text`` may mark expected spans with ⟦…⟧; ``fixed`` is the fixed text."""

    text: str
    fixed: str | None = None
    markdown: bool = False
    corpus: tuple[str, ...] = ()

    @property
    def plain(self) -> str:
        return self.text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")

    @property
    def marked(self) -> list[tuple[int, int]]:
        """The ⟦…⟧ spans, as offsets into ``plain``."""
        spans, offset = [], 0
        for m in re.finditer(f"{MARK_OPEN}(.*?){MARK_CLOSE}", self.text, re.S):
            start = m.start() - offset
            spans.append((start, start + len(m.group(1))))
            offset += 2
        return spans


Check = Callable[["Document", "Context"], Iterable[Hit]]


@dataclass(slots=True)
class Rule:
    """One rule and everything said about it: docs, examples and tests come from here."""

    id: str
    name: str
    category: Category
    severity: Severity
    message: str
    rationale: str
    check: Check
    fails: tuple[Example, ...]
    passes: tuple[Example, ...]
    fix: Applicability | None = None
    phase: Phase = Phase.WORDS
    preview: bool = False
    origin: str = ""
    corpus: frozenset[str] = frozenset()  # the corpus statistics it reads (see CorpusStats)
    defers: bool = False  # its findings give way to any other rule's on an overlapping span
    yields_to: frozenset[str] = frozenset()  # ...or only to these rules' findings
    backend: str | None = None  # a service the check needs ("languagetool"); silent without it
    on_markup: bool = False  # reports HTML left in the text (other rules' findings there drop)

    def format(self, hit: Hit, doc: Document) -> str:
        if hit.message is not None:
            return hit.message
        return self.message.format(match=doc.text[hit.start : hit.end], **hit.args)


def as_examples(items: Iterable[Any]) -> tuple[Example, ...]:
    """Examples from strings, (text, fixed) pairs or mappings."""
    out = []
    for item in items:
        if isinstance(item, Example):
            out.append(item)
        elif isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, tuple):
            out.append(Example(*item))
        else:
            out.append(
                Example(
                    item["text"],
                    item.get("fixed"),
                    bool(item.get("markdown", False)),
                    tuple(item.get("corpus", ())),
                )
            )
    return tuple(out)


def validate_rule(rule: Rule) -> None:
    """Raise ValueError when a rule's metadata is incomplete or malformed."""
    problems = []
    if not RULE_ID.match(rule.id):
        problems.append(f"id {rule.id!r} is not two capitals and three digits")
    elif rule.id[:2] != rule.category.prefix:
        problems.append(f"id prefix {rule.id[:2]} does not match category {rule.category.value}")
    if not RULE_NAME.match(rule.name):
        problems.append(f"name {rule.name!r} is not kebab-case")
    if not rule.message.strip() or not rule.rationale.strip():
        problems.append("message and rationale are required")
    if not rule.fails or not rule.passes:
        problems.append("at least one 'fails' and one 'passes' example are required")
    if problems:
        raise ValueError(f"rule {rule.id} ({rule.origin}): " + "; ".join(problems))


BUILTIN: list[Rule] = []


def rule(
    *,
    id: str,
    name: str,
    category: str,
    severity: str,
    message: str,
    rationale: str,
    fails: Iterable[Any],
    passes: Iterable[Any],
    fix: str | None = None,
    phase: str = "words",
    preview: bool = False,
    corpus: bool | Iterable[str] = (),
    defers: bool = False,
    yields_to: Iterable[str] = (),
    backend: str | None = None,
    on_markup: bool = False,
) -> Callable[[Check], Check]:
    """Register a Python check as a rule (the function yields ``Hit``s)."""

    def register(func: Check) -> Check:
        r = Rule(
            id=id,
            name=name,
            category=Category(category),
            severity=Severity(severity),
            message=message,
            rationale=" ".join(rationale.split()),
            check=func,
            fails=as_examples(fails),
            passes=as_examples(passes),
            fix=Applicability(fix) if fix else None,
            phase=Phase[phase.upper()],
            preview=preview,
            origin=f"{func.__module__}.{func.__name__}",
            corpus=frozenset(CORPUS_PARTS if corpus is True else corpus or ()),
            defers=defers,
            yields_to=frozenset(yields_to),
            backend=backend,
            on_markup=on_markup,
        )
        validate_rule(r)
        BUILTIN.append(r)
        return func

    return register


class Registry:
    """All known rules by id, with selection by id, id prefix or category name."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: dict[str, Rule] = {}
        for r in rules:
            if r.id in self.rules:
                raise ValueError(
                    f"duplicate rule id {r.id}: {self.rules[r.id].origin} and {r.origin}"
                )
            self.rules[r.id] = r

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id.upper())

    def matching(self, selector: str) -> list[Rule]:
        """Rules named by ``ALL``, an id, an id prefix (``SP``, ``SP1``) or a category."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return list(self)
        if sel.lower() in Category._value2member_map_:
            return [r for r in self if r.category.value == sel.lower()]
        return [r for r in self if r.id.startswith(sel.upper())]

    def select(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        preview: bool = False,
    ) -> list[Rule]:
        """Resolve selectors as ruff does; unknown selectors raise ValueError."""
        chosen: dict[str, Rule] = {}
        base = list(select) if select is not None else None
        if base is None:
            chosen = {r.id: r for r in self if preview or not r.preview}
        for sel in (base or []) + list(extend_select):
            found = self._resolve(sel)
            exact = sel.strip().upper() in self.rules
            chosen.update({r.id: r for r in found if preview or exact or not r.preview})
        for sel in ignore:
            for r in self._resolve(sel):
                chosen.pop(r.id, None)
        return sorted(chosen.values(), key=lambda r: r.id)

    def _resolve(self, selector: str) -> list[Rule]:
        found = self.matching(selector)
        if not found:
            raise ValueError(f"unknown rule selector {selector!r}")
        return found
