"""UN: unit conversions in parentheses that lost their number or disagree with their value."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

import regex

from ..document import Document
from ..engine import Context
from ..model import Applicability, Edit, Fix
from ..registry import Hit, rule


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written in news copy: its dimension, its system and its size in base units."""

    dimension: str
    metric: bool
    factors: tuple[float, ...]  # base units per unit; several when the name is ambiguous
    pattern: str
    spelled: bool = True  # False for one-letter abbreviations ("m", "C"), too terse to trust alone


# Longer names first inside each pattern; the word boundary after a unit settles the rest.
_UNITS = (
    Unit(
        "speed",
        True,
        (1 / 3.6,),
        r"(?i:kilomet(?:re|er)s?[ -](?:per|an)[ -]hour)|km/h|km/hr|kph|kmh",
    ),
    Unit("speed", False, (0.44704,), r"(?i:miles[ -](?:per|an)[ -]hour)|mph"),
    Unit("area", True, (1e6,), r"(?i:square[ -]kilomet(?:re|er)s?|sq\.? ?km)|km2|km²"),
    Unit("area", True, (1.0,), r"(?i:square[ -]met(?:re|er)s?|sq\.? ?m)|m2|m²"),
    Unit("area", True, (1e4,), r"(?i:hectares?)|ha"),
    Unit("area", False, (2589988.110336,), r"(?i:square[ -]miles?|sq\.? ?mi(?:les)?)"),
    Unit("area", False, (4046.8564224,), r"(?i:acres?)"),
    Unit("area", False, (0.09290304,), r"(?i:square[ -]f(?:ee|oo)t|sq\.? ?ft)|ft2|ft²"),
    Unit("length", False, (1852.0,), r"(?i:nautical[ -]miles?)|nmi"),
    Unit("length", True, (1000.0,), r"(?i:kilomet(?:re|er)s?)|kms?|KM"),
    Unit("length", True, (0.01,), r"(?i:centimet(?:re|er)s?)|cm"),
    Unit("length", True, (0.001,), r"(?i:millimet(?:re|er)s?)|mm"),
    Unit("length", True, (1.0,), r"(?i:met(?:re|er)s?)"),
    Unit("length", True, (1.0,), r"m", spelled=False),
    Unit("length", False, (1609.344,), r"(?i:miles?)|mi"),
    Unit("length", False, (0.9144,), r"(?i:yards?)|yds?"),
    Unit("length", False, (0.3048,), r"(?i:feet|foot)|ft"),
    Unit("length", False, (0.0254,), r"(?i:inch(?:es)?)"),
    Unit("mass", True, (1.0,), r"(?i:kilo(?:gram(?:me)?)?s?)|kgs?"),
    Unit("mass", True, (0.001,), r"(?i:gram(?:me)?s?)"),
    Unit("mass", True, (0.001,), r"g", spelled=False),
    Unit("mass", False, (0.45359237,), r"(?i:pounds?)|lbs?"),
    Unit("mass", False, (0.028349523125,), r"(?i:ounces?)|oz"),
    Unit("volume", True, (0.001,), r"(?i:millilit(?:re|er)s?)|ml"),
    Unit("volume", True, (1.0,), r"(?i:lit(?:re|er)s?)"),
    Unit("volume", True, (1.0,), r"l|L", spelled=False),
    # US gallons first (the fix's choice); imperial gallons are accepted when checking.
    Unit("volume", False, (3.785411784, 4.54609), r"(?i:gallons?)|gal"),
    Unit("celsius", True, (1.0,), r"(?i:degrees? (?:celsius|centigrade)|celsius|centigrade)"),
    Unit("celsius", True, (1.0,), r"[°º] ?C|(?i:degrees?) C|C", spelled=False),
    Unit("fahrenheit", False, (1.0,), r"(?i:degrees? fahrenheit|fahrenheit)"),
    Unit("fahrenheit", False, (1.0,), r"[°º] ?F|(?i:degrees?) F|F", spelled=False),
)
_UNIT_END = r"(?![\p{L}\p{N}²/])"
_UNIT = "|".join(f"(?:{u.pattern})" for u in _UNITS)
_WHOLE_UNIT = [regex.compile(f"(?:{u.pattern}){_UNIT_END}") for u in _UNITS]

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_VALUES = {w: i for i, w in enumerate(_ONES.split())} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS.split())
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORD = "|".join(sorted([*_WORD_VALUES, *_SCALES], key=len, reverse=True))

