"""What a ``check`` run does with each linted task as it arrives: report it, write its fixes
(JSONL files are rewritten as a stream), collect diffs and baseline entries."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .cache import Cache
from .report import Reporter
from .report.diff import unified
from .runner import Baseline, FileResult
from .sources import write_atomic


@dataclass
class _JsonlFile:
    """A JSONL file being rewritten: new lines go to a temporary file beside it."""

    path: Path
    before: list[str] = field(default_factory=list)
    safe: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    handle: TextIO | None = None
    tmp: str | None = None
    changed: bool = False
    written: int = 0


@dataclass
class Session:
    """The sink of a check run."""

    reporter: Reporter | None
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    stdout: TextIO = sys.stdout
    baseline: dict | None = None  # when writing a baseline: its entries by fingerprint
    cache: Cache | None = None
    io_error: bool = False
    findings: int = 0
    changed: bool = False
    _jsonl: dict[str, _JsonlFile] = field(default_factory=dict)

    def take(self, result: FileResult) -> None:
        if self.cache is not None:
            self.cache.put(result.cached)
        for warning in result.warnings:
            print(f"mtlint: warning: {warning}", file=sys.stderr)
        self.io_error |= result.failed
        for doc in result.docs:
            self.findings += len(doc.diagnostics)
            if self.reporter is not None:
                self.reporter.add(doc)
        if self.baseline is not None:
            for entry in Baseline.entries([result]):
                known = self.baseline.setdefault(entry["fingerprint"], {**entry, "count": 0})
                known["count"] += entry["count"]
        if result.task is not None and result.task.kind == "jsonl" and result.task.error is None:
            self._take_jsonl(result)
        elif result.decoded is not None and result.new_text is not None:
            self.changed = True
            self._take_text(result)

    def _chosen(self, result: FileResult) -> str:
        return result.new_text if self.unsafe else (result.safe_text or result.before)

    def _take_text(self, result: FileResult) -> None:
        if self.diff:
            self._write_diff(
                result.path,
                result.before,
                result.safe_text or result.before,
                result.new_text,
                result.decoded.encode,
                result.decoded.encoding,
            )
        elif self.fix and result.task.data is None:
            write_atomic(Path(result.path), result.decoded.encode(self._chosen(result)))

    def fixed_stdin(self, result: FileResult) -> str:
        return self._chosen(result) if result.new_text is not None else result.before

    def _write_diff(self, name, before, safe, after, encode, encoding) -> None:
        def native(text: str) -> str:
            return encode(text).decode(encoding, "surrogateescape")

        before, safe, after = native(before), native(safe), native(after)
        if safe != before:
            self.stdout.write(f"# mtlint: safe fixes for {name}\n{unified(name, before, safe)}")
        if after != safe:
            self.stdout.write(
                f"# mtlint: unsafe fixes for {name} (review before applying)\n"
                f"{unified(name, safe, after)}"
            )

    def _take_jsonl(self, result: FileResult) -> None:
        task = result.task
        state = self._jsonl.setdefault(task.path, _JsonlFile(Path(task.path)))
        chosen = result.new_lines if self.unsafe else result.safe_lines
        state.changed |= chosen != task.lines or result.new_lines != task.lines
        if self.diff:
            state.before += task.lines
            state.safe += result.safe_lines
            state.after += result.new_lines
        elif self.fix and task.source is not None:
            self._stream(state, chosen)
        if task.last:
            self._close_jsonl(state)
            del self._jsonl[task.path]

    def _stream(self, state: _JsonlFile, lines: list[str]) -> None:
        if state.handle is None:
            fd, state.tmp = tempfile.mkstemp(
                prefix=f".{state.path.name}.", suffix=".mtlint", dir=state.path.parent
            )
            state.handle = open(  # noqa: SIM115 - stays open across chunks, closed at the end
                fd, "w", encoding="utf-8", errors="surrogateescape", newline=""
            )
        for line in lines:
            state.handle.write(("\n" if state.written else "") + line)
            state.written += 1

    def _close_jsonl(self, state: _JsonlFile) -> None:
        self.changed |= state.changed
        if self.diff and state.changed:
            self._write_diff(
                str(state.path), "\n".join(state.before), "\n".join(state.safe),
                "\n".join(state.after), lambda t: t.encode("utf-8", "surrogateescape"), "utf-8",
            )  # fmt: skip
        if state.handle is None:
            return
        state.handle.close()
        if state.changed and self.fix:
            mode = state.path.stat().st_mode & 0o7777
            os.chmod(state.tmp, mode)
            os.replace(state.tmp, state.path)
        else:
            Path(state.tmp).unlink(missing_ok=True)

    def abort(self) -> None:
        """Remove temporary files of JSONL rewrites left unfinished."""
        for state in self._jsonl.values():
            if state.handle is not None:
                state.handle.close()
                Path(state.tmp).unlink(missing_ok=True)
