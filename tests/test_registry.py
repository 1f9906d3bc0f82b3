"""The registry: metadata is complete and well-formed; selection works as documented."""

from __future__ import annotations

import re

import pytest

from linter.model import Category
from linter.registry import Registry


def test_ids_are_unique_and_well_formed(registry):
    ids = [r.id for r in registry]
    assert len(ids) == len(set(ids))
    for r in registry:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", r.id)
        assert r.id[:2] == r.category.prefix
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", r.name)
        assert r.message.strip() and r.rationale.strip()
        assert r.fails and r.passes


def test_names_are_unique(registry):
    names = [r.name for r in registry]
    assert len(names) == len(set(names))


def test_python_rules_live_in_their_family_module(registry):
    family = {"WS": "whitespace", "EN": "encoding", "RE": "repetition", "PU": "punctuation"}
    for r in registry:
        if r.id[:2] in family and r.origin.startswith("linter.checks."):
            assert r.origin.split(".")[2] == family[r.id[:2]]


def test_every_category_prefix_is_distinct():
    prefixes = [c.prefix for c in Category]
    assert len(prefixes) == len(set(prefixes))


def test_select_by_id_prefix_and_category(registry):
    ws = registry.select(["WS"])
    assert ws and all(r.id.startswith("WS") for r in ws)
    assert [r.id for r in registry.select(["whitespace"])] == [r.id for r in ws]
    assert [r.id for r in registry.select(["WS001"])] == ["WS001"]
    assert "WS001" not in {r.id for r in registry.select(None, ignore=["WS001"])}
    both = {r.id for r in registry.select(["WS001"], extend_select=["EN"])}
    assert "WS001" in both and any(i.startswith("EN") for i in both)


def test_unknown_selector_is_an_error(registry):
    with pytest.raises(ValueError, match="unknown rule selector"):
        registry.select(["ZZ9"])


def test_duplicate_ids_are_refused(registry):
    rule = next(iter(registry))
    with pytest.raises(ValueError, match="duplicate rule id"):
        Registry([rule, rule])


def test_preview_rules_are_off_by_default(registry):
    from dataclasses import replace

    rule = replace(next(iter(registry)), id="WS999", name="preview-rule", preview=True)
    reg = Registry(list(registry) + [rule])
    assert "WS999" not in {r.id for r in reg.select()}
    assert "WS999" in {r.id for r in reg.select(preview=True)}
    assert "WS999" in {r.id for r in reg.select(["WS999"])}


def test_a_rule_gives_way_only_to_the_rules_it_yields_to(make_linter):
    # EN002 yields to EN001: a C1 control character inside mojibake is EN001's to repair,
    # but still EN002's to report when EN001 does not run.
    text = "Glazer's controversial \u00c3\u0082\u00c2\u00a3790million takeover.\n"
    both = make_linter(select=["EN001", "EN002"]).lint_text(text, "t.txt").diagnostics
    assert [d.rule for d in both] == ["EN001"]
    alone = make_linter(select=["EN002"]).lint_text(text, "t.txt").diagnostics
    assert [d.rule for d in alone] == ["EN002"]
    fixed = make_linter(select=["EN001", "EN002"], fix=True).lint_text(text, "t.txt").doc.text
    assert fixed == "Glazer's controversial £790million takeover.\n"