_NUM = r"(?:[-−]|(?i:minus)[ \u00a0])?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_RANGE = rf"{_NUM}(?:[ \u00a0]*[-–—][ \u00a0]*|[ \u00a0]+to[ \u00a0]+){_NUM}"
_WORDS = rf"(?i:(?:{_NUMBER_WORD})(?:(?:[ -]|[ ]and[ ])(?:{_NUMBER_WORD}))*)"
_VAGUE = (
    r"(?i:a[ \u00a0]+few|few|several|many|a[ \u00a0]+couple[ \u00a0]+of|a[ \u00a0]+handful"
    r"[ \u00a0]+of|(?:dozens|tens|hundreds|thousands|millions)(?:[ \u00a0]+of[ \u00a0]+"
    r"(?:thousands|millions))?[ \u00a0]+of)"
)
_APPROX = (
    r"(?i:about|around|roughly|approximately|approx\.|nearly|almost|some|over|under|or|"
    r"more[ \u00a0]+than|less[ \u00a0]+than|up[ \u00a0]+to|at[ \u00a0]+least|c\.|ca\.|~)"
)
_CONVERSION = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.,\-−])"
    rf"(?:(?P<q1>{_RANGE}|{_NUM})|(?P<w1>{_WORDS})|(?P<v1>{_VAGUE}))"
    rf"(?P<sep1>[ \u00a0-]?)(?P<u1>{_UNIT}){_UNIT_END}"
    rf"[ \u00a0]*\([ \u00a0]*(?:{_APPROX}[ \u00a0]*){{0,2}}"
    rf"(?:(?P<q2>{_RANGE}|{_NUM})(?P<sep2>[ \u00a0-]?))?"
    rf"(?P<u2>{_UNIT}){_UNIT_END}\.?[ \u00a0]*\)"
)
# A parenthesis that may close a conversion: found first, because it is rare and cheap to find.
_PAREN = regex.compile(
    rf"\([ \u00a0]*(?:{_APPROX}[ \u00a0]*){{0,2}}(?:(?:{_RANGE}|{_NUM})[ \u00a0-]?)?"
    rf"(?:{_UNIT}){_UNIT_END}\.?[ \u00a0]*\)"
)
_LOOKBACK = 100  # characters before the parenthesis that can hold the quantity and its unit
# "6 feet 2 inches (1.88 metres)": the number before the unit is part of a compound quantity.
_COMPOUND_BEFORE = regex.compile(
    rf"{_NUM}[ \u00a0-]?(?:{_UNIT}){_UNIT_END}[ \u00a0,]*(?:and[ \u00a0]+)?$"
)
_RANGE_PARTS = regex.compile(rf"({_NUM})(.+?)({_NUM})$")
_SINGULAR = {"feet": "foot", "inches": "inch"}


@dataclass(frozen=True, slots=True)
class Conversion:
    """A 'quantity unit (quantity unit)' pair whose units measure the same thing."""

    match: regex.Match[str]
    source: Unit
    target: Unit

    @property
    def temperature(self) -> bool:
        return self.source.dimension in ("celsius", "fahrenheit")

    @property
    def values(self) -> list[tuple[str, float]] | None:
        """The quantity outside the parentheses, as (text, value) per range end; None when it
        is vague ('a few')."""
        if self.match.group("q1"):
            return _quantities(self.match.group("q1"))
        if self.match.group("w1"):
            value = _word_value(self.match.group("w1"))
            return [(str(value), float(value))]
        return None


def _unit(text: str) -> Unit:
    for unit, pattern in zip(_UNITS, _WHOLE_UNIT, strict=True):
        if pattern.fullmatch(text):
            return unit
    raise ValueError(f"not a unit: {text!r}")


def _conversions(doc: Document) -> Iterator[Conversion]:
    """Conversions between a metric and an imperial unit of the same dimension."""
    text = doc.text
    for paren in _PAREN.finditer(text):
        window = _CONVERSION.finditer(text, max(0, paren.start() - _LOOKBACK), paren.end())
        m = next((m for m in window if m.end() == paren.end()), None)
        if m is None or _COMPOUND_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        source, target = _unit(m.group("u1")), _unit(m.group("u2"))
        same = source.dimension == target.dimension or {source.dimension, target.dimension} == {
            "celsius",
            "fahrenheit",
        }
        if same and source.metric != target.metric:
            yield Conversion(m, source, target)


def _number(text: str) -> float:
    """'1,200' → 1200.0; 'minus 5' and '−5' → -5.0."""
    plain = regex.sub(r"(?i:minus)[ \u00a0]|−", "-", text)
    return float(plain.replace(",", ""))


