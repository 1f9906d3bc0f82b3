"""A results cache, like ruff's: each document's findings keyed by its content, its path, the
rule set, the configuration, the corpus statistics and the mtlint version. Workers read it; the
main process writes what they found (SQLite in WAL mode allows both at once)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from . import __version__
from .model import Applicability, Category, Diagnostic, Edit, Fix, Phase, Severity

CACHE_DIR = ".mtlint_cache"
BATCH = 1000  # entries written per transaction


def encode(diags: list[Diagnostic]) -> str:
    return json.dumps(
        [
            [d.rule, d.category.value, d.severity.value, d.start, d.end, d.message, int(d.phase),
             None if d.fix is None else [d.fix.applicability.value, d.fix.description,
                                         [[e.start, e.end, e.replacement] for e in d.fix.edits]]]
            for d in diags
        ],
        ensure_ascii=False,
    )  # fmt: skip


def decode(data: str) -> list[Diagnostic]:
    out = []
    for rule, category, severity, start, end, message, phase, fix in json.loads(data):
        out.append(
            Diagnostic(
                rule,
                Category(category),
                Severity(severity),
                start,
                end,
                message,
                None
                if fix is None
                else Fix(tuple(Edit(*e) for e in fix[2]), Applicability(fix[0]), fix[1]),
                Phase(phase),
            )  # fmt: skip
        )
    return out


def salt(*parts: Any) -> str:
    """A digest of everything besides the document that the findings depend on."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    for part in parts:
        h.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Cache:
    """Findings by key in ``folder/cache.sqlite``; opened lazily in each process."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.path = folder / "cache.sqlite"
        self.salt = salt
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._pending: list[tuple[str, str]] = []
        self._connect()  # create the database here, before workers start reading it

    def key(self, path: str, markdown: bool, whole_file: bool, text: str) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.salt}\0{path}\0{markdown:d}{whole_file:d}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # a lost entry is only a cache miss
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, data TEXT)"
            )
            self._pid = os.getpid()
        return self._db

    def get(self, key: str) -> list[Diagnostic] | None:
        """The cached findings, or None (also when the database is busy: a cache miss)."""
        try:
            db = self._connect()
            row = db.execute("SELECT data FROM findings WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else decode(row[0])

    def put(self, entries: list[tuple[str, str]]) -> None:
        """Store (key, encoded findings) pairs, written in batches (one transaction each)."""
        self._pending += entries
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending entries; a busy database only costs the caching."""
        entries, self._pending = self._pending, []
        if entries:
            try:
                with self._connect() as db:
                    db.executemany("INSERT OR REPLACE INTO findings VALUES (?, ?)", entries)
            except sqlite3.OperationalError:
                pass

    def __getstate__(self) -> dict:
        return {"path": self.path, "salt": self.salt, "_db": None, "_pid": 0, "_pending": []}
