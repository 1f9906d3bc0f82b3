"""The ``mtlint`` command: check, rules, rule."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import Config, ConfigError, find_config, load_config
from .engine import RuleError
from .fixes import FixError
from .model import Category
from .packs import PackError
from .registry import Registry
from .report import FORMATS
from .report import text as text_report
from .report.diff import unified
from .rules_loader import load_registry
from .runner import Baseline, FileResult, Linter, corpus_stats, documents_of
from .sources import SourceError, discover, write_atomic

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line, configuration or inputs: exit 2."""


def _selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtlint",
        description="Find and fix what machine translation, OCR and scraping leave in prose.",
    )
    parser.add_argument("--version", action="version", version=f"mtlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="lint files, folders, JSONL corpora or stdin")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or folders (default: .); '-' reads stdin")
    check.add_argument("--fix", action="store_true", help="apply the safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="also apply (or offer) the unsafe fixes")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as unified diffs (safe, then unsafe) instead of writing")
    check.add_argument("--select", action="append", metavar="RULES",
                       help="rule ids, id prefixes or categories to enable (comma-separated)")
    check.add_argument("--extend-select", action="append", default=[], metavar="RULES")
    check.add_argument("--ignore", action="append", default=[], metavar="RULES")
    check.add_argument("--preview", action="store_true", help="enable preview rules")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", dest="output_format")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument("--config", type=Path, metavar="FILE", help="mtlint.toml or pyproject.toml")
    check.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="glob of paths to skip in folders")
    check.add_argument("--text-field", help="JSONL field holding the text (default: text)")
    check.add_argument("--id-field", help="JSONL field holding the document id (default: id)")
    check.add_argument("--stdin-filename", help="name to report for stdin (its suffix sets the format)")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="hide the findings recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE and exit 0")
    check.add_argument("--languagetool", metavar="URL",
                       help="add grammar findings from a LanguageTool server (also MTLINT_LT_URL)")
    check.add_argument("--require-languagetool", action="store_true",
                       help="fail (exit 2) when the LanguageTool server cannot be reached")
    check.add_argument("--no-source", action="store_true", help="text format: omit source excerpts")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")

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
            {"id": r.id, "name": r.name, "category": r.category.value, "severity": r.severity.value,
             "fix": r.fix.value if r.fix else None, "preview": r.preview, "origin": r.origin}
            for r in registry
        ]
        json.dump(items, out, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    for r in registry:
        fixable = {None: "   ", "display": "(-)"}.get(r.fix.value if r.fix else None, "[*]")
        preview = " (preview)" if r.preview else ""
        out.write(f"{r.id}  {fixable}  {r.name:<34} {r.category.value:<15} {r.severity.value}{preview}\n")
    return EXIT_CLEAN


def cmd_rule(registry: Registry, rule_id: str, out: TextIO) -> int:
    r = registry.get(rule_id)
    if r is None:
        raise UsageError(f"unknown rule {rule_id!r}; `mtlint rules` lists them")
    fix = {None: "none", "safe": "safe (applied by --fix)", "unsafe": "unsafe (--fix --unsafe-fixes)",
           "display": "suggestion only (shown, never applied)"}[r.fix.value if r.fix else None]
    out.write(f"# {r.id} {r.name}\n\n")
    out.write(f"Category: {r.category.value}    Severity: {r.severity.value}    Fix: {fix}"
              f"{'    Status: preview' if r.preview else ''}\n")
    out.write(f"Message: {r.message}\nDefined in: {r.origin}\n\n## Why\n{r.rationale}\n\n")
    out.write("## Examples that are reported (⟦marked⟧ span)\n")
    for e in r.fails:
        out.write(f"  ✗ {e.text!r}\n" + (f"    fixed: {e.fixed!r}\n" if e.fixed is not None else ""))
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
    try:
        rules = registry.select(
            _selectors(args.select) or config.select,
            config.ignore + (_selectors(args.ignore) or []),
            config.extend_select + (_selectors(args.extend_select) or []),
            args.preview or config.preview,
        )
    except ValueError as exc:
        raise UsageError(f"{exc}; selectors are rule ids, prefixes or one of: "
                         f"{', '.join(c.value for c in Category)}") from exc
    for sel in config.ignore + [s for s in sum(config.per_file_ignores.values(), [])]:
        if not registry.matching(sel):
            raise UsageError(f"{config.path}: unknown rule selector {sel!r}")

    fixing = args.fix or args.diff
    baseline = Baseline.load(args.baseline) if args.baseline else Baseline()
    linter = Linter(rules, config, fix=fixing, unsafe=args.unsafe_fixes or args.diff, baseline=baseline)
    sources = list(discover(paths, [*config.exclude, *config.extend_exclude, *args.exclude], config.root))
    stdin = sys.stdin.buffer.read() if "-" in sources else None
    linter.corpus = corpus_stats(documents_of(sources, config, stdin))

    files: list[FileResult] = []
    io_error = False
    for source in sources:
        if source == "-":
            result = linter.lint_file("-", stdin=stdin, name=args.stdin_filename or "-")
        else:
            result = linter.lint_file(source)
        for warning in result.warnings:
            print(f"mtlint: warning: {warning}", file=sys.stderr)
        io_error |= result.decoded is None
        files.append(result)

    if args.write_baseline:
        data = Baseline.dump(files)
        args.write_baseline.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Wrote {sum(e['count'] for e in data['findings'])} findings to {args.write_baseline}",
              file=sys.stderr)
        return EXIT_ERROR if io_error else EXIT_CLEAN

    if args.diff:
        return _print_diffs(files, io_error)

    if args.fix:
        for f in files:
            if f.new_text is None or f.decoded is None:
                continue
            if f.path == args.stdin_filename or "-" in (f.path, str(f.path)) and stdin is not None:
                continue
            write_atomic(Path(f.path), f.decoded.encode(_choose(f, args.unsafe_fixes)))

    results = [d for f in files for d in f.docs]
    report_out = sys.stdout
    if stdin is not None and args.fix:
        for f in files:
            if f.decoded is not None and f.path in ("-", args.stdin_filename):
                sys.stdout.write(_choose(f, args.unsafe_fixes) if f.new_text is not None else f.before)
        report_out = sys.stderr
    color = {"always": True, "never": False}.get(args.color)
    if args.output_format == "text":
        text_report.render(results, registry, report_out, color=color,
                           show_source=not args.no_source, unsafe=args.unsafe_fixes)
    else:
        FORMATS[args.output_format](results, registry, report_out)
    if args.statistics:
        text_report.statistics(results, registry, sys.stderr if args.output_format != "text" else report_out)
    if not args.quiet and args.output_format == "text":
        text_report.summary(results, report_out, fixing=args.fix, unsafe=args.unsafe_fixes, color=color)
    if io_error:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.diagnostics for d in results) else EXIT_CLEAN


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


def _choose(f: FileResult, unsafe: bool) -> str:
    """The file text that --fix writes: all fixes with --unsafe-fixes, else the safe ones."""
    return f.new_text if unsafe else (f.safe_text or f.before)


def _print_diffs(files: list[FileResult], io_error: bool) -> int:
    """Per file: the safe fixes as one patch, then the unsafe ones as a second patch."""
    changed = False
    out = sys.stdout
    for f in files:
        if f.new_text is None or f.decoded is None:
            continue
        before = f.decoded.encode(f.before).decode(f.decoded.encoding)
        safe = f.decoded.encode(f.safe_text or f.before).decode(f.decoded.encoding)
        after = f.decoded.encode(f.new_text).decode(f.decoded.encoding)
        name = f.path
        if safe != before:
            out.write(f"# mtlint: safe fixes for {name}\n{unified(name, before, safe)}")
            changed = True
        if after != safe:
            out.write(f"# mtlint: unsafe fixes for {name} (review before applying)\n"
                      f"{unified(name, safe, after)}")
            changed = True
    if io_error:
        return EXIT_ERROR
    return EXIT_FINDINGS if changed else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
