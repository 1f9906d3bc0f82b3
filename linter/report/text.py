"""Human-readable output in ruff's style: location, rule, message, the source line and a caret."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ..fixes import allowed
from ..registry import Registry
from ..results import DocResult

WINDOW = 100  # characters of a long line shown around the finding
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _console(out: TextIO, color: bool | None) -> Console:
    return Console(
        file=out,
        highlight=False,
        soft_wrap=True,
        force_terminal=color,
        no_color=color is False,
        emoji=False,
    )


def _excerpt(result: DocResult, start: int, end: int) -> tuple[int, str, int, int]:
    """(line number, shown text, caret column, caret width) for a finding, windowed."""
    doc = result.doc
    index = doc.line_of(start)
    span = doc.lines[index]
    line = doc.text[span.start : span.end]
    col = start - span.start
    width = max(1, min(end, span.end) - start)
    left = 0
    if len(line) > WINDOW:
        left = max(0, min(col - WINDOW // 3, len(line) - WINDOW))
        shown = ("…" if left else "") + line[left : left + WINDOW] + ("…" if left + WINDOW < len(line) else "")
        col = col - left + (1 if left else 0)
        width = min(width, WINDOW - (col - 1))
    else:
        shown = line
    shown = "".join(c if c.isprintable() else "␣" if c in "\u00a0\u202f" else "·" for c in shown)
    return index + 1, shown, col, max(1, width)


def render(
    results: list[DocResult],
    registry: Registry,
    out: TextIO,
    *,
    color: bool | None = None,
    show_source: bool = True,
    unsafe: bool = False,
) -> None:
    console = _console(out, color)
    for result in results:
        for d in result.diagnostics:
            line, col = result.doc.position(d.start)
            mark = " [*]" if allowed(d.fix, True) and (unsafe or allowed(d.fix, False)) else ""
            console.print(
                f"[bold]{escape(result.path)}[/]:{line}:{col}: "
                f"[{_STYLE[d.severity.value]}]{d.rule}[/]{mark} "
                f"[dim]\\[{d.category.value}][/] {escape(d.message)}"
            )
            if show_source:
                number, shown, caret, width = _excerpt(result, d.start, d.end)
                gutter = " " * len(str(number))
                console.print(f"[blue]{gutter} |[/]")
                console.print(f"[blue]{number} |[/] {escape(shown)}")
                console.print(f"[blue]{gutter} |[/] {' ' * (caret - 1)}[red]{'^' * width}[/]")
                console.print()


def summary(
    results: list[DocResult],
    out: TextIO,
    *,
    fixing: bool,
    unsafe: bool,
    color: bool | None = None,
) -> None:
    """ruff's closing lines: how many findings, how many fixed or fixable."""
    console = _console(out, color)
    remaining = [d for r in results for d in r.diagnostics]
    fixed = sum(len(r.applied) for r in results)
    if fixing:
        if not remaining and not fixed:
            console.print("All checks passed!")
            return
        console.print(f"Found {len(remaining) + fixed} findings ({fixed} fixed, {len(remaining)} remaining).")
    elif not remaining:
        console.print("All checks passed!")
        return
    else:
        console.print(f"Found {len(remaining)} findings.")
    safe = sum(allowed(d.fix, False) for d in remaining)
    more = sum(allowed(d.fix, True) for d in remaining) - safe
    if safe:
        console.print(f"[*] {safe} fixable with the `--fix` option.")
    if more and not unsafe:
        console.print(f"{more} hidden fixes can be enabled with the `--unsafe-fixes` option.")
    elif more and unsafe:
        console.print(f"[*] {more} more fixable with `--fix --unsafe-fixes`.")


def statistics(results: list[DocResult], registry: Registry, out: TextIO) -> None:
    counts = Counter(d.rule for r in results for d in r.diagnostics)
    fixable = {d.rule for r in results for d in r.diagnostics if allowed(d.fix, True)}
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = registry.get(rule_id)
        name = rule.name if rule else ""
        out.write(f"{n:6d}\t{rule_id}\t{'[*]' if rule_id in fixable else '   '} {name}\n")