def _quantities(text: str) -> list[tuple[str, float]]:
    """The ends of a number or range, as (text, value) pairs."""
    parts = _RANGE_PARTS.match(text)
    ends = [parts.group(1), parts.group(3)] if parts and regex.fullmatch(_RANGE, text) else [text]
    return [(end, _number(end)) for end in ends]


def _word_value(text: str) -> int:
    """'one hundred and forty' → 140 (``text`` is a match of the number-word pattern)."""
    total = current = 0
    for word in regex.split(r"[ -]+", text.lower()):
        if word == "and":
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


def _convert(value: float, source: Unit, factors: tuple[float, float]) -> float:
    """``value`` in ``source`` units, in target units (``factors``: source's, target's)."""
    if source.dimension == "celsius":
        return value * 9 / 5 + 32
    if source.dimension == "fahrenheit":
        return (value - 32) * 5 / 9
    return value * factors[0] / factors[1]


def _difference(value: float, source: Unit) -> float:
    """A temperature difference in the other scale (no offset): 1.5 °C of warming is 2.7 °F."""
    return value * 9 / 5 if source.dimension == "celsius" else value * 5 / 9


def _digits(text: str) -> str:
    """A number as written without sign or separators: 'minus 1,200.5' → '1200.5'."""
    return regex.sub(r"[^\d.]", "", text)


def _decimals(text: str) -> int:
    return len(_digits(text).partition(".")[2])


def _significant(text: str) -> int:
    """Significant digits of a number as written ('140' → 2, '2.5' → 2, '1,200' → 2)."""
    digits = _digits(text)
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.strip("0")) or 1


def _format(value: float, source_text: str, temperature: bool) -> str:
    """The converted value, rounded as precisely as the source number was written."""
    if temperature:
        places = _decimals(source_text)
    elif value == 0:
        places = 0
    else:
        places = max(2, _significant(source_text)) - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, places)
    if places <= 0:
        whole = int(rounded)
        plain = "," not in source_text and len(_digits(source_text).split(".")[0]) >= 4
        return str(whole) if plain else f"{whole:,}"
    return f"{rounded:.{places}f}"


def _agrees(stated_text: str, exact: float, temperature: bool) -> bool:
    """Within 10% (2 degrees for temperatures), or within the rounding of the stated number."""
    diff = abs(_number(stated_text) - exact)
    slack = 0.5 * 10 ** -_decimals(stated_text)
    return diff <= (2.0 if temperature else 0.1 * abs(exact)) or diff <= slack


def _converted(conv: Conversion, values: list[tuple[str, float]]) -> str:
    """The converted quantity (one number or a range), with the preferred factors."""
    factors = (conv.source.factors[0], conv.target.factors[0])
    texts = [_format(_convert(v, conv.source, factors), t, conv.temperature) for t, v in values]
    if len(texts) == 1:
        return texts[0]
    separator = _RANGE_PARTS.match(conv.match.group("q2") or conv.match.group("q1")).group(2)
    return separator.join(texts)


def _adjective(unit: str) -> str:
    """The singular a unit takes in an adjective: 'a 98-foot wall', 'a 16-mile road'."""
    if unit.lower() in _SINGULAR:
        return _SINGULAR[unit.lower()]
    return unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit


@rule(
    id="UN001",
    name="conversion-without-number",
    category="units",
    severity="warning",
    message="The conversion '({unit})' has no number: {detail}",
    rationale="""Translation and editing systems sometimes keep the unit of a conversion and drop
    its number ('140 kilometres (miles)', 'A few kilometres (miles) away'). When the quantity is
    a number the fix computes the conversion, rounded as precisely as the original; when it is
    vague ('a few', 'hundreds of') there is nothing to convert and the fix removes the
    parenthesis. Conversions with their numbers, and parentheses that are not conversions, are
    not reported.""",
    fails=[
        ("Homs lies ⟦140 kilometres (miles)⟧ north.", "Homs lies 140 kilometres (87 miles) north."),
        ("⟦A few kilometres (miles)⟧ away, it was calm.", "A few kilometres away, it was calm."),
        ("a ⟦30-metre (feet)⟧ wall", "a 30-metre (98-foot) wall"),
        ("⟦10-15 km (miles)⟧ from the border", "10-15 km (6.2-9.3 miles) from the border"),
        ("⟦five kilometres (miles)⟧ south", "five kilometres (3.1 miles) south"),
        (
            "⟦hundreds of square kilometres (square miles)⟧ of farmland",
            "hundreds of square kilometres of farmland",
        ),
        (
            "temperatures of ⟦40 degrees Celsius (Fahrenheit)⟧",
            "temperatures of 40 degrees Celsius (104 degrees Fahrenheit)",
        ),
    ],
    passes=[
        "Homs lies about 140 kilometres (85 miles) north of the capital.",
        "Hama (Syria's fourth city) fell.",
        "Distances are given in kilometres (miles) throughout.",
        "trucks with 122 mm D-30A howitzers",
        "Group 4 C (F) was drawn.",
    ],
    fix="unsafe",
)
def conversion_without_number(doc: Document, ctx: Context) -> Iterator[Hit]:
    for conv in _conversions(doc):
        m = conv.match
        if m.group("q2") or not conv.target.spelled:
            continue
        unit = m.group("u2")
        values = conv.values
        if values is None:
            quantity = " ".join(m.group("v1").split()).lower()
            detail = f"'{quantity} {m.group('u1')}' cannot be converted"
            fix = Fix.replace(m.end("u1"), m.end(), "", f"Remove '({unit})'", Applicability.UNSAFE)
        else:
            value = _converted(conv, values)
            adjective = m.group("sep1") == "-"
            written = _adjective(unit) if adjective else unit
            if conv.temperature and "degree" not in unit.lower() and not adjective:
                written = f"degrees {written}"
            inserted = f"{value}{'-' if adjective else ' '}{written}"
            detail = f"{m.group(0).partition('(')[0].strip()} is about {inserted}"
            fix = Fix.replace(
                m.start("u2"), m.end("u2"), inserted, f"Insert {value}", Applicability.UNSAFE
            )
        yield Hit(m.start(), m.end(), {"unit": unit, "detail": detail}, fix)


