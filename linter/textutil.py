"""Small text helpers shared by rules: case matching, literal alternations, line deletion."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .document import Document
from .model import Edit


def match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``source`` (UPPER, Title or as is)."""
    if len(source) > 1 and source.isupper():
        return replacement.upper()
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def literal_alternation(words: Iterable[str], ignorecase: bool = False) -> regex.Pattern[str]:
    """One compiled pattern for many literal phrases, longest first, on word boundaries."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        body = regex.escape(word)
        left = r"(?<![\p{L}\p{N}_])" if regex.match(r"\w", word) else ""
        right = r"(?![\p{L}\p{N}_])" if regex.search(r"\w$", word) else ""
        parts.append(f"{left}{body}{right}")
    return regex.compile("|".join(parts) or r"(?!)", regex.I if ignorecase else 0)


def _blank(doc: Document, index: int) -> bool:
    return not doc.line_text(index).strip()


def delete_lines(doc: Document, first: int, last: int | None = None) -> Edit:
    """An edit deleting lines ``first..last`` (0-based, inclusive) and one blank line they leave."""
    last = first if last is None else last
    lines = doc.lines
    count = len(lines) - (1 if len(lines) > 1 and doc.text.endswith("\n") else 0)
    start = lines[first].start
    end = lines[last].end + 1 if last + 1 < len(lines) else lines[last].end
    has_next = last + 1 < count
    if has_next and _blank(doc, last + 1) and (first == 0 or _blank(doc, first - 1)):
        end = lines[last + 1].end + 1 if last + 2 < len(lines) else lines[last + 1].end
    elif not has_next and first > 0:
        # Last line: take the newline before it (and a blank line above) instead.
        start = lines[first - 1].end
        if first > 1 and _blank(doc, first - 1):
            start = lines[first - 2].end
        end = min(end, len(doc.text)) if last + 1 < count else len(doc.text)
        if doc.text.endswith("\n") and end == len(doc.text):
            end -= 1
    return Edit(start, min(end, len(doc.text)), "")
