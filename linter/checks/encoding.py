"""EN: broken encodings, invisible characters and HTML character references left in text."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator

import ftfy
import regex
from ftfy.badness import is_bad

from ..document import Document
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
    if not _SUSPECT.search(doc.text):
        return
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
            start, end = span.start + a0, span.start + a1
            yield Hit(
                start,
                end,
                {"fixed": fixed[b0:b1], "how": how},
                Fix.replace(start, end, fixed[b0:b1], "Repair the encoding", SAFE),
            )


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
    that EN001 reports as part of mojibake is left to it: its repair restores the character the
    control character was part of.""",
    fails=[("Damascus⟦\x08⟧ said", "Damascus said"), ("price ⟦\x90⟧rose", "price rose")],
    passes=["Tabs\tand\nnewlines are layout, not control junk.\n"],
    fix="safe",
    phase="encoding",
    yields_to=("EN001",),
)
def control_character(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _CONTROL.finditer(doc.text):
        if m.group() == "\r":
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
    for '’', '&nbsp;' for a space, sometimes escaped twice over ('&amp;amp;'). The fix writes
    the character (a plain space for the space characters, nothing for a soft hyphen). Only
    references HTML defines are read ('AT&T', 'R&D' and '&notaref;' are left alone), and
    references to invisible characters are left for a person. An escaped angle bracket that
    would open or close an HTML tag ('&lt;script&gt;', text about code) is only pointed out:
    written as '<', it would read as markup. Markdown files, where references are valid, are
    not checked.""",
    fails=[
        ("Tools ⟦&amp;⟧ Services", "Tools & Services"),
        ("the president⟦&#8217;⟧s plan", "the president’s plan"),
        ("Read more⟦&#133;⟧", "Read more…"),
        ("Home⟦&nbsp;⟧page", "Home page"),
        ("Fish ⟦&amp;amp;amp;⟧ chips", "Fish & chips"),
        ("if x ⟦&lt;⟧ 5", "if x < 5"),
        {
            "text": "Attackers inject ⟦&lt;⟧script⟦&gt;⟧ tags.",
            "fixed": "Attackers inject &lt;script&gt; tags.",
        },
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
    text = doc.text
    for m in ENTITY.finditer(text):
        char = decoded(m.group())
        if char is None:
            continue
        safe = Applicability.DISPLAY if _makes_tag(text, m, char) else Applicability.SAFE
        fix = Fix.replace(m.start(), m.end(), char, f"Write '{char}'", safe)
        what = "a space" if char == " " else "nothing" if not char else f"'{char}'"
        yield Hit(m.start(), m.end(), {"char": what}, fix)


def _makes_tag(text: str, m: regex.Match[str], char: str) -> bool:
    """Would the character open or close a tag: '<' before a letter, '/' or '!', or '>' after
    an opening '<' (or '&lt;') on its line with no '>' between?"""
    if char == "<":
        after = text[m.end() : m.end() + 1]
        return bool(after) and (after.isalpha() or after in "/!")
    if char == ">":
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        opening = max(before.rfind("<"), before.rfind("&lt;"))
        return opening >= 0 and ">" not in before[opening:] and "&gt;" not in before[opening:]
    return False
