"""Lint files end to end: read, build the corpus statistics (pass 1), lint and fix (pass 2),
and produce what is to be written, without writing it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .corpus import CorpusStats
from .document import Document
from .engine import Context, lint
from .fixes import fix_text
from .model import Diagnostic
from .registry import Rule
from .results import DocResult
from .sources import (
    JSONL_SUFFIXES,
    Decoded,
    Record,
    SourceError,
    decode,
    dump_record,
    read_file,
    read_records,
)


@dataclass
class FileResult:
    """One input file (or stdin): its documents and, when fixes changed it, the new content."""

    path: str
    decoded: Decoded | None
    docs: list[DocResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_text: str | None = None  # the whole file's decoded text after fixes, when it changed
    safe_text: str | None = None  # the same after the safe fixes alone

    @property
    def before(self) -> str:
        return self.decoded.text if self.decoded else ""


class Baseline:
    """Known findings to hide, by fingerprint: rule, normalised matched text and document."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts = counts or Counter()

    @staticmethod
    def fingerprint(path: str, doc: Document, d: Diagnostic) -> str:
        matched = " ".join(doc.text[d.start : d.end].casefold().split())
        key = f"{d.rule}\0{matched}\0{Path(path.split('#')[0]).as_posix()}#{path.partition('#')[2]}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def filter(self, path: str, doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
        if not self.counts:
            return diags
        budget = Counter(self.counts)
        kept = []
        for d in diags:
            fp = self.fingerprint(path, doc, d)
            if budget[fp] > 0:
                budget[fp] -= 1
            else:
                kept.append(d)
        return kept

    @classmethod
    def load(cls, path: Path) -> Baseline:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Counter({e["fingerprint"]: int(e["count"]) for e in data["findings"]}))

    @staticmethod
    def dump(results: Iterable[FileResult]) -> dict:
        entries: dict[str, dict] = {}
        for f in results:
            for r in f.docs:
                for d in r.diagnostics:
                    fp = Baseline.fingerprint(r.path, r.doc, d)
                    entry = entries.setdefault(
                        fp,
                        {
                            "fingerprint": fp,
                            "path": r.path,
                            "rule": d.rule,
                            "match": r.doc.text[d.start : d.end][:80],
                            "count": 0,
                        },
                    )
                    entry["count"] += 1
        return {"version": 1, "findings": sorted(entries.values(), key=lambda e: (e["path"], e["rule"], e["fingerprint"]))}


@dataclass
class Linter:
    """Runs a rule selection with a configuration over documents and files."""

    rules: list[Rule]
    config: Config
    corpus: CorpusStats | None = None
    fix: bool = False
    unsafe: bool = False
    baseline: Baseline = field(default_factory=Baseline)

    def lint_text(self, text: str, path: str, markdown: bool | None = None, whole_file: bool = True) -> DocResult:
        ctx = Context(self.config, self.corpus)

        def run(t: str) -> list[Diagnostic]:
            doc = Document(t, path, markdown, whole_file)
            return self.baseline.filter(path, doc, lint(doc, self.rules, ctx))

        if not self.fix:
            doc = Document(text, path, markdown, whole_file)
            return DocResult(path, doc, run(text))
        safe = fix_text(text, run, unsafe=False)
        result = fix_text(safe.text, run, unsafe=True) if self.unsafe else safe
        doc = Document(result.text, path, markdown, whole_file)
        applied = safe.applied + (result.applied if self.unsafe else ())
        return DocResult(path, doc, list(result.remaining), applied, text, safe.text)

    def lint_file(self, source: Path | str, stdin: bytes | None = None, name: str | None = None) -> FileResult:
        display = name or ("-" if source == "-" else str(source))
        try:
            decoded = decode(stdin, display) if stdin is not None else read_file(Path(source), self.config.max_file_size)
        except SourceError as exc:
            return FileResult(display, None, warnings=[str(exc)])
        result = FileResult(display, decoded)
        if display.lower().endswith(JSONL_SUFFIXES):
            self._lint_jsonl(result)
        else:
            markdown = display.lower().endswith((".md", ".markdown"))
            doc = self.lint_text(decoded.text, display, markdown)
            result.docs.append(doc)
            if doc.doc.text != decoded.text:
                result.new_text = doc.doc.text
                result.safe_text = doc.safe_text
        return result

    def _lint_jsonl(self, result: FileResult) -> None:
        out_lines, safe_lines, changed = [], [], False
        for item in read_records(result.before, self.config.text_field, self.config.id_field):
            if isinstance(item, SourceError):
                result.warnings.append(f"{result.path}: {item}")
                continue
            record: Record = item
            if not record.has_text:
                out_lines.append(record.raw)
                safe_lines.append(record.raw)
                continue
            text = record.data[self.config.text_field]
            doc = self.lint_text(text, f"{result.path}#{record.key}", markdown=False, whole_file=False)
            result.docs.append(doc)
            new = dump_record(record, self.config.text_field, doc.doc.text)
            changed |= new != record.raw
            out_lines.append(new)
            safe_lines.append(dump_record(record, self.config.text_field, doc.safe_text or text))
        if changed:
            result.new_text = "\n".join(out_lines)
            result.safe_text = "\n".join(safe_lines)


def corpus_stats(documents: Iterable[Document]) -> CorpusStats:
    """Pass 1 over documents: map each, merge all."""
    stats = CorpusStats()
    for doc in documents:
        stats.merge(CorpusStats.of(doc))
    return stats


def documents_of(sources: Iterable[Path | str], config: Config, stdin: bytes | None = None) -> Iterator[Document]:
    """The documents of readable sources, for pass 1 (unreadable ones are reported in pass 2)."""
    for source in sources:
        try:
            if source == "-":
                if stdin is None:
                    continue
                decoded = decode(stdin)
            else:
                decoded = read_file(Path(source), config.max_file_size)
        except SourceError:
            continue
        name = str(source)
        if name.lower().endswith(JSONL_SUFFIXES):
            for item in read_records(decoded.text, config.text_field, config.id_field):
                if isinstance(item, Record) and item.has_text:
                    yield Document(item.data[config.text_field], f"{name}#{item.key}", False, False)
        else:
            yield Document(decoded.text, name)

