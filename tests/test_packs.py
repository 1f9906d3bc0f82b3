"""YAML rule packs: the three kinds work on real text, and bad packs fail clearly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import regex
import yaml

from linter.config import Config
from linter.document import Document
from linter.memo import MAX_CHARS
from linter.packs import LineScanner, PackError, Words, builtin_packs, load_pack
from linter.runner import Linter
from linter.textutil import literal_alternation

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


# -- line scope: per-line matching finds what one pattern over the whole text finds --------------
ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "AdvertisementThe army said it would regroup.Read more\n",
    "  Comments \u00a0\nThe talks ended.\u00a0Comments\t\n",
    "It ended.top of page\nbottom of page",
    "The talks ended.\n\n2 views0 comments\n\n14 views\n",
    "Share this articleShare this article\nSponsored contentSponsoredAdvertisement The end.",
    "Comments\r\nThe end.\r\nRead more: Rebels enter Homs\r\n",
    "",
    "\n\n",
    "Home\nhome \nHOME\nHomes\nSharePoint\n",
    "Copyright 2008 The Associated Press. All rights reserved.© 2024 Example Media\n",
]


def _whole_text_pattern(entry: dict) -> regex.Pattern:
    """A line-scope rule as one pattern over the whole document."""
    parts = [regex.escape(t) for t in entry.get("tokens", [])]
    parts += [f"(?:{p})" for p in entry.get("patterns", [])]
    body = "|".join(sorted(parts, key=len, reverse=True))
    space = r"[ \t\u00a0]*"
    pattern = f"^{space}(?P<m>{body}){space}$"
    if entry.get("glued"):
        pattern += (
            rf"|(?<=[.!?:;,”\"’)\]\p{{L}}\p{{N}}])(?P<m>{body}){space}$"
            rf"|^{space}(?P<m>{body})(?=\p{{Lu}})"
        )
    return regex.compile(pattern, (regex.I if entry.get("ignorecase") else 0) | regex.M)


def _line_scope_rules() -> list[tuple[dict, object]]:
    found = []
    for path in builtin_packs():
        entries = {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))}
        for rule in load_pack(path):
            if entries[rule.id].get("scope") == "line":
                found.append((entries[rule.id], rule))
    return found


def test_line_scope_matches_like_one_pattern_over_the_text():
    rules = _line_scope_rules()
    assert len(rules) >= 9
    texts = list(TRICKY)
    for folder in ("seeds", "fixtures"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / folder).glob("*.*[dt]"))]
    texts += [ex.plain for _, rule in rules for ex in (*rule.fails, *rule.passes)]
    fired = set()
    for text in texts:
        doc = Document(text, "t.txt")
        for entry, rule in rules:
            expected = [m.span("m") for m in _whole_text_pattern(entry).finditer(text)]
            assert [(h.start, h.end) for h in rule.check(doc, None)] == expected, (rule.id, text)
            fired.update([rule.id] if expected else [])
    assert {"BP001", "BP002", "BP003", "BP004", "BP005"} <= fired


def test_line_scope_glued_end_starts_after_glued_start():
    entry = {"tokens": ["ReadMe", "MeToo", "Too"], "glued": True}
    scanner = LineScanner(entry, "ReadMe|MeToo|Too", 0)
    for line in ("ReadMeToo", "ReadMeMeToo", "ReadMe", "It ended.MeToo", "Read MeToo"):
        expected = [m.span("m") for m in _whole_text_pattern(entry).finditer(line)]
        assert [(m.start, m.end) for m in scanner(line)] == expected, line
    assert [(m.start, m.end) for m in scanner("ReadMeToo")] == [(0, 6), (6, 9)]


def test_line_scope_glued_start_and_end_in_one_line():
    chrome = [rule for _, rule in _line_scope_rules() if rule.id == "BP004"]
    text = "AdvertisementThe army said it would regroup.Read more\nNext line.\n"
    found = _lint(chrome, text).diagnostics
    assert [text[d.start : d.end] for d in found] == ["Advertisement", "Read more"]
    assert _lint(chrome, text, fix=True).doc.text == "The army said it would regroup.\nNext line.\n"


def test_line_scanner_memoises_short_lines_only():
    entry = {"tokens": ["Read more"], "glued": True}
    scanner = LineScanner(entry, regex.escape("Read more"), 0)
    assert scanner("It ended.Read more") == scanner("It ended.Read more")
    assert scanner.memo.cache_info().currsize == 1
    long_line = "x" * MAX_CHARS + ".Read more"
    assert [(m.start, m.end) for m in scanner(long_line)] == [(len(long_line) - 9, len(long_line))]
    assert scanner.memo.cache_info().currsize == 1
    assert scanner("Read more")[0].whole and not scanner("It ended.Read more")[0].whole
    assert scanner("Nothing to see here.") == ()


# -- literal words: the cheap test never skips a document a pattern matches -------------------
def test_only_known_characters_match_ascii_letters_case_insensitively():
    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    others = set(regex.findall("[a-zA-Z]", every, flags=regex.I))
    assert others == {"İ", "ı", "ſ", "\u212a"}


def test_words_count_case_insensitive_matches():
    text = "KİſS, \u212aIſSES"
    assert literal_alternation(["kiss"], True).search(text)
    assert literal_alternation(["kisses"], True).search(text)
    assert Words(["kiss", "kisses", "hug"], True).count(Document(text)) == 2
    assert Words(["kiss"], False).count(Document(text)) == 0
    assert Words(["Kuß"], True).any(Document("nothing"))  # not ASCII: always tried
    assert not Words(["hug", "kiss"], True).any(Document("Nothing here."))


def test_consistency_fires_on_forms_folded_case(pack):
    either = [r for r in pack if r.id == "CO901"]
    found = _lint(either, "PERCENT, Percent and per cent.").diagnostics
    assert [(d.start, d.end) for d in found] == [(21, 29)]
    assert _lint(either, "Up 5 per cent, then 6 per cent.").diagnostics == []
