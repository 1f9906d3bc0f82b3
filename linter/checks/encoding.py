"""EN: broken encodings, invisible characters and HTML character references left in text."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import ftfy
import regex
from ftfy.badness import is_bad

from ..document import Document, Span, SpanIndex
from ..engine import Context
from ..markup import ENTITY, decoded
from ..model import Applicability, Fix
from ..registry import Hit, rule

SAFE = Applicability.SAFE
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)
# Characters that appear in mojibake (UTF-8 read as Latin-1/Windows-1252 and friends).
# Plain character classes use the stdlib engine: it scans them several times faster.
_SUSPECT = re.compile(
    r"[\u00c2-\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\u00e0-\u00ef\u0080-\u009f€]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# Zero-width characters, the soft hyphen, and bidirectional marks, embeddings and isolates.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_IN_WORD = regex.compile(
    rf"(?<=[\p{{Latin}}\p{{Greek}}\p{{Cyrillic}}\p{{N}}])[{_INVISIBLE}]+(?=[\p{{Latin}}\p{{Greek}}\p{{Cyrillic}}\p{{N}}])"
)
_REPLACEMENT = regex.compile("\ufffd+")
_STRAY = regex.compile(
    r"(?<=.)\ufeff|[\u202a-\u202e\u2066-\u2069]"  # a BOM inside the text; bidi controls
    r"|(?<=[\p{Latin}\p{N}])[\u200b\u2060]+(?=\s)|(?<=\s)[\u200b\u2060]+(?=[\p{Latin}\p{N}])",
    regex.S,
)


def _explain(steps) -> str:
    return ", ".join(f"{action} {param}" for action, param in steps or [])


@rule(
    id="EN001",
    name="mojibake",
    category="encoding",
    severity="error",
    message="Mojibake: '{match}' should be '{fixed}' ({how})",
    rationale="""Text decoded with the wrong character set turns quotes, dashes and accented
    letters into sequences such as 'â€™'. ftfy recognises these sequences with very few false
    positives and says how it repaired each one.""",
    fails=[
        ("The president⟦â€™⟧s office", "The president’s office"),
        ("Le caf⟦Ã©⟧ est fermé.", "Le café est fermé."),
    ],
    passes=["The president’s office, a “historic” moment – café, São Paulo, Đoàn, naïve."],
    fix="safe",
    phase="encoding",
)
def mojibake(doc: Document, ctx: Context) -> Iterator[Hit]:
    for start, end, fixed, how in _repairs(doc):
        yield Hit(
            start,
            end,
            {"fixed": fixed, "how": how},
            Fix.replace(start, end, fixed, "Repair the encoding", SAFE),
        )


class _Repair(NamedTuple):
    start: int
    end: int
    fixed: str
    how: str


def _repairs(doc: Document) -> list[_Repair]:
    """ftfy's repairs of the document's mojibake (once per document: EN002 reads them too)."""
    return doc.cached("encoding.repairs", _find_repairs)


def _find_repairs(doc: Document) -> list[_Repair]:
    if not _SUSPECT.search(doc.text):
        return []
    out = []
    for span in doc.lines:
        line = doc.text[span.start : span.end]
        if not _SUSPECT.search(line) or not is_bad(line):
            continue
        fixed, steps = ftfy.fix_and_explain(line, config=_FTFY)
        if fixed == line:
            continue
        how = "ftfy: " + _explain(steps)
        matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
        for _op, a0, a1, b0, b1 in _grouped(matcher.get_opcodes()):
            out.append(_Repair(span.start + a0, span.start + a1, fixed[b0:b1], how))
    return out


def _grouped(opcodes):
    """Changed regions; regions at most one character apart are merged."""
    merged: list[list] = []
    for r in (list(o) for o in opcodes if o[0] != "equal"):
        if merged and r[1] <= merged[-1][2] + 1:
            merged[-1][2], merged[-1][4] = max(merged[-1][2], r[2]), max(merged[-1][4], r[4])
        else:
            merged.append(r)
    return merged


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character').title()}"


@rule(
    id="EN002",
    name="control-character",
    category="encoding",
    severity="error",
    message="Control character {what} in text",
    rationale="""C0 and C1 control characters are not text: they come from broken conversions
    and terminal output, and they break parsers and displays downstream. A control character
    inside mojibake is left to EN001, whose repair restores the character it was part of.""",
    fails=[("Damascus⟦\x08⟧ said", "Damascus said"), ("price ⟦\x90⟧rose", "price rose")],
    passes=[
        "Tabs\tand\nnewlines are layout, not control junk.\n",
        "Glazer's controversial \u00c3\u0082\u00c2\u00a3790million takeover",
    ],
    fix="safe",
    phase="encoding",
)
def control_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    repaired = None
    for m in _CONTROL.finditer(doc.text):
        if m.group() == "\r":
            continue
        if repaired is None:
            repaired = SpanIndex([Span(r.start, r.end) for r in _repairs(doc)])
        if repaired.containing(m.start(), m.end()):
            continue
        yield Hit(
            m.start(),
            m.end(),
            {"what": _name(m.group())},
            Fix.replace(m.start(), m.end(), "", "Delete the control character", SAFE),
        )


@rule(
    id="EN003",
    name="invisible-character",
    category="encoding",
    severity="warning",
    message="Invisible {what} in the text",
    rationale="""Zero-width, soft-hyphen and bidirectional control characters hidden inside or
    beside words make identical-looking words differ, so search, spelling and deduplication
    fail. Joiners in scripts that need them (Persian, Indic, emoji sequences) are left alone.""",
    fails=[
        ("the gov⟦\u200b⟧ernment", "the government"),
        ("Ho⟦\u00ad⟧ms and Ha⟦\u200e⟧ma", "Homs and Hama"),
        ("waited for⟦\u200b⟧ days", "waited for days"),
    ],
    passes=["می\u200cخواهم", "👩\u200d💻 developer", "plain words"],
    fix="safe",
    phase="encoding",
)
def invisible_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not _ANY_INVISIBLE.search(doc.text):
        return
    seen = set()
    for pattern in (_IN_WORD, _STRAY):
        for m in pattern.finditer(doc.text):
            if m.start() in seen:
                continue
            seen.add(m.start())
            yield Hit(
                m.start(),
                m.end(),
                {"what": _name(m.group()[0])},
                Fix.replace(m.start(), m.end(), "", "Delete the invisible character", SAFE),
            )


@rule(
    id="EN004",
    name="replacement-character",
    category="encoding",
    severity="error",
    message="U+FFFD replacement character: a character was lost when the text was decoded",
    rationale="""U+FFFD marks bytes that could not be decoded. The original character is gone
    and cannot be recovered from this text; go back to the source.""",
    fails=["S⟦\ufffd⟧o Paulo"],
    passes=["São Paulo"],
)
def replacement_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    if "\ufffd" not in doc.text:
        return
    for m in _REPLACEMENT.finditer(doc.text):
        yield Hit(m.start(), m.end())


@rule(
    id="EN005",
    name="html-entity",
    category="encoding",
    severity="warning",
    message="HTML character reference '{match}' left in the text: write {char}",
    rationale="""Scraped text keeps characters the page escaped: '&amp;' for '&', '&#8217;'
    for '’', '&nbsp;' for a space. The fix writes the character (a plain space for the space
    characters). Only references HTML defines are read ('AT&T', 'R&D' and '&notaref;' are
    left alone); Markdown files, where references are valid, are not checked.""",
    fails=[
        ("Tools ⟦&amp;⟧ Services", "Tools & Services"),
        ("the president⟦&#8217;⟧s plan", "the president’s plan"),
        ("Read more⟦&#133;⟧", "Read more…"),
        ("Home⟦&nbsp;⟧page", "Home page"),
    ],
    passes=[
        "AT&T and R&D budgets; Q&A at 5pm; Tom & Jerry.",
        "&notaref; and &; stay as written.",
        {"text": "Fish &amp; chips.\n", "markdown": True},
    ],
    fix="safe",
    phase="encoding",
)
def html_entity(doc: Document, ctx: Context) -> Iterator[Hit]:
    if doc.markdown or "&" not in doc.text:
        return
    for m in ENTITY.finditer(doc.text):
        char = decoded(m.group())
        if char is None:
            continue
        fix = Fix.replace(m.start(), m.end(), char, f"Write '{char}'", Applicability.SAFE)
        yield Hit(m.start(), m.end(), {"char": "a space" if char == " " else f"'{char}'"}, fix)
