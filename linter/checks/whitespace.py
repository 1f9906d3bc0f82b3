"""WS: whitespace left by scraping and conversion."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..engine import Context
from ..model import Applicability, Fix
from ..registry import Hit, rule

SAFE = Applicability.SAFE
_TRAILING = regex.compile(r"[ \t\u00a0\u202f\u2000-\u200a\u3000]+$", regex.M)
_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")
_BLANKS = regex.compile(r"\n(?:[ \t]*\n){3,}")
_TAB_NBSP = regex.compile(r"(?<=\S)[\t\u00a0\u202f]+(?=\S)")
_NAMES = {"\t": "tab", "\u00a0": "no-break space", "\u202f": "narrow no-break space"}
_AFTER_SENTENCE = regex.compile(r"[.!?][\"'”’)]?$")
_SENTENCE_GAP = regex.compile(r"[.!?][\"'”’)]? {1,3}(?=[\"“‘(]?\p{Lu})")


def _describe(chars: str) -> str:
    names = [_NAMES.get(c, f"U+{ord(c):04X}") for c in dict.fromkeys(chars)]
    return " and ".join(names)


@rule(
    id="WS001",
    name="trailing-whitespace",
    category="whitespace",
    severity="warning",
    message="Trailing whitespace ({what}) at the end of the line",
    rationale="""Trailing spaces and no-break spaces are invisible leftovers of HTML
    conversion; they break exact matching, diffs and deduplication. Markdown hard breaks (two
    spaces) are kept.""",
    fails=[
        (
            "the mood was starkly different.⟦\u00a0⟧\nNext line.",
            "the mood was starkly different.\nNext line.",
        ),
        ("A line.⟦  \t⟧\nB.", "A line.\nB."),
    ],
    passes=[
        "A clean line.\nAnother one.",
        {"text": "Hard break  \nin Markdown.", "markdown": True},
    ],
    fix="safe",
    phase="spacing",
)
def trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _TRAILING.finditer(doc.text):
        start, end = m.span()
        line_start = doc.text.rfind("\n", 0, start) + 1
        if line_start == start:
            continue  # a whitespace-only line: reported as a blank line, not as trailing space
        if doc.markdown and m.group() == "  ":
            continue
        yield Hit(
            start,
            end,
            {"what": _describe(m.group())},
            Fix.replace(start, end, "", "Remove trailing whitespace", SAFE),
        )


@rule(
    id="WS002",
    name="multiple-spaces",
    category="whitespace",
    severity="warning",
    message="{count} spaces in a row inside a line",
    rationale="""Runs of spaces inside a sentence come from removed markup or OCR column gaps.
    Two spaces after a full stop are a house style and are left alone when the document uses
    them consistently; Markdown tables and indentation are not touched.""",
    fails=[
        ("Rebels entered⟦   ⟧the city.", "Rebels entered the city."),
        ("One.  Two.  Three. Four⟦  ⟧five.", "One.  Two.  Three. Four five."),
    ],
    passes=[
        "One space between words.",
        "Typewriter style.  Two spaces.  After each sentence.",
        {"text": "| a  | b   |\n|----|-----|", "markdown": True},
    ],
    fix="safe",
    phase="spacing",
)
def multiple_spaces(doc: Document, ctx: Context) -> Iterator[Hit]:
    gaps = [m.group().count(" ") for m in _SENTENCE_GAP.finditer(doc.text)]
    double_style = bool(gaps) and sum(g >= 2 for g in gaps) * 2 >= len(gaps)
    for m in _RUN.finditer(doc.text):
        start, end = m.span()
        before = doc.text[max(0, start - 2) : start]
        if double_style and _AFTER_SENTENCE.search(before) and end - start == 2:
            continue
        line = doc.lines[doc.line_of(start)]
        if doc.markdown and doc.text[line.start : line.end].lstrip().startswith("|"):
            continue
        yield Hit(
            start,
            end,
            {"count": end - start},
            Fix.replace(start, end, " ", "Replace with one space", SAFE),
        )


@rule(
    id="WS003",
    name="excess-blank-lines",
    category="whitespace",
    severity="info",
    message="{count} blank lines in a row",
    rationale="""Three or more blank lines are page layout left in the text; one blank line
    separates paragraphs.""",
    fails=[
        (
            "First paragraph.⟦\n\n\n\n⟧Second paragraph.\n",
            "First paragraph.\n\nSecond paragraph.\n",
        ),
        ("Last paragraph.⟦\n \n\n\n⟧", "Last paragraph.\n"),
    ],
    passes=[
        "First paragraph.\n\nSecond paragraph.\n",
        "First.\n\n\nTwo blank lines are tolerated.\n",
    ],
    fix="safe",
    phase="spacing",
)
def excess_blank_lines(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _BLANKS.finditer(doc.text):
        start, end = m.span()
        keep = "\n" if end == len(doc.text) else "\n\n"
        yield Hit(
            start,
            end,
            {"count": m.group().count("\n") - 1},
            Fix.replace(start, end, keep, "Keep one blank line", SAFE),
        )


@rule(
    id="WS004",
    name="missing-final-newline",
    category="whitespace",
    severity="info",
    message="No newline at the end of the file",
    rationale="""A text file ends with a newline; without it, concatenation glues the last line
    of one file to the first of the next, and diffs show a spurious change.""",
    fails=[("Last line.⟦⟧", "Last line.\n")],
    passes=["Last line.\n", ""],
    fix="safe",
    phase="spacing",
)
def missing_final_newline(doc: Document, ctx: Context) -> Iterator[Hit]:
    if doc.whole_file and doc.text and not doc.text.endswith("\n"):
        end = len(doc.text)
        yield Hit(end, end, fix=Fix.replace(end, end, "\n", "Add a final newline", SAFE))


@rule(
    id="WS005",
    name="tab-or-nbsp-in-prose",
    category="whitespace",
    severity="warning",
    message="{what} between words; prose uses a plain space",
    rationale="""Tabs and no-break spaces inside running text come from copied tables and HTML
    entities; they defeat search and word splitting. A no-break space that typography wants (between
    a number and its unit, in a number, or before French punctuation) is kept.""",
    fails=[
        ("The army⟦\u00a0⟧said on Saturday.", "The army said on Saturday."),
        ("Rebels⟦\u00a0⟧took⟦\t⟧the city.", "Rebels took the city."),
    ],
    passes=[
        "About 140\u00a0km north of the capital.",
        "Prix\u00a0: 10\u00a0000\u00a0euros.",
        "\tIndented first line is layout.",
    ],
    fix="safe",
    phase="spacing",
)
def tab_or_nbsp(doc: Document, ctx: Context) -> Iterator[Hit]:
    text = doc.text
    for m in _TAB_NBSP.finditer(text):
        start, end = m.span()
        prev, nxt = text[start - 1], text[end] if end < len(text) else ""
        if "\t" not in m.group() and (
            prev.isdigit() or nxt.isdigit() or nxt in ":;!?»€$%" or prev in "«"
        ):
            continue
        if doc.markdown and text[doc.lines[doc.line_of(start)].start :].lstrip().startswith("|"):
            continue
        yield Hit(
            start,
            end,
            {"what": _describe(m.group()).capitalize()},
            Fix.replace(start, end, " ", "Replace with a space", SAFE),
        )
