"""The same two passes on a Dask cluster: lint a ``dask.bag`` of documents or paths.

    import dask.bag as db
    from linter.dask import lint_bag

    bag = db.from_sequence(paths, npartitions=64)        # or {"id", "text"} records
    results = lint_bag(bag, select=["BP", "DU", "TL"]).compute()

Pass 1 maps every partition to corpus statistics and folds them into one; pass 2 lints every
partition with those statistics. Each result is one document:
``{"path", "findings": [...], "fixed": str | None}``, findings being the objects of the JSON
output contract (docs/output.md) and ``fixed`` the text after fixes when ``fix`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dask.bag as db

from .config import Config
from .corpus import CorpusStats
from .report.json import finding
from .rules_loader import load_registry
from .runner import Linter, Task, make_tasks, task_documents


def _tasks(items: Iterable[Any]) -> Iterator[Task]:
    """Tasks for bag items: paths (str or Path) or records ``{"id", "text"}`` / ``(id, text)``."""
    for item in items:
        if isinstance(item, (str, Path)):
            yield from make_tasks([Path(item)])
            continue
        key, text = (item["id"], item["text"]) if isinstance(item, dict) else item
        name = str(key) if str(key).lower().endswith((".txt", ".md")) else f"{key}.txt"
        yield Task(name, "text", data=text.encode("utf-8"))


def _partition_stats(items: Iterable[Any], config: Config) -> list[CorpusStats]:
    stats = CorpusStats()
    for task in _tasks(items):
        for doc in task_documents(task, config):
            stats.add(doc)
    return [stats]


def _merge(a: CorpusStats, b: CorpusStats) -> CorpusStats:
    return CorpusStats().merge(a).merge(b)


def _partition_lint(
    items: Iterable[Any],
    stats: CorpusStats,
    config: Config,
    select: list[str] | None,
    fix: bool,
    unsafe: bool,
) -> list[dict[str, Any]]:
    registry = load_registry(config)
    rules = registry.select(select or config.select, config.ignore, config.extend_select)
    linter = Linter(rules, config, stats, fix=fix, unsafe=unsafe)
    out = []
    for task in _tasks(items):
        result = linter.run(task)
        for doc in result.docs:
            out.append(
                {
                    "path": doc.path,
                    "findings": [finding(doc, d, registry) for d in doc.diagnostics],
                    "fixed": doc.doc.text if fix else None,
                }
            )
    return out


def corpus_stats(bag: db.Bag, config: Config | None = None):
    """Pass 1 as a Dask computation: the merged statistics of every document in ``bag``."""
    config = config or Config()
    return bag.map_partitions(_partition_stats, config).fold(_merge, _merge, initial=CorpusStats())


def lint_bag(
    bag: db.Bag,
    config: Config | None = None,
    select: list[str] | None = None,
    fix: bool = False,
    unsafe: bool = False,
) -> db.Bag:
    """Pass 2 on ``bag``, with the statistics of pass 1: a bag of per-document results."""
    config = config or Config()
    stats = corpus_stats(bag, config)
    return bag.map_partitions(_partition_lint, stats, config, select, fix, unsafe)
