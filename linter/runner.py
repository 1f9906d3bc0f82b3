"""Lint files end to end: read, build the corpus statistics (pass 1), lint and fix (pass 2),
and produce what is to be written, without writing it."""

from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .cache import Cache
from .cache import encode as cache_encode
from .config import Config
from .corpus import CorpusStats, digest
from .document import Document
from .engine import Context, lint
from .fixes import fix_text
from .model import Diagnostic
from .parallel import worker_state
from .registry import CORPUS_PARTS, Rule
from .results import DocResult
from .sources import (
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    Decoded,
    Record,
    SourceError,
    decode,
    dump_record,
    iter_lines,
    read_file,
    read_records,
)

CHUNK_CHARS = 1 << 20  # a JSONL chunk ends after this much text, or after its records


@dataclass
class Task:
    """A unit of work: a text file, stdin, or a chunk of a JSONL file's lines."""

    path: str
    kind: str  # "text" or "jsonl"
    source: Path | None = None
    data: bytes | None = None  # stdin
    lines: list[str] = field(default_factory=list)  # JSONL chunk, decoded with surrogateescape
    first_line: int = 1
    last: bool = True
    error: str | None = None

    @cached_property
    def size(self) -> int:
        """Bytes of input, for batching and progress (read once, and sent with the task)."""
        if self.kind == "jsonl":
            return sum(len(line) + 1 for line in self.lines)
        if self.data is not None:
            return len(self.data)
        try:
            return self.source.stat().st_size
        except OSError:
            return 0


