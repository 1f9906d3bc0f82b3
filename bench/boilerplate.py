"""Measure the BP and DU fixes on scraped pages with a gold article text.

usage: python bench/boilerplate.py [--data DIR] [--show N]

For each data set (JSONL records with ``text``, the whole page, and ``gold``, the article),
every page is linted with the BP and DU rules, corpus statistics taken over the whole file,
and fixed with the safe and unsafe fixes. Lines are compared after ``normalise_line``:

- non-article lines: lines of the page that are not lines of the gold article (nor, for lines
  of four words or more, part of its text). Reported: the share the fixes remove.
- article lines: lines of the page that are lines of the gold (or part of its text). Reported:
  how many the fixes remove with no copy left (damage; target: none), and how many extra copies
  of a line that both the page and the gold hold more than once they remove (deduplication).
- repeated headline: pages whose first gold line occurs at least twice in the page text.
  Reported: how many of them have a DU finding on one of its occurrences.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.config import Config  # noqa: E402
from linter.corpus import normalise_line  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.rules_loader import load_registry  # noqa: E402
from linter.runner import Linter, corpus_stats  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "boilerplate"
SETS = ("scrapinghub_aeb.jsonl", "l3s_gn1_googlenews.jsonl")
ARTICLE_SUBSTRING_WORDS = 4


def _keys(text: str) -> Counter[str]:
    return Counter(k for k in (normalise_line(line) for line in text.split("\n")) if k)


class Tally:
    """Line counts of one data set."""

    def __init__(self) -> None:
        self.pages = self.other = self.other_removed = self.article = 0
        self.article_lost = self.copies_removed = 0
        self.repeated = self.caught = 0
        self.caught_by: Counter[str] = Counter()
        self.flagged: dict[str, Counter[str]] = {}
        self.lost: list[tuple[str, str]] = []

    def page(self, record: dict, before: str, after: str, diagnostics: list) -> None:
        self.pages += 1
        gold, page, fixed = _keys(record["gold"]), _keys(before), _keys(after)
        joined = f" {' '.join(normalise_line(record['gold']).split())} "

        def in_gold(key: str) -> int:
            if gold[key] or key.count(" ") + 1 < ARTICLE_SUBSTRING_WORDS:
                return gold[key]
            return joined.count(f" {key} ")

        for key, count in page.items():
            kept = min(count, in_gold(key))
            if not kept:
                self.other += count
                self.other_removed += max(0, count - fixed[key])
            elif not fixed[key]:
                self.article += kept
                self.article_lost += kept
                self.lost.append((record["id"], key))
            else:
                self.article += kept
                self.copies_removed += max(0, kept - fixed[key])
        lines = before.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        for d in diagnostics:
            key = normalise_line(lines[bisect.bisect_right(starts, d.start) - 1])
            kind = "article" if in_gold(key) else "other"
            self.flagged.setdefault(d.rule, Counter())[kind] += 1
        headline = next((line.strip() for line in record["gold"].split("\n") if line.strip()), "")
        spans = _occurrences(before, headline)
        if len(spans) >= 2:
            self.repeated += 1
            rules = {
                d.rule
                for d in diagnostics
                if d.rule.startswith("DU") and any(d.start < e and s < d.end for s, e in spans)
            }
            if rules:
                self.caught += 1
                self.caught_by.update(rules)

    def report(self, name: str, seconds: float) -> str:
        share = self.other_removed / self.other if self.other else 0.0
        rows = [
            f"{name}: {self.pages} pages, {seconds:.1f} s",
            f"  non-article lines removed: {self.other_removed} of {self.other} ({share:.1%})",
            f"  article lines removed:     {self.article_lost} of {self.article}"
            f" (and {self.copies_removed} extra copies of repeated ones)",
            f"  repeated-headline pages:   {self.repeated}, caught by DU: {self.caught}"
            f" ({', '.join(f'{r} {n}' for r, n in sorted(self.caught_by.items()))})",
            "  findings on non-article / article lines:",
        ]
        for rule_id, counts in sorted(self.flagged.items()):
            rows.append(f"    {rule_id}  {counts['other']:6} / {counts['article']}")
        return "\n".join(rows)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, index = [], text.find(needle) if needle else -1
    while index >= 0:
        spans.append((index, index + len(needle)))
        index = text.find(needle, index + 1)
    return spans


def run(path: Path, show: int) -> str:
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()
    ]
    config = Config()
    rules = load_registry(config).select(["BP", "DU"])
    started = time.perf_counter()
    names = [f"{path.name}#{r['id']}" for r in records]
    parts = set().union(*(r.corpus for r in rules))  # the statistics these rules read
    stats = corpus_stats(
        (Document(r["text"], name, False, False) for r, name in zip(records, names, strict=True)),
        parts,
    )
    check = Linter(rules, config, corpus=stats)
    fix = Linter(rules, config, corpus=stats, fix=True, unsafe=True)
    tally = Tally()
    for record, name in zip(records, names, strict=True):
        found = check.lint_text(record["text"], name, markdown=False, whole_file=False)
        fixed = fix.lint_text(record["text"], name, markdown=False, whole_file=False)
        tally.page(record, record["text"], fixed.doc.text, found.diagnostics)
    out = tally.report(path.name, time.perf_counter() - started)
    for page, key in tally.lost[:show]:
        out += f"\n    lost article line in {page[:12]}: {key[:100]!r}"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the JSONL data sets")
    parser.add_argument("--show", type=int, default=0, help="list this many lost article lines")
    args = parser.parse_args()
    for name in SETS:
        print(run(args.data / name, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
