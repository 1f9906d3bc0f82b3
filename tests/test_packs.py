"""YAML rule packs: the three kinds work on real text, and bad packs fail clearly."""

from __future__ import annotations

import textwrap

import pytest

from linter.config import Config
from linter.packs import PackError, load_pack
from linter.runner import Linter

PACK = """
- id: MT901
  name: test-swap
  kind: substitution
  category: mistranslation
  severity: error
  message: "'{match}' is a country; here it is the province {replacement}"
  rationale: Machine translation confuses similar names.
  when: {document_mentions: [Syria, Damascus]}
  swap: {Swaziland: Suwayda}
  fails:
    - text: "Druze fighters took bases in ⟦Swaziland⟧ near Damascus."
      fixed: "Druze fighters took bases in Suwayda near Damascus."
  passes: ["King Mswati III of Swaziland opened parliament."]
- id: BP901
  name: test-chrome
  kind: existence
  category: boilerplate
  severity: warning
  message: "Page chrome: '{match}'"
  rationale: Navigation text is not article text.
  tokens: [top of page, bottom of page]
  ignorecase: true
  scope: line
  glued: true
  action: delete
  fails:
    - {text: "⟦top of page⟧\\nArticle text.\\n", fixed: "Article text.\\n"}
    - {text: "It ended at that time.⟦top of page⟧\\n", fixed: "It ended at that time.\\n"}
  passes: ["Scroll to the top of page five for the table."]
- id: CO901
  name: test-either
  kind: consistency
  category: consistency
  severity: info
  message: "'{match}' and '{preferred}' both appear; '{preferred}' is used {count} times"
  rationale: One document, one spelling.
  either: [[percent, per cent]]
  fails:
    - text: "Up 5 percent, then 6 percent, then 7 ⟦per cent⟧."
      fixed: "Up 5 percent, then 6 percent, then 7 percent."
  passes: ["Up 5 per cent, then 6 per cent."]
"""


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(PACK, encoding="utf-8")
    return load_pack(path)


def _lint(rules, text, fix=False):
    return Linter(rules, Config(), fix=fix, unsafe=True).lint_text(text, "t.txt")


def test_substitution_respects_when(pack):
    swap = [r for r in pack if r.id == "MT901"]
    hit = _lint(swap, "Fighting in Swaziland, south of Damascus.").diagnostics
    assert [(d.start, d.end) for d in hit] == [(12, 21)]
    assert "province Suwayda" in hit[0].message
    assert _lint(swap, "Fighting in Swaziland.").diagnostics == []


def test_existence_line_scope_deletes_whole_lines_only(pack):
    chrome = [r for r in pack if r.id == "BP901"]
    text = "Top of page\nThe army said it would go to the top of page one.\nBottom of page\n"
    result = _lint(chrome, text, fix=True)
    assert result.doc.text == "The army said it would go to the top of page one.\n"


def test_consistency_flags_minority(pack):
    either = [r for r in pack if r.id == "CO901"]
    found = _lint(either, "It rose 2 per cent, 3 per cent and then 4 percent.").diagnostics
    assert len(found) == 1 and found[0].message.startswith("'percent' and 'per cent'")


def _bad(tmp_path, body: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(path)
    return str(info.value)


GOOD = """\
- id: BP902
  name: chrome
  kind: existence
  category: boilerplate
  severity: warning
  message: "chrome"
  rationale: chrome
  tokens: [Advertisement]
  fails: ["⟦Advertisement⟧"]
  passes: ["plain"]
"""


def test_unknown_field_names_file_entry_and_field(tmp_path):
    message = _bad(tmp_path, GOOD + "  colour: red\n")
    assert "bad.yaml" in message and "entry 1 (BP902)" in message and "colour" in message


def test_bad_value_names_the_field(tmp_path):
    message = _bad(tmp_path, GOOD.replace("severity: warning", "severity: loud"))
    assert "field 'severity'" in message


def test_bad_regex_is_reported_at_load(tmp_path):
    message = _bad(tmp_path, GOOD.replace("tokens: [Advertisement]", "patterns: ['(unclosed']"))
    assert "BP902" in message


def test_missing_examples_are_refused(tmp_path):
    message = _bad(tmp_path, GOOD.replace('  passes: ["plain"]\n', ""))
    assert "passes" in message


def test_category_must_match_prefix(tmp_path):
    message = _bad(tmp_path, GOOD.replace("category: boilerplate", "category: spelling"))
    assert "prefix" in message


def test_unknown_kind(tmp_path):
    message = _bad(tmp_path, GOOD.replace("kind: existence", "kind: magic"))
    assert "field 'kind'" in message


def test_pack_examples_run(pack):
    for rule in pack:
        for example in rule.fails:
            result = _lint([rule], example.plain, fix=True)
            assert result.doc.text == example.fixed
        for example in rule.passes:
            assert _lint([rule], example.plain).diagnostics == []