@rule(
    id="UN002",
    name="conversion-mismatch",
    category="units",
    severity="warning",
    message="{source} is about {expected}{sep}{unit}, not {stated}",
    rationale="""A conversion whose two values disagree by more than about 10% (two degrees for
    temperatures) was mistyped or converted with the wrong factor, and the reader cannot tell
    which value is right. A temperature pair that converts as a difference ("warmed by 1.5C
    (2.7F)") is right. The fix recomputes the value in parentheses from the one before them,
    rounded as precisely as the original. Ranges are checked end by end; number words and
    conversions within the rounding of the stated value are not reported.""",
    fails=[
        (
            "Homs lies ⟦140 kilometres (50 miles)⟧ north.",
            "Homs lies 140 kilometres (87 miles) north.",
        ),
        ("a ⟦20kg (20lb)⟧ bag", "a 20kg (44lb) bag"),
        ("highs of ⟦40C (40F)⟧", "highs of 40C (104F)"),
        ("⟦5,000 hectares (5,000 acres)⟧ of land", "5,000 hectares (12,000 acres) of land"),
        ("a ⟦10-mile (10-km)⟧ stretch", "a 10-mile (16-km) stretch"),
    ],
    passes=[
        "about 140 kilometres (85 miles) north of the capital",
        "10-15 km (6-9 miles) from the border",
        "five kilometres (three miles) away",
        "1,200 km (745 miles) of road",
        "a 2.5 kg (5.5 lb) charge",
        "between 4 to 12 miles from the palace",
        "highs of 40C (104F) and lows of -5C (23F)",
        "a 1 km (1 mile) walk",
        "20 litres (4.4 gallons) of fuel",
        "a $5m (£4m) deal",
        "He is 6 feet 2 inches (1.88 metres) tall.",
        "The region has warmed by about 1.5C (2.7F) since 1900.",
    ],
    fix="unsafe",
)
def conversion_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    for conv in _conversions(doc):
        m = conv.match
        if not (m.group("q1") and m.group("q2")):
            continue
        given, stated = _quantities(m.group("q1")), _quantities(m.group("q2"))
        if len(given) != len(stated):
            continue
        if any(
            all(
                _agrees(s, _convert(v, conv.source, factors), conv.temperature)
                for (_, v), (s, _) in zip(given, stated, strict=True)
            )
            for factors in product(conv.source.factors, conv.target.factors)
        ):
            continue
        if conv.temperature and all(  # a change of temperature: "warmed by 1.5C (2.7F)"
            _agrees(s, _difference(v, conv.source), True)
            for (_, v), (s, _) in zip(given, stated, strict=True)
        ):
            continue
        expected = _converted(conv, given)
        yield Hit(
            m.start(),
            m.end(),
            {
                "source": f"{m.group('q1')}{m.group('sep1')}{m.group('u1')}",
                "expected": expected,
                "sep": m.group("sep2"),
                "unit": m.group("u2"),
                "stated": m.group("q2"),
            },
            Fix(
                (Edit(m.start("q2"), m.end("q2"), expected),),
                Applicability.UNSAFE,
                f"Replace {m.group('q2')} with {expected}",
            ),
        )
