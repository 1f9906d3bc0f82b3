"""The result of linting one document, as the reporters see it."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .fixes import AppliedFix
from .model import Diagnostic


@dataclass
class DocResult:
    """A document after linting (and fixing): ``doc`` holds the final text, ``diagnostics`` the
    findings that remain in it, ``applied`` the fixes that were applied."""

    path: str
    doc: Document
    diagnostics: list[Diagnostic]
    applied: tuple[AppliedFix, ...] = ()
    original: str | None = None  # the text before fixes, when fixing
    safe_text: str | None = None  # the text after the safe fixes alone, when fixing
