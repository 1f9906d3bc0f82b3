"""Pass 2: run the selected rules on a document, then apply suppressions and fix safety."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from .document import Document, Span, SpanIndex
from .model import Applicability, Diagnostic, Phase
from .registry import Rule

if TYPE_CHECKING:
    from .config import Config
    from .corpus import CorpusStats

_SUPPRESS = regex.compile(r"<!--\s*mtlint-(disable-next-line|disable|enable)\b([^>]*?)-->", regex.I)


class RuleError(RuntimeError):
    """A rule raised on a document: a bug, reported with the rule and document."""


@dataclass
class Context:
    """What a rule may consult besides the document: configuration and corpus statistics."""

    config: Config
    corpus: CorpusStats | None = None
    memo: dict[str, Any] = field(default_factory=dict)


def lint(doc: Document, rules: list[Rule], ctx: Context) -> list[Diagnostic]:
    """All findings of ``rules`` on ``doc``, sorted, suppressions applied."""
    out: list[Diagnostic] = []
    deferred: list[Diagnostic] = []
    per_file = ctx.config.ignored_for(doc.path) if ctx.config else frozenset()
    for rule in rules:
        if per_file and selected_by(rule, per_file):
            continue
        try:
            hits = list(rule.check(doc, ctx))
        except Exception as exc:  # a rule bug: name the rule and the document
            raise RuleError(f"rule {rule.id} failed on {doc.path}: {exc!r}") from exc
        for hit in hits:
            if doc.ignored and doc.ignored.overlaps(hit.start, hit.end):
                continue
            if (
                not rule.on_markup
                and doc.markup
                and doc.markup.containing(hit.start, max(hit.end, hit.start + 1))
            ):
                continue  # inside HTML left in the text, which BP011 reports
            fix = hit.fix
            if fix is not None:
                fix = _protect(doc, rule, fix)
            (deferred if rule.defers or rule.yields_to else out).append(
                Diagnostic(
                    rule=rule.id,
                    category=hit.category or rule.category,
                    severity=hit.severity or rule.severity,
                    start=hit.start,
                    end=hit.end,
                    message=rule.format(hit, doc),
                    fix=fix,
                    phase=rule.phase,
                )
            )
    if deferred:
        out += _undeferred(deferred, out, {r.id: r for r in rules})
    if doc.markdown and "mtlint-" in doc.text:
        out = _apply_suppressions(doc, out)
    out.sort(key=lambda d: (d.start, d.end, d.rule))
    return out


def _undeferred(
    deferred: list[Diagnostic], out: list[Diagnostic], rules: dict[str, Rule]
) -> list[Diagnostic]:
    """The deferred findings that no finding they give way to overlaps."""
    taken: dict[frozenset[str] | None, SpanIndex] = {}
    kept = []
    for d in deferred:
        rule = rules[d.rule]
        key = None if rule.defers else rule.yields_to
        if key not in taken:
            winners = [o for o in out if key is None or o.rule in key]
            taken[key] = SpanIndex([Span(o.start, max(o.end, o.start + 1)) for o in winners])
        if not taken[key].overlaps(d.start, max(d.end, d.start + 1)):
            kept.append(d)
    return kept


def selected_by(rule: Rule, selectors: frozenset[str]) -> bool:
    """Is ``rule`` named by any selector (an id, id prefix, category or ALL)?"""
    return any(
        s.upper() == "ALL" or rule.id.startswith(s.upper()) or rule.category.value == s.lower()
        for s in selectors
    )


def _protect(doc: Document, rule: Rule, fix):
    """Downgrade a fix inside a quotation (at most UNSAFE) or a URL (DISPLAY); a fix to HTML
    left in the text may take the URLs of its attributes with it."""
    start, end = fix.start, fix.end
    if doc.urls and not rule.on_markup and doc.urls.overlaps(start, end):
        return fix.with_applicability(Applicability.DISPLAY)
    if (
        fix.applicability is Applicability.SAFE
        and rule.phase not in (Phase.ENCODING, Phase.SPACING)
        and doc.quotations
        and doc.quotations.containing(start, end)
    ):
        return fix.with_applicability(Applicability.UNSAFE)
    return fix


def _apply_suppressions(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Honour ``<!-- mtlint-disable ID -->``, ``-enable`` and ``-disable-next-line`` comments."""
    regions: list[tuple[int, int, frozenset[str]]] = []  # (start, end, selectors; empty = all)
    open_: dict[frozenset[str], int] = {}
    for m in _SUPPRESS.finditer(doc.text):
        action, ids = m.group(1).lower(), frozenset(regex.findall(r"[\w-]+", m.group(2).upper()))
        if action == "disable-next-line":
            line = doc.line_of(m.end()) + 1
            if line < len(doc.lines):
                span = doc.lines[line]
                regions.append((span.start, span.end + 1, ids))
        elif action == "disable":
            open_.setdefault(ids, m.end())
        else:
            for key in [k for k in open_ if not ids or k == ids or k <= ids]:
                regions.append((open_.pop(key), m.start(), key))
    regions += [(start, len(doc.text) + 1, ids) for ids, start in open_.items()]

    def suppressed(d: Diagnostic) -> bool:
        return any(
            s <= d.start < e
            and (not ids or any(d.rule.startswith(i) or d.category.value.upper() == i for i in ids))
            for s, e, ids in regions
        )

    return [d for d in diags if not suppressed(d)]