@dataclass
class FileResult:
    """The result of one task: its documents and, when fixes changed it, the new content."""

    path: str
    decoded: Decoded | None
    docs: list[DocResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_text: str | None = None  # text file: the decoded text after fixes, when it changed
    safe_text: str | None = None  # the same after the safe fixes alone
    task: Task | None = None
    new_lines: list[str] = field(default_factory=list)  # JSONL chunk: lines after fixes
    safe_lines: list[str] = field(default_factory=list)
    cached: list[tuple[str, str]] = field(default_factory=list)  # new cache entries

    @property
    def before(self) -> str:
        return self.decoded.text if self.decoded else ""

    @property
    def failed(self) -> bool:
        return self.decoded is None and (self.task is None or self.task.kind != "jsonl")


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
    def entries(results: Iterable[FileResult]) -> list[dict]:
        """Baseline entries (fingerprint, path, rule, match, count) of some results."""
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
        return list(entries.values())

    @staticmethod
    def document(entries: Iterable[dict]) -> dict:
        """The baseline file's content."""
        ordered = sorted(entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
        return {"version": 1, "findings": ordered}


@dataclass
class Linter:
    """Runs a rule selection with a configuration over documents and files."""

    rules: list[Rule]
    config: Config
    corpus: CorpusStats | None = None
    fix: bool = False
    unsafe: bool = False
    baseline: Baseline = field(default_factory=Baseline)
    cache: Cache | None = None  # used when only checking
    cached: list[tuple[str, str]] = field(default_factory=list)  # new entries, for the writer

    def lint_text(
        self, text: str, path: str, markdown: bool | None = None, whole_file: bool = True
    ) -> DocResult:
        ctx = Context(self.config, self.corpus)

        def run(t: str) -> list[Diagnostic]:
            doc = Document(t, path, markdown, whole_file)
            return self.baseline.filter(path, doc, lint(doc, self.rules, ctx))

        if not self.fix:
            doc = Document(text, path, markdown, whole_file)
            if self.cache is None:
                return DocResult(path, doc, run(text))
            key = self.cache.key(path, doc.markdown, whole_file, text)
            found = self.cache.get(key)
            if found is None:  # linted on its own copy: the result keeps no analyses alive
                found = lint(Document(text, path, markdown, whole_file), self.rules, ctx)
                self.cached.append((key, cache_encode(found)))
            return DocResult(path, doc, self.baseline.filter(path, doc, found))
        safe = fix_text(text, run, unsafe=False)
        result = fix_text(safe.text, run, unsafe=True) if self.unsafe else safe
        doc = Document(result.text, path, markdown, whole_file)
        applied = safe.applied + (result.applied if self.unsafe else ())
        return DocResult(path, doc, list(result.remaining), applied, text, safe.text)

    def run(self, task: Task) -> FileResult:
        """Lint one task (and fix it, when fixing)."""
        result = self._run(task)
        result.cached, self.cached = self.cached, []
        return result

    def _run(self, task: Task) -> FileResult:
        if task.error:
            return FileResult(task.path, None, warnings=[task.error], task=task)
        if task.kind == "jsonl":
            return self._lint_jsonl(task)
        try:
            if task.data is not None:
                decoded = decode(task.data, task.path)
            else:
                decoded = read_file(task.source, self.config.max_file_size)
        except SourceError as exc:
            return FileResult(task.path, None, warnings=[str(exc)], task=task)
        result = FileResult(task.path, decoded, task=task)
        doc = self.lint_text(decoded.text, task.path, task.path.lower().endswith(MARKDOWN_SUFFIXES))
        result.docs.append(doc)
        if doc.doc.text != decoded.text:
            result.new_text = doc.doc.text
            result.safe_text = doc.safe_text
        return result

    def _lint_jsonl(self, task: Task) -> FileResult:
        result = FileResult(task.path, None, task=task)
        lines = task.lines
        for item in read_records(
            lines, self.config.text_field, self.config.id_field, task.first_line
        ):
            if isinstance(item, SourceError):
                result.warnings.append(f"{task.path}: {item}")
                continue
            record: Record = item
            if not record.has_text:
                result.new_lines.append(record.raw)
                result.safe_lines.append(record.raw)
                continue
            text = record.data[self.config.text_field]
            doc = self.lint_text(
                text, f"{task.path}#{record.key}", markdown=False, whole_file=False
            )
            result.docs.append(doc)
            result.new_lines.append(dump_record(record, self.config.text_field, doc.doc.text))
            result.safe_lines.append(
                dump_record(record, self.config.text_field, doc.safe_text or text)
            )
        return result

    def stats(self, task: Task) -> CorpusStats:
        """Pass 1 for one task: the merged statistics of its documents (those already counted
        in a loaded profile are skipped)."""
        known = self.corpus.digests if self.corpus else set()
        docs = task_documents(task, self.config)
        parts = set().union(*(r.corpus for r in self.rules)) if self.rules else CORPUS_PARTS
        return corpus_stats((d for d in docs if not known or digest(d.text) not in known), parts)


def run_tasks(tasks: list[Task]) -> list[FileResult]:
    """Pass 2 in a worker: lint tasks with the worker's linter."""
    linter = worker_state()["linter"]
    return [linter.run(task) for task in tasks]


def stats_tasks(tasks: list[Task]) -> tuple[CorpusStats, int]:
    """Pass 1 in a worker: the merged statistics of tasks, and their size."""
    linter = worker_state()["linter"]
    stats = CorpusStats()
    for task in tasks:
        stats.merge(linter.stats(task))
    return stats, sum(task.size for task in tasks)


def warm_up(rules: Iterable[Rule], config: Config) -> None:
    """Run each rule, and the statistics it reads, once on its first failing example: the word
    lists, gazetteers and patterns that rules load on first use are then in memory before the
    worker processes fork, and the workers share one copy instead of each loading its own."""
    ctx = Context(config)
    for rule in rules:
        if rule.backend is None and rule.fails:
            example = rule.fails[0]
            doc = Document(example.plain, "example.txt", example.markdown)
            lint(doc, [rule], ctx)
            CorpusStats.of(doc, rule.corpus)
    # What was loaded lives as long as the run: keep the garbage collector from traversing it
    # at every full collection (and, in forked workers, from copying its memory pages).
    gc.freeze()


def corpus_stats(documents: Iterable[Document], parts: Iterable[str] = CORPUS_PARTS) -> CorpusStats:
    """Pass 1 over documents: count each into one set of statistics."""
    stats = CorpusStats()
    for doc in documents:
        stats.add(doc, parts)
    return stats


def task_documents(task: Task, config: Config) -> Iterator[Document]:
    """The documents of a task, for pass 1 (unreadable ones are reported in pass 2)."""
    if task.error:
        return
    if task.kind == "jsonl":
        for item in read_records(task.lines, config.text_field, config.id_field, task.first_line):
            if isinstance(item, Record) and item.has_text:
                yield Document(
                    item.data[config.text_field], f"{task.path}#{item.key}", False, False
                )
        return
    try:
        if task.data is not None:
            decoded = decode(task.data, task.path)
        else:
            decoded = read_file(task.source, config.max_file_size)
    except SourceError:
        return
    yield Document(decoded.text, task.path)


def make_tasks(
    sources: Iterable[Path | str],
    stdin: bytes | None = None,
    stdin_name: str = "-",
    chunk_records: int = 500,
) -> Iterator[Task]:
    """Tasks for the sources, in order; JSONL files are streamed in chunks of records."""
    for source in sources:
        if source == "-":
            kind = "jsonl" if stdin_name.lower().endswith(JSONL_SUFFIXES) else "text"
            if kind == "text":
                yield Task(stdin_name, "text", data=stdin or b"")
            else:
                yield from _jsonl_tasks(stdin_name, [stdin or b""], chunk_records)
            continue
        path = Path(source)
        if str(path).lower().endswith(JSONL_SUFFIXES):
            try:
                with path.open("rb") as handle:
                    yield from _jsonl_tasks(str(path), handle, chunk_records, path)
            except OSError as exc:
                yield Task(
                    str(path), "jsonl", source=path, error=f"{path}: cannot read: {exc.strerror}"
                )
        else:
            yield Task(str(path), "text", source=path)


def _jsonl_tasks(
    name: str, chunks: Iterable[bytes], size: int, path: Path | None = None
) -> Iterator[Task]:
    first, batch, chars = 1, [], 0
    for number, line in enumerate(iter_lines(chunks), 1):
        batch.append(line)
        chars += len(line)
        if len(batch) >= size or chars >= CHUNK_CHARS:
            yield Task(name, "jsonl", source=path, lines=batch, first_line=first, last=False)
            first, batch, chars = number + 1, [], 0
    yield Task(name, "jsonl", source=path, lines=batch, first_line=first, last=True)
