"""Every rule's own examples: ``fails`` must report the ⟦marked⟧ spans and fix to ``fixed``;
``passes`` must stay silent (LanguageTool's PatternRuleTest, for every rule at once)."""

from __future__ import annotations

import pytest

from linter.config import Config
from linter.document import Document
from linter.rules_loader import load_registry
from linter.runner import Linter, corpus_stats

# A rule that needs a service (LanguageTool) runs its examples in that backend's tests, against
# a protocol double of the service (tests/test_languagetool.py).
RULES = [r for r in load_registry(Config()) if r.backend is None]


def _linter(rule, example, fix=False):
    linter = Linter([rule], Config(), fix=fix, unsafe=True)
    if example.corpus:
        docs = [Document(t, f"corpus-{i}.txt") for i, t in enumerate(example.corpus)]
        linter.corpus = corpus_stats(docs + [Document(example.plain, "example.txt")])
    return linter


def _path(example) -> str:
    return "example.md" if example.markdown else "example.txt"


CASES = [(r, e) for r in RULES for e in r.fails]
PASSES = [(r, e) for r in RULES for e in r.passes]


@pytest.mark.parametrize(
    "rule,example", CASES, ids=[f"{r.id}-fails-{i}" for i, (r, _) in enumerate(CASES)]
)
def test_fails_example_is_reported(rule, example):
    result = _linter(rule, example).lint_text(example.plain, _path(example))
    spans = sorted((d.start, d.end) for d in result.diagnostics)
    assert spans, f"{rule.id} did not report {example.text!r}"
    if example.marked:
        assert spans == sorted(example.marked), f"{rule.id} on {example.text!r}: {spans}"
    for d in result.diagnostics:
        assert d.rule == rule.id and d.message and "{" not in d.message
    if example.fixed is not None:
        fixed = _linter(rule, example, fix=True).lint_text(example.plain, _path(example))
        assert fixed.doc.text == example.fixed
        again = _linter(rule, example).lint_text(fixed.doc.text, _path(example))
        assert not [
            d for d in again.diagnostics if d.fix and d.fix.applicability.value != "display"
        ]


@pytest.mark.parametrize(
    "rule,example", PASSES, ids=[f"{r.id}-passes-{i}" for i, (r, _) in enumerate(PASSES)]
)
def test_passes_example_is_silent(rule, example):
    result = _linter(rule, example).lint_text(example.plain, _path(example))
    assert result.diagnostics == [], f"{rule.id} reported {example.text!r}: {result.diagnostics}"
