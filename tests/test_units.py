"""UN: conversions that lost their number or disagree with the value they convert."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_a909801c9f83239d.txt"


def _lint(make_linter, text: str, fix: bool = False):
    return make_linter(select=["UN"], fix=fix, unsafe=True).lint_text(text, "t.txt")


def _fixed(make_linter, text: str) -> str:
    return _lint(make_linter, text, fix=True).doc.text


def test_seed_reports_the_conversion_without_number_only(make_linter):
    text = SEED.read_text(encoding="utf-8")
    diags = _lint(make_linter, text).diagnostics
    assert [(d.rule, text[d.start : d.end]) for d in diags] == [
        ("UN001", "A few kilometres (miles)")
    ]
    fixed = _fixed(make_linter, text)
    assert "A few kilometres away, the mood" in fixed
    assert "about 140 kilometres (85 miles) north" in fixed


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("140 kilometres (miles)", "140 kilometres (87 miles)"),
        ("140 kilometers (miles)", "140 kilometers (87 miles)"),
        ("1,200 km (miles)", "1,200 km (750 miles)"),
        ("2.5 kg (pounds)", "2.5 kg (5.5 pounds)"),
        ("1.6 km (miles)", "1.6 km (0.99 miles)"),
        ("1.609 km (miles)", "1.609 km (0.9998 miles)"),
        ("a 10-kilometre (miles) road", "a 10-kilometre (6.2-mile) road"),
        ("120 km/h (mph)", "120 km/h (75 mph)"),
        ("a 30-metre (feet) wall", "a 30-metre (98-foot) wall"),
        ("15,000 hectares (acres)", "15,000 hectares (37,000 acres)"),
        ("-5C (Fahrenheit)", "-5C (23 degrees Fahrenheit)"),
        ("several miles (kilometres) away", "several miles away"),
        ("tens of thousands of square kilometres (square miles)", "tens of thousands of square "
         "kilometres"),
    ],
)  # fmt: skip
def test_missing_number_is_computed_or_the_parenthesis_dropped(make_linter, text, fixed):
    assert [d.rule for d in _lint(make_linter, text).diagnostics] == ["UN001"]
    assert _fixed(make_linter, text) == fixed


@pytest.mark.parametrize(
    "text, fixed, message",
    [
        ("140 kilometres (50 miles)", "140 kilometres (87 miles)",
         "140 kilometres is about 87 miles, not 50"),
        ("60 mph (60 kph)", "60 mph (97 kph)", "60 mph is about 97 kph, not 60"),
        ("4 to 12 miles (6 to 30 km)", "4 to 12 miles (6.4 to 19 km)",
         "4 to 12 miles is about 6.4 to 19 km, not 6 to 30"),
        ("highs of 40C (40F)", "highs of 40C (104F)", "40C is about 104F, not 40"),
        ("lows of minus 5C (41F)", "lows of minus 5C (23F)", "minus 5C is about 23F, not 41"),
        ("a 5,000-square-foot (900-square-metre) home", "a 5,000-square-foot (460-square-metre) "
         "home", "5,000-square-foot is about 460-square-metre, not 900"),
        ("20 litres (10 gallons)", "20 litres (5.3 gallons)",
         "20 litres is about 5.3 gallons, not 10"),
    ],
)  # fmt: skip
def test_mismatch_is_reported_with_the_computed_value(make_linter, text, fixed, message):
    diags = _lint(make_linter, text).diagnostics
    assert [(d.rule, d.message) for d in diags] == [("UN002", message)]
    assert _fixed(make_linter, text) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "about 140 kilometres (85 miles) north",
        "10-15 km (6-9 miles)",
        "five kilometres (three miles)",
        "1,200 km (745 miles)",
        "2.5 kg (5.5 lb)",
        "between 4 to 12 miles from the palace",
        "Hama (Syria's fourth city)",
        "Latakia (in Syria) and 122 mm howitzers",
        "100 metres (330 feet)",
        "12,000 meters (~40,000 feet)",
        "35 kilos (roughly 77 pounds)",
        "20 gallons (91 litres)",  # imperial gallons
        "20 gallons (76 litres)",  # US gallons
        "a 1 km (1 mile) walk",  # within the rounding of the stated number
        "lows of minus 5C (23F)",
        "a 5,000-square-foot (465-square-metre) home",
        "He is 6 feet 2 inches (1.88 metres) tall.",
        "100 kilometres (km) of road",  # an abbreviation, not a conversion
        "a $5m (£4m) deal",
        "200,000 pounds (NZ$496,000)",
        "Distances are given in kilometres (miles).",
        "Group 4 C (F) was drawn.",
    ],
)
def test_silent_on_correct_conversions_and_look_alikes(make_linter, text):
    assert _lint(make_linter, text).diagnostics == []


def test_just_over_ten_percent_is_reported_and_just_under_is_not(make_linter):
    # 100 km = 62.1 miles: 55 is 11.5% off, 57 is 8.3% off.
    assert [d.rule for d in _lint(make_linter, "100 km (55 miles)").diagnostics] == ["UN002"]
    assert _lint(make_linter, "100 km (57 miles)").diagnostics == []


def test_fixes_are_unsafe(make_linter):
    for text in ("140 kilometres (miles)", "140 kilometres (50 miles)", "A few km (miles)"):
        (diag,) = _lint(make_linter, text).diagnostics
        assert diag.fix is not None and diag.fix.applicability.value == "unsafe"
    safe_only = make_linter(select=["UN"], fix=True, unsafe=False)
    assert safe_only.lint_text("140 kilometres (miles)", "t.txt").doc.text == (
        "140 kilometres (miles)"
    )
