"""The fixer: non-overlapping edits, one pass, idempotence, text outside edits untouched."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.config import Config
from linter.fixes import FixError, apply, fix_text, select
from linter.model import Applicability, Category, Diagnostic, Edit, Fix, Severity
from linter.runner import Linter

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY


def diag(start, end, repl, applicability=SAFE, rule="WS001"):
    return Diagnostic(
        rule,
        Category.WHITESPACE,
        Severity.WARNING,
        start,
        end,
        "m",
        Fix.replace(start, end, repl, "d", applicability),
    )


def test_apply_in_one_pass():
    assert apply("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A")]) == "AbcdEf"


def test_apply_refuses_overlap():
    with pytest.raises(ValueError):
        apply("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])


def test_select_skips_overlapping_and_touching_and_duplicates():
    chosen = select(
        [
            diag(0, 3, "x"),
            diag(2, 5, "y"),
            diag(3, 4, "z"),
            diag(6, 7, "w"),
            diag(6, 7, "w", rule="WS002"),
        ],
        unsafe=False,
    )
    assert [(d.start, d.fix.edits[0].replacement) for d in chosen] == [(0, "x"), (6, "w")]


def test_select_honours_applicability():
    diags = [diag(0, 1, "a", SAFE), diag(2, 3, "b", UNSAFE), diag(4, 5, "c", DISPLAY)]
    assert len(select(diags, unsafe=False)) == 1
    assert len(select(diags, unsafe=True)) == 2


def test_non_converging_fix_is_an_error():
    def lint(text):  # a rule bug: always finds something new to insert
        return [diag(0, 0, "x")]

    with pytest.raises(FixError, match="did not converge"):
        fix_text("abc", lint)


LINTER = Linter(
    __import__("linter.rules_loader", fromlist=["x"])
    .load_registry(Config())
    .select(["WS", "EN", "RE", "PU"]),
    Config(),
)
ALPHABET = st.sampled_from(
    list("abc XYZ.,!?\"“”()'\n\t")
    + ["\u00a0", "\u200b", "the ", "The ", "â€™", "\x07", "  ", "\n\n\n\n", "year.The", " At the "]
)
texts = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_in_range_and_edits_well_formed(text):
    result = LINTER.lint_text(text, "t.txt")
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.booleans())
def test_fix_is_idempotent(text, unsafe):
    fixer = Linter(LINTER.rules, Config(), fix=True, unsafe=unsafe)
    once = fixer.lint_text(text, "t.txt").doc.text
    twice = fixer.lint_text(once, "t.txt").doc.text
    assert twice == once


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_text_outside_edits_is_unchanged(text):
    diags = LINTER.lint_text(text, "t.txt").diagnostics
    chosen = select(diags, unsafe=True)
    edits = sorted((e for d in chosen for e in d.fix.edits), key=lambda e: e.start)
    fixed = apply(text, edits)
    pos = shift = 0
    for e in edits:
        assert fixed[pos + shift : e.start + shift] == text[pos : e.start]
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    assert fixed[pos + shift :] == text[pos:]
