"""Realistic fixture documents: every planted artifact is reported, nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import fixtures
from linter.config import Config
from linter.document import Document
from linter.runner import Linter, corpus_stats

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SIDECARS = sorted(FIXTURES.glob("*.expected.json"))


def test_there_are_enough_fixtures():
    clean = [s for s in SIDECARS if not fixtures.load(s)[1]]
    assert len(SIDECARS) >= 12 and len(clean) >= 3


@pytest.mark.parametrize("sidecar", SIDECARS, ids=[s.name.split(".")[0] for s in SIDECARS])
def test_fixture(sidecar, registry):
    path, expected = fixtures.load(sidecar)
    text = path.read_text(encoding="utf-8")
    linter = Linter(registry.select(), Config())
    linter.corpus = corpus_stats([Document(text, path.name)])
    result = linter.lint_text(text, path.name)
    met, unmet, extra = fixtures.match(text, expected, result.diagnostics)
    assert not unmet, [f"{u.rule} {u.find!r} ({u.status})" for u in unmet]
    assert not extra, [f"{d.rule} {text[d.start : d.end]!r}: {d.message}" for d in extra]
