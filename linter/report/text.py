"""Human-readable output in ruff's style: location, rule, message, the source line and a caret."""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape

from ..fixes import allowed
from ..model import Diagnostic
from ..registry import Registry
from ..results import DocResult
from .base import Reporter

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
        shown = (
            ("…" if left else "")
            + line[left : left + WINDOW]
            + ("…" if left + WINDOW < len(line) else "")
        )
        col = col - left + (1 if left else 0)
        width = min(width, WINDOW - (col - 1))
    else:
        shown = line
    shown = "".join(c if c.isprintable() else "␣" if c in "\u00a0\u202f" else "·" for c in shown)
    return index + 1, shown, col, max(1, width)


class TextReporter(Reporter):
    """ruff's layout; options: color, show_source, unsafe, fixing, summary, statistics."""

    def __init__(self, registry: Registry, out: TextIO, **options: Any) -> None:
        super().__init__(registry, out, **options)
        self.console = _console(out, options.get("color"))
        self.counts: Counter[str] = Counter()
        self.fixable: set[str] = set()
        self.safe = self.unsafe_only = self.fixed = 0

    def add(self, result: DocResult) -> None:
        unsafe = self.options.get("unsafe", False)
        self.fixed += len(result.applied)
        for d in result.diagnostics:
            self.counts[d.rule] += 1
            safe_fix, any_fix = allowed(d.fix, False), allowed(d.fix, True)
            self.safe += safe_fix
            self.unsafe_only += any_fix and not safe_fix
            if any_fix:
                self.fixable.add(d.rule)
            if self.options.get("statistics") and self.options.get("quiet"):
                continue
            self._print(result, d, " [*]" if safe_fix or (unsafe and any_fix) else "")

    def _print(self, result: DocResult, d: Diagnostic, mark: str) -> None:
        line, col = result.doc.position(d.start)
        self.console.print(
            f"[bold]{escape(result.path)}[/]:{line}:{col}: "
            f"[{_STYLE[d.severity.value]}]{d.rule}[/]{mark} "
            f"[dim]\\[{d.category.value}][/] {escape(d.message)}"
        )
        if self.options.get("show_source", True):
            number, shown, caret, width = _excerpt(result, d.start, d.end)
            gutter = " " * len(str(number))
            self.console.print(f"[blue]{gutter} |[/]")
            self.console.print(f"[blue]{number} |[/] {escape(shown)}")
            self.console.print(f"[blue]{gutter} |[/] {' ' * (caret - 1)}[red]{'^' * width}[/]")
            self.console.print()

    def finish(self) -> None:
        if self.options.get("statistics"):
            self.print_statistics()
        if self.options.get("summary", True):
            self.print_summary()

    def print_statistics(self) -> None:
        for rule_id, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = self.registry.get(rule_id)
            mark = "[*]" if rule_id in self.fixable else "   "
            self.out.write(f"{n:6d}\t{rule_id}\t{mark} {rule.name if rule else ''}\n")

    def print_summary(self) -> None:
        """ruff's closing lines: how many findings, how many fixed or fixable."""
        remaining = sum(self.counts.values())
        if not remaining and not self.fixed:
            self.console.print("All checks passed!")
            return
        if self.options.get("fixing"):
            total = remaining + self.fixed
            self.console.print(
                f"Found {total} findings ({self.fixed} fixed, {remaining} remaining)."
            )
        else:
            self.console.print(f"Found {remaining} findings.")
        if self.safe:
            self.console.print(f"[*] {self.safe} fixable with the `--fix` option.")
        if self.unsafe_only and not self.options.get("unsafe"):
            self.console.print(
                f"{self.unsafe_only} hidden fixes can be enabled with the `--unsafe-fixes` option."
            )
        elif self.unsafe_only:
            self.console.print(f"[*] {self.unsafe_only} more fixable with `--fix --unsafe-fixes`.")
