"""The reporter interface shared by every output format."""

from __future__ import annotations

from typing import Any, TextIO

from ..registry import Registry
from ..results import DocResult


class Reporter:
    """Receives linted documents one at a time; writes as it goes, closes in ``finish``."""

    def __init__(self, registry: Registry, out: TextIO, **options: Any) -> None:
        self.registry = registry
        self.out = out
        self.options = options

    def add(self, result: DocResult) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Close the output (the default has nothing to close)."""
