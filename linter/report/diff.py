"""Unified diffs of what ``--fix`` would write, one per file, with ``a/`` and ``b/`` prefixes off
so that ``patch -p0`` and ``git apply -p0`` take them."""

from __future__ import annotations

import difflib


def unified(path: str, before: str, after: str) -> str:
    """A unified diff of one file; the texts are compared as the bytes on disk decode."""
    a, b = _lines(before), _lines(after)
    lines = []
    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def _lines(text: str) -> list[str]:
    """Lines split on LF only, as patch sees them (not on the other breaks splitlines knows)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
