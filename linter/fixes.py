"""Merge and apply fixes: non-overlapping edits, one pass per round, re-lint until stable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Applicability, Diagnostic, Edit, Fix

MAX_ROUNDS = 8


class FixError(RuntimeError):
    """Fixes that keep changing the text: a rule bug, reported with the rules involved."""


@dataclass(frozen=True, slots=True)
class AppliedFix:
    rule: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    applied: tuple[AppliedFix, ...]
    remaining: tuple[Diagnostic, ...]


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None or fix.applicability is Applicability.DISPLAY:
        return False
    return unsafe or fix.applicability is Applicability.SAFE


def select(diags: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """Diagnostics whose fixes can be applied together: sorted by (start, phase, rule),
    an identical edit set once, none overlapping or touching another accepted fix."""
    candidates = sorted(
        (d for d in diags if allowed(d.fix, unsafe)),
        key=lambda d: (d.fix.start, d.phase, d.rule),
    )
    accepted: list[Diagnostic] = []
    taken: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    for d in candidates:
        edits = tuple(sorted(d.fix.edits, key=lambda e: (e.start, e.end)))
        if edits in seen:
            continue
        if _clashes(edits):
            continue
        if any(_touch(e, t) for e in edits for t in taken):
            continue
        seen.add(edits)
        taken.extend(edits)
        accepted.append(d)
    return accepted


def _touch(a: Edit, b: Edit) -> bool:
    return a.start <= b.end and b.start <= a.end


def _clashes(edits: tuple[Edit, ...]) -> bool:
    return any(_touch(a, b) for a, b in zip(edits, edits[1:], strict=False))


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits in one pass."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(text):
            raise ValueError(f"edit {e.start}..{e.end} overlaps or lies outside the text")
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_text(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    unsafe: bool = False,
    max_rounds: int = MAX_ROUNDS,
) -> FixResult:
    """Lint, apply the allowed fixes, and re-lint until nothing more changes."""
    applied: list[AppliedFix] = []
    diags = lint(text)
    for _ in range(max_rounds):
        chosen = select(diags, unsafe)
        if not chosen:
            return FixResult(text, tuple(applied), tuple(diags))
        new = apply(text, [e for d in chosen for e in d.fix.edits])
        applied += [
            AppliedFix(d.rule, d.fix.start, d.fix.end, text[d.fix.start : d.fix.end], _after(d))
            for d in chosen
        ]
        if new == text:
            return FixResult(text, tuple(applied), tuple(diags))
        text = new
        diags = lint(text)
    rules = sorted({d.rule for d in select(diags, unsafe)})
    if not rules:  # stable exactly on the last round
        return FixResult(text, tuple(applied), tuple(diags))
    raise FixError(f"fixes did not converge after {max_rounds} rounds; still changing: {rules}")


def _after(d: Diagnostic) -> str:
    return "".join(e.replacement for e in d.fix.edits)
