"""CO: British and American spelling mixed in one document; curly and straight quotes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from linter.checks.consistency import (
    _WORD,
    BRITISH,
    Leaning,
    _variant,
    _variant_spans,
    spelling_uses,
)
from linter.config import Config
from linter.document import Document
from linter.engine import Context

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lint(make_linter, text: str, select=("CO",), fix: bool = False):
    return make_linter(select=list(select), fix=fix, unsafe=True).lint_text(text, "t.txt")


def _found(make_linter, text: str, select=("CO",)) -> list[tuple[str, str]]:
    diags = _lint(make_linter, text, select).diagnostics
    return [(d.rule, text[d.start : d.end]) for d in diags]


def test_seed_000_defense_defence_and_the_american_majority(make_linter):
    text = (SEEDS / "000_d63e0e97bfe59d35.txt").read_text(encoding="utf-8")
    diags = _lint(make_linter, text).diagnostics
    found = [(d.rule, text[d.start : d.end]) for d in diags]
    assert found == [("CO001", "defense"), ("CO001", "defence"), ("CO002", "sceptical")]
    lines = text[diags[0].start : diags[0].start + 13], text[diags[1].start - 9 : diags[1].end]
    assert lines == ("defense lines", "lines of defence")
    # The word is split evenly: both ends are shown, the fix follows the American majority.
    assert diags[0].fix is None
    assert diags[1].fix.edits[0].replacement == "defense"
    assert diags[2].fix.edits[0].replacement == "skeptical"
    assert "The Defense Ministry" in _lint(make_linter, text, fix=True).doc.text


def test_seed_000_counts_names_and_quotes_out():
    text = (SEEDS / "000_d63e0e97bfe59d35.txt").read_text(encoding="utf-8")
    words = [u.word for u in spelling_uses(Document(text))]
    assert words == ["defense", "defence", "sceptical", "armored", "kilometers", "centers"]


@pytest.mark.parametrize("seed", ["001", "002", "003", "004"])
def test_other_seeds_are_consistent(make_linter, seed):
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    assert _lint(make_linter, path.read_text(encoding="utf-8")).diagnostics == []


def test_a_document_spelled_one_way_is_not_read_further(registry):
    """Its quotations and names cannot change what the rules report: they are not read."""
    rules = registry.select(["CO001", "CO002"])
    ctx = Context(Config())
    one_way = Document("The neighbours' \"colour\" and the centre's honour; Labour met.")
    mixed = Document("The neighbours' \"colour\" and the centre's color.")
    for doc in (one_way, mixed):
        assert [h for rule in rules for h in rule.check(doc, ctx)] == []
    assert "quotations" not in one_way.__dict__ and "quotations" in mixed.__dict__


def test_one_american_form_in_a_british_text_is_reported(make_linter):
    text = "The neighbours said the centre's colour was odd; the defense held."
    assert _found(make_linter, text) == [("CO002", "defense")]
    fixed = _lint(make_linter, text, fix=True).doc.text
    assert fixed == "The neighbours said the centre's colour was odd; the defence held."


def test_document_leaning_overrides_a_word_majority(make_linter):
    text = "The neighbours, the centre, its colour: defense, defense and then defence."
    assert _found(make_linter, text) == [("CO001", "defense"), ("CO001", "defense")]


def test_word_majority_decides_when_the_document_does_not_lean(make_linter):
    text = "The colour, the colour again, and the color."
    assert _found(make_linter, text) == [("CO001", "color")]


def test_weak_leaning_does_not_report_single_forms(make_linter):
    # Two British words to one American: not three times as many, so nothing is reported.
    assert _lint(make_linter, "The colour of the centre and the armored car.").diagnostics == []
    assert Leaning(british=2, american=1).clear is None
    assert Leaning(british=3, american=1).clear == BRITISH
    assert Leaning(british=5, american=2).clear is None


@pytest.mark.parametrize(
    "text",
    [
        # US text with American names and British-spelled names.
        "The Defense Department's center said the color guard joined the Labour Party delegation.",
        # Australian English: the Labor Party is a name.
        "Australia's Labor Party said the organisation's defence programme was on track.",
        # Indian English.
        "The ministry's centre said the colour of the flag and the honour guard would not change.",
        # Names in British text.
        "The neighbours, the centre, the colour and Pearl Harbor; the World Health Organization "
        "and the Center Party.",
        # Oxford spelling: '-ize' is British too.
        "The organization's centre said the colour of the harbour was realized in full.",
        # Two different words, not two spellings.
        "The neighbours watched a TV programme about a computer program at the centre.",
        "The colour, the centre and the honour of forensic analyses.",
        # A quotation keeps its source's spelling.
        'The centre, the colour, the neighbours: "the defense held," he said.',
    ],
)
def test_names_quotes_and_house_styles_are_silent(make_linter, text):
    assert _lint(make_linter, text).diagnostics == []


def test_capitalised_word_opening_a_sentence_counts_when_also_written_in_lower_case(make_linter):
    text = "The neighbours, the centre, the colour, the honour. Defense held; the defense won."
    assert _found(make_linter, text) == [("CO002", "Defense"), ("CO002", "defense")]
    fixed = _lint(make_linter, text, fix=True).doc.text
    assert fixed.endswith("Defence held; the defence won.")


def test_capitalised_word_opening_a_sentence_may_be_a_name(make_linter):
    text = "The neighbours, the centre, the colour and the honour. Sabres fans sang."
    assert _lint(make_linter, text).diagnostics == []


def test_mixed_quotes_report_the_minority_with_counts(make_linter):
    text = '“One,” he said. “Two,” she said. "Three," they said.'
    diags = _lint(make_linter, text, select=["CO003"]).diagnostics
    assert [text[d.start] for d in diags] == ['"', '"']
    assert diags[0].message == (
        "Straight quotation mark in a document that also uses curly ones (4 curly, 2 straight)"
    )
    assert all(d.fix.applicability.value == "display" for d in diags)
    assert [d.fix.edits[0].replacement for d in diags] == ["“", "”"]
    # Display fixes are never applied.
    assert _lint(make_linter, text, select=["CO003"], fix=True).doc.text == text


def test_apostrophes_are_counted_apart_from_double_quotes(make_linter):
    assert _lint(make_linter, "“Assad's office,” he said.", select=["CO003"]).diagnostics == []
    text = "Assad’s office and the army’s lines; the regime's denial."
    found = _found(make_linter, text, select=["CO003"])
    assert found == [("CO003", "'")]


def test_inch_marks_are_not_quotes(make_linter):
    assert (
        _lint(make_linter, 'A 12" record and “a hit,” he said.', select=["CO003"]).diagnostics == []
    )


def test_variant_words_found_as_reading_every_word():
    """_variant_spans looks only for the spelling pairs a text may hold, in its lower case; it
    finds what reading every word finds, also beside marks, digits, 'K' (Kelvin) and 'İ'."""
    rng = random.Random(6)
    words = ["colour", "COLOR", "Centre", "defence", "defense", "organise", "organize", "tax",
             "ax", "axe", "K", "\u212a", "İ", "é", "\u0301", "2", "_", "’s"]  # fmt: skip
    glue = [" ", " ", "", "\n", ", ", "—", "\u0301", "\u00a0", "“", "'", "\u212a", "2"]
    for _ in range(500):
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 60)))
        plain = [
            (m.start(), m.end(), m.group())
            for m in _WORD.finditer(text)
            if _variant(m.group().lower()) is not None
        ]
        assert _variant_spans(text) == plain
