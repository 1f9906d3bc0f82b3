"""GitHub Actions workflow commands (``::error file=…::message``)."""

from __future__ import annotations

from ..results import DocResult
from .base import Reporter

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, one per finding."""

    def add(self, result: DocResult) -> None:
        path = result.path.split("#", 1)[0]
        for d in result.diagnostics:
            line, col = result.doc.position(d.start)
            end_line, end_col = result.doc.position(d.end)
            title = _escape(f"mtlint ({d.rule})", True)
            props = (
                f"file={_escape(path, True)},line={line},col={col},"
                f"endLine={end_line},endColumn={end_col},title={title}"
            )
            where = f" [{result.path}]" if "#" in result.path else ""
            text = _escape(f"{d.rule} {d.message}{where}")
            self.out.write(f"::{_LEVEL[d.severity.value]} {props}::{text}\n")
