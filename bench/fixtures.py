"""Precision and recall per rule family on the fixture documents (fixtures/*.expected.json).

    python bench/fixtures.py

Each sidecar lists the artifacts planted in its document; ``missed`` entries are artifacts that
mtlint does not report, ``false-positive`` entries findings that are not artifacts, and any
finding the sidecar does not explain counts as a false positive too.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter import fixtures  # noqa: E402
from linter.config import Config  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.rules_loader import load_registry  # noqa: E402
from linter.runner import Linter, corpus_stats  # noqa: E402


def main() -> int:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    registry = load_registry(Config())
    sidecars = sorted((ROOT / "fixtures").glob("*.expected.json"))
    for sidecar in sidecars:
        path, expected = fixtures.load(sidecar)
        text = path.read_text(encoding="utf-8")
        linter = Linter(registry.select(), Config())
        linter.corpus = corpus_stats([Document(text, path.name)])
        diags = linter.lint_text(text, path.name).diagnostics
        met, unmet, extra = fixtures.match(text, expected, diags)
        for item in met:
            family = item.rule[:2]
            {"found": tp, "missed": fn, "false-positive": fp}[item.status][family] += 1
        for item in unmet:  # the sidecar disagrees with the tool: count what the tool did
            if item.status == "found":
                fn[item.rule[:2]] += 1
            elif item.status == "missed":
                tp[item.rule[:2]] += 1
        for d in extra:
            fp[d.rule[:2]] += 1
    print(f"{len(sidecars)} fixture documents")
    print(f"{'family':<7} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    for family in sorted(set(tp) | set(fp) | set(fn)):
        t, f, n = tp[family], fp[family], fn[family]
        precision = t / (t + f) if t + f else 1.0
        recall = t / (t + n) if t + n else 1.0
        print(f"{family:<7} {t:4d} {f:4d} {n:4d} {precision:10.2f} {recall:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
