"""The Dask runner on a real LocalCluster gives the same findings as a local run."""

from __future__ import annotations

import pytest

from linter.config import Config
from linter.rules_loader import load_registry
from linter.runner import Linter, corpus_stats, make_tasks, task_documents

from .conftest import ROOT

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


def _local(paths, select):
    registry = load_registry(Config())
    rules = registry.select(select)
    linter = Linter(rules, Config())
    tasks = list(make_tasks(paths))
    linter.corpus = corpus_stats(d for t in tasks for d in task_documents(t, linter.config))
    return {
        doc.path: [(d.rule, d.start, d.end, d.message) for d in doc.diagnostics]
        for t in tasks
        for doc in linter.run(t).docs
    }


def test_local_cluster_matches_local_run():
    from linter.dask import lint_bag

    paths = [str(p) for p in sorted((ROOT / "seeds").iterdir())]
    select = None
    expected = _local(paths, select)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        results = lint_bag(db.from_sequence(paths, npartitions=3), select=select).compute()
    got = {
        r["path"]: [
            (f["rule"], f["span"]["start"], f["span"]["end"], f["message"]) for f in r["findings"]
        ]
        for r in results
    }
    assert got == expected
    assert sum(len(v) for v in got.values()) > 5


def test_records_and_fixed_texts():
    from linter.dask import lint_bag

    bag = db.from_sequence([{"id": "a", "text": "The army  left.\n"}, ("b", "It ended.The end.\n")])
    results = {r["path"]: r for r in lint_bag(bag, fix=True).compute(scheduler="sync")}
    assert results["a.txt"]["fixed"] == "The army left.\n"
    assert results["b.txt"]["fixed"] == "It ended. The end.\n"
