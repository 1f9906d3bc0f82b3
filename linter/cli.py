"""The ``mtlint`` command: check, rules, rule."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .cache import CACHE_DIR, Cache, salt
from .config import Config, ConfigError, find_config, load_config
from .corpus import CorpusStats, load_profile, save_profile
from .engine import RuleError
from .fixes import FixError
from .model import Category
from .packs import PackError, builtin_packs
from .parallel import batched, default_jobs, ordered_map
from .progress import Tracker, progress
from .registry import Registry
from .report import FORMATS
from .rules_loader import load_registry
from .runner import Baseline, Linter, Task, make_tasks, run_tasks, stats_tasks, warm_up
from .session import Session
from .sources import SourceError, discover

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Below this much input, starting worker processes costs more than it saves (a pre-commit run on
# a few files): without --jobs, such runs stay in one process.
IN_PROCESS_BYTES = 128 << 10


class UsageError(Exception):
    """A problem with the command line, configuration or inputs: exit 2."""


def _selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtlint",
        description="Find and fix what machine translation, OCR and scraping leave in prose.",
    )
    parser.add_argument("--version", action="version", version=f"mtlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="lint files, folders, JSONL corpora or stdin")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or folders (default: .); '-' reads stdin",
    )
    check.add_argument("--fix", action="store_true", help="apply the safe fixes")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply (or offer) the unsafe fixes"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as unified diffs (safe, then unsafe) instead of writing",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="rule ids, id prefixes or categories to enable (comma-separated)",
    )
    check.add_argument("--extend-select", action="append", default=[], metavar="RULES")
    check.add_argument("--ignore", action="append", default=[], metavar="RULES")
    check.add_argument("--preview", action="store_true", help="enable preview rules")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", dest="output_format")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument("--config", type=Path, metavar="FILE", help="mtlint.toml or pyproject.toml")
    check.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="glob of paths to skip in folders",
    )
    check.add_argument("--text-field", help="JSONL field holding the text (default: text)")
    check.add_argument("--id-field", help="JSONL field holding the document id (default: id)")
    check.add_argument(
        "--stdin-filename", help="name to report for stdin (its suffix sets the format)"
    )
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="hide the findings recorded in FILE"
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in FILE and exit 0",
    )
    check.add_argument(
        "--languagetool",
        metavar="URL",
        help="add grammar findings from a LanguageTool server (also MTLINT_LT_URL)",
    )
    check.add_argument(
        "--require-languagetool",
        action="store_true",
        help="fail (exit 2) when the LanguageTool server cannot be reached",
    )
    check.add_argument("--no-source", action="store_true", help="text format: omit source excerpts")
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes (default: the number of cores; one for inputs under 128 KB)",
    )
    check.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="corpus statistics saved by `mtlint profile`, added to this run's",
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--progress",
        action="store_true",
        help="show progress even with --quiet or a machine-readable format",
    )
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    profile = sub.add_parser("profile", help="save corpus statistics for later checks")
    profile.add_argument("paths", nargs="+", metavar="PATH")
    profile.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    profile.add_argument("-j", "--jobs", type=_positive, metavar="N")
    profile.add_argument("--config", type=Path, metavar="FILE")
    profile.add_argument("-q", "--quiet", action="store_true")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")
    rules.add_argument("--config", type=Path, metavar="FILE")

    show = sub.add_parser("rule", help="show a rule's documentation and examples")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--config", type=Path, metavar="FILE")
    return parser


def _config(args: argparse.Namespace, start: Path) -> Config:
    path = args.config or find_config(start)
    if args.config and not args.config.is_file():
        raise UsageError(f"--config: file not found: {args.config}")
    return load_config(path)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "profile":
            return cmd_profile(args)
        config = _config(args, Path.cwd())
        registry = load_registry(config)
        if args.command == "rules":
            return cmd_rules(registry, args.output_format, sys.stdout)
        return cmd_rule(registry, args.rule_id, sys.stdout)
    except (UsageError, ConfigError, PackError, SourceError) as exc:
        print(f"mtlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (FixError, RuleError) as exc:
        print(f"mtlint: internal error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def cmd_rules(registry: Registry, fmt: str, out: TextIO) -> int:
    if fmt == "json":
        items = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category.value,
                "severity": r.severity.value,
                "fix": r.fix.value if r.fix else None,
                "preview": r.preview,
                "origin": r.origin,
            }
            for r in registry
        ]
        json.dump(items, out, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    for r in registry:
        fixable = {None: "   ", "display": "(-)"}.get(r.fix.value if r.fix else None, "[*]")
        preview = " (preview)" if r.preview else ""
        out.write(
            f"{r.id}  {fixable}  {r.name:<34} {r.category.value:<15} {r.severity.value}{preview}\n"
        )
    return EXIT_CLEAN


def cmd_rule(registry: Registry, rule_id: str, out: TextIO) -> int:
    r = registry.get(rule_id)
    if r is None:
        raise UsageError(f"unknown rule {rule_id!r}; `mtlint rules` lists them")
    fix = {
        None: "none",
        "safe": "safe (applied by --fix)",
        "unsafe": "unsafe (--fix --unsafe-fixes)",
        "display": "suggestion only (shown, never applied)",
    }[r.fix.value if r.fix else None]
    out.write(f"# {r.id} {r.name}\n\n")
    out.write(
        f"Category: {r.category.value}    Severity: {r.severity.value}    Fix: {fix}"
        f"{'    Status: preview' if r.preview else ''}\n"
    )
    out.write(f"Message: {r.message}\nDefined in: {r.origin}\n\n## Why\n{r.rationale}\n\n")
    out.write("## Examples that are reported (⟦marked⟧ span)\n")
    for e in r.fails:
        out.write(
            f"  ✗ {e.text!r}\n" + (f"    fixed: {e.fixed!r}\n" if e.fixed is not None else "")
        )
    out.write("\n## Examples that are not reported\n")
    for e in r.passes:
        out.write(f"  ✓ {e.text!r}\n")
    return EXIT_CLEAN


def cmd_check(args: argparse.Namespace) -> int:
    paths = args.paths
    first = Path(next((p for p in paths if p != "-"), "."))
    config = _config(args, first)
    if args.text_field:
        config.text_field = args.text_field
    if args.id_field:
        config.id_field = args.id_field
    _languagetool(args, config)
    registry = load_registry(config)
    rules = _select(args, config, registry)

    fixing = args.fix or args.diff
    baseline = Baseline.load(args.baseline) if args.baseline else Baseline()
    linter = Linter(
        rules, config, fix=fixing, unsafe=args.unsafe_fixes or args.diff, baseline=baseline
    )
    sources = list(
        discover(paths, [*config.exclude, *config.extend_exclude, *args.exclude], config.root)
    )
    stdin = sys.stdin.buffer.read() if "-" in sources else None
    stdin_name = args.stdin_filename or "-"
    total = _total_size(sources, stdin)
    jobs = _jobs(args, total)
    shown = not args.quiet and args.output_format == "text" or args.progress

    stdin_to_stdout = stdin is not None and args.fix and not args.diff
    report_out = sys.stderr if stdin_to_stdout else sys.stdout
    color = {"always": True, "never": False}.get(args.color)
    reporter = None
    if not args.diff and not args.write_baseline:
        reporter = FORMATS[args.output_format](
            registry, report_out, color=color, show_source=not args.no_source,
            unsafe=args.unsafe_fixes, fixing=args.fix, summary=not args.quiet,
            statistics=args.statistics, quiet=args.quiet,
        )  # fmt: skip
    session = Session(
        reporter,
        fix=args.fix,
        unsafe=args.unsafe_fixes or args.diff,
        diff=args.diff,
        baseline={} if args.write_baseline else None,
    )
    if jobs > 1 or total >= IN_PROCESS_BYTES:
        warm_up(rules, config)
    with progress(shown and total > 5_000_000) as display:
        if any(r.corpus for r in rules) or args.profile:
            linter.corpus = _corpus(args, linter, sources, stdin, stdin_name, jobs, display, total)
        if not (fixing or args.no_cache or config.languagetool.enabled):
            linter.cache = _cache(config, rules, linter.corpus)
            session.cache = linter.cache
        tracker = Tracker(display, "Linting", total)
        try:
            batches = batched(make_tasks(sources, stdin, stdin_name), _task_size)
            for results in ordered_map(run_tasks, batches, jobs, {"linter": linter}):
                for result in results:
                    tracker.advance(len(result.docs), result.task.size if result.task else 0)
                    session.take(result)
                    if stdin_to_stdout and result.task and result.task.data is not None:
                        sys.stdout.write(session.fixed_stdin(result))
            if linter.cache is not None:
                linter.cache.flush()
        except BaseException:
            session.abort()
            raise
    if reporter is not None:
        reporter.finish()
    if args.write_baseline:
        data = Baseline.document(session.baseline.values())
        args.write_baseline.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(
            f"Wrote {sum(e['count'] for e in data['findings'])} findings to {args.write_baseline}",
            file=sys.stderr,
        )
        return EXIT_ERROR if session.io_error else EXIT_CLEAN
    if session.io_error:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if session.changed else EXIT_CLEAN
    return EXIT_FINDINGS if session.findings else EXIT_CLEAN


def _select(args: argparse.Namespace, config: Config, registry: Registry) -> list:
    try:
        rules = registry.select(
            _selectors(args.select) or config.select,
            config.ignore + (_selectors(args.ignore) or []),
            config.extend_select + (_selectors(args.extend_select) or []),
            args.preview or config.preview,
        )
    except ValueError as exc:
        raise UsageError(
            f"{exc}; selectors are rule ids, prefixes or one of: "
            f"{', '.join(c.value for c in Category)}"
        ) from exc
    for sel in config.ignore + [s for v in config.per_file_ignores.values() for s in v]:
        if not registry.matching(sel):
            raise UsageError(f"{config.path}: unknown rule selector {sel!r}")
    return rules


def _corpus(args, linter, sources, stdin, stdin_name, jobs, display, total) -> CorpusStats:
    """Pass 1: statistics of the linted set, merged with a saved profile when one is given."""
    stats = CorpusStats()
    if args.profile:
        try:
            stats = load_profile(args.profile)
        except (OSError, ValueError, KeyError) as exc:
            raise UsageError(f"--profile {args.profile}: not a profile: {exc}") from exc
        linter.corpus = stats  # documents already profiled are not counted twice
    tracker = Tracker(display, "Reading corpus", total)
    batches = batched(make_tasks(sources, stdin, stdin_name), _task_size)
    for part, size in ordered_map(stats_tasks, batches, jobs, {"linter": linter}):
        tracker.advance(part.documents, size)
        stats.merge(part)
    return stats


def _jobs(args: argparse.Namespace, total: int) -> int:
    """--jobs, or the number of cores for inputs of at least IN_PROCESS_BYTES, or one."""
    return args.jobs or (default_jobs() if total >= IN_PROCESS_BYTES else 1)


def _task_size(task: Task) -> int:
    return task.size


def _cache(config: Config, rules: list, corpus: CorpusStats | None) -> Cache:
    """The cache, salted with what findings depend on besides each document."""
    code = sorted(Path(__file__).parent.rglob("*.py"))  # an edited checkout changes the key
    files = sorted({*builtin_packs(), *config.rule_packs, *config.dictionaries})
    settings = {
        k: v for k, v in vars(config).items() if k not in ("path", "_per_file_specs", "rule_packs")
    }
    return Cache(
        config.root / CACHE_DIR,
        salt(
            [(r.id, r.origin) for r in rules],
            [(str(f), f.read_bytes()) for f in files],
            [(str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in code],
            settings,
            json.dumps(corpus.to_json(), sort_keys=True) if corpus else None,
        ),
    )


def _total_size(sources: list, stdin: bytes | None) -> int:
    total = len(stdin or b"")
    for source in sources:
        if source != "-":
            with contextlib.suppress(OSError):
                total += Path(source).stat().st_size
    return total


def cmd_profile(args: argparse.Namespace) -> int:
    """Save the corpus statistics of PATHs, for ``check --profile``."""
    config = _config(args, Path(args.paths[0]))
    linter = Linter([], config)
    sources = list(discover(args.paths, [*config.exclude, *config.extend_exclude], config.root))
    total = _total_size(sources, None)
    jobs = _jobs(args, total)
    with progress(not args.quiet) as display:
        args.profile = None
        stats = _corpus(args, linter, sources, None, "-", jobs, display, total)
    save_profile(stats, args.output)
    if not args.quiet:
        print(f"Profiled {stats.documents:,} documents into {args.output}", file=sys.stderr)
    return EXIT_CLEAN


def _languagetool(args: argparse.Namespace, config: Config) -> None:
    """Point the grammar backend at --languagetool or MTLINT_LT_URL, and check it answers: an
    unreachable server is one warning and the run goes on without it (exit 2 if required)."""
    url = args.languagetool or os.environ.get("MTLINT_LT_URL")
    if url:
        config.languagetool.url = url
    if not config.languagetool.enabled:
        if args.require_languagetool:
            raise UsageError("--require-languagetool: no LanguageTool server is configured")
        return
    from .languagetool import probe

    problem = probe(config.languagetool)
    if problem is None:
        return
    if args.require_languagetool:
        raise UsageError(f"LanguageTool: {problem}")
    print(f"mtlint: warning: LanguageTool: {problem}; grammar checks skipped", file=sys.stderr)
    config.languagetool.url = None
    config.languagetool.local = False


if __name__ == "__main__":
    sys.exit(main())
