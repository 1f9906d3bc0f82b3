"""Inputs and outputs: discovery (gitignore-aware), decoding that round-trips, JSONL records,
atomic writes."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text", *MARKDOWN_SUFFIXES)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_EXCLUDES = [
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".mtlint_cache", "site-packages",
]  # fmt: skip
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class SourceError(Exception):
    """A file that cannot be read as text; the message says why."""


@dataclass
class Decoded:
    """Decoded text with what is needed to write it back byte-faithfully."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str | None = "\n"  # None: mixed line endings, kept as they are in ``text``

    def encode(self, text: str) -> bytes:
        if self.newline and self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; refuse binaries."""
    bom, encoding = b"", "utf-8"
    for mark, enc in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, enc
            break
    body = data[len(bom) :]
    if not bom and b"\x00" in body[:8192]:
        raise SourceError(f"{name}: binary file (NUL bytes), skipped")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{name}: not valid {encoding.upper()} (byte {body[exc.start]:#04x} at offset "
            f"{exc.start + len(bom)}); mtlint reads UTF-8, or UTF-16/32 with a BOM; skipped"
        ) from None
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf and not cr and not lf:
        return Decoded(text.replace("\r\n", "\n"), encoding, bom, "\r\n")
    if cr and not crlf and not lf:
        return Decoded(text.replace("\r", "\n"), encoding, bom, "\r")
    return Decoded(text, encoding, bom, "\n" if not (cr or crlf) else None)


def read_file(path: Path, max_size: int) -> Decoded:
    try:
        size = path.stat().st_size
        if size > max_size:
            raise SourceError(f"{path}: too large ({size:,} bytes > {max_size:,}), skipped")
        return decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` via a temporary file in the same folder; keep its mode."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mtlint", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- discovery ---------------------------------------------------------------------------------
@dataclass
class _Ignore:
    """Patterns from .gitignore files (inside git repositories) and from excludes."""

    excludes: pathspec.PathSpec
    gitignores: dict[Path, pathspec.PathSpec | None] = field(default_factory=dict)

    def spec_for(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self.gitignores:
            f = folder / ".gitignore"
            self.gitignores[folder] = (
                pathspec.GitIgnoreSpec.from_lines(
                    f.read_text(encoding="utf-8", errors="replace").splitlines()
                )
                if f.is_file()
                else None
            )
        return self.gitignores[folder]

    def ignored(self, path: Path, root: Path, repo: Path | None, is_dir: bool) -> bool:
        rel = path.relative_to(root).as_posix() + ("/" if is_dir else "")
        if path.name in DEFAULT_EXCLUDES or self.excludes.match_file(rel):
            return True
        if repo is None:
            return False
        for folder in [path.parent, *path.parent.parents]:
            spec = self.spec_for(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            if folder == repo:
                break
        return False


def _git_root(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def discover(
    paths: list[str], excludes: list[str] | None = None, root: Path | None = None
) -> Iterator[Path | str]:
    """Files to lint, in a stable order: explicit files as given, folders walked
    (text, Markdown and JSONL files), skipping .gitignore'd and excluded paths. ``-`` is stdin."""
    root = (root or Path.cwd()).resolve()
    ignore = _Ignore(pathspec.PathSpec.from_lines("gitwildmatch", excludes or []))
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_file():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield path
            continue
        if not path.is_dir():
            raise SourceError(f"{raw}: no such file or folder")
        top = path.resolve()
        repo = _git_root(top)
        base = root if top.is_relative_to(root) else top
        for folder, dirs, files in os.walk(top):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not ignore.ignored(here / d, base, repo, True))
            for name in sorted(files):
                f = here / name
                if not name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    continue
                if ignore.ignored(f, base, repo, False) or f in seen:
                    continue
                seen.add(f)
                yield path / f.relative_to(top)


# -- JSONL records -------------------------------------------------------------------------------
def iter_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """Lines of a byte stream split on LF, decoded as UTF-8 with surrogateescape so that every
    byte survives a rewrite; joining them with LF gives the stream back exactly."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line.decode("utf-8", "surrogateescape")
    yield pending.decode("utf-8", "surrogateescape")


@dataclass
class Record:
    """One JSONL line: a document when it is an object with a string text field."""

    line: int  # 1-based
    raw: str  # the line as read (a BOM or a trailing CR included), without its LF
    data: dict | None
    key: str  # the id, or the line number

    @property
    def has_text(self) -> bool:
        return self.data is not None


def read_records(
    lines: Iterable[str], text_field: str, id_field: str, first_line: int = 1
) -> Iterator[Record | SourceError]:
    """Parse JSONL lines; bad lines become SourceErrors and are kept verbatim."""
    for number, raw in enumerate(lines, first_line):
        body = raw.lstrip("\ufeff").rstrip("\r")
        if not body.strip():
            yield Record(number, raw, None, str(number))
            continue
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            yield SourceError(f"line {number}: invalid JSON ({exc.msg}), skipped")
            yield Record(number, raw, None, str(number))
            continue
        if not isinstance(data, dict) or not isinstance(data.get(text_field), str):
            yield SourceError(f"line {number}: no string field '{text_field}', skipped")
            yield Record(number, raw, None, str(number))
            continue
        key = data.get(id_field)
        yield Record(number, raw, data, str(key) if key not in (None, "") else str(number))


def dump_record(record: Record, text_field: str, text: str) -> str:
    """The record's line with only its text field replaced (other fields and order kept)."""
    if record.data is None or record.data[text_field] == text:
        return record.raw
    data = dict(record.data)
    data[text_field] = text
    prefix = "\ufeff" if record.raw.startswith("\ufeff") else ""
    suffix = "\r" if record.raw.endswith("\r") else ""
    return prefix + json.dumps(data, ensure_ascii=False) + suffix
