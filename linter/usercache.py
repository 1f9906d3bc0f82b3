"""Data kept in the user's cache folder: built once, then read back with marshal (several times
faster than building it again)."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def folder() -> Path:
    """mtlint's folder in the user's cache ($XDG_CACHE_HOME or ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtlint"


def kept(cache: Path, valid: Callable[[Any], bool], build: Callable[[], Any]) -> Any:
    """The data in ``cache`` when it reads back and is ``valid``; otherwise built, and kept
    there for next time (written atomically; without a writable folder it is built each time)."""
    try:
        data = marshal.loads(cache.read_bytes())
        if valid(data):
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, cache)
    except OSError:
        pass  # no writable cache folder: build again next time
    return data
