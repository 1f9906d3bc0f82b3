"""RE: words repeated by accident."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from operator import eq

from ..document import Document
from ..engine import Context
from ..model import Applicability, Fix
from ..registry import Hit, rule

# The stdlib engine is several times faster here; the gap and word edges are checked after.
_DOUBLED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
# Doubles that grammar or idiom allow.
_LEGITIMATE = frozenset(
    "had that is do bye so very no ha yada tut chop knock now there well night never far many "
    "more much again round over on blah cha tsk hush boo din dum".split()
)
# Words whose doubling is always a slip: the fix is safe.
_FUNCTION = frozenset(
    "the a an of to in on at by for from with and or but as is are was were be been it its "
    "this these those their his her our your my we they he she you i".split()
)


@rule(
    id="RE001",
    name="doubled-word",
    category="repetition",
    severity="warning",
    message="'{word}' is repeated",
    rationale="""A word typed twice ('the the') is a slip that editing and OCR of line breaks
    leave behind. Doubles that grammar allows ('had had', 'that that') and names such as
    'Bora Bora' are not reported.""",
    fails=[
        ("rebels entered ⟦the the⟧ city", "rebels entered the city"),
        ("It was ⟦controlled\ncontrolled⟧ by the army.", "It was controlled by the army."),
        ("⟦The the⟧ army withdrew.", "The army withdrew."),
    ],
    passes=[
        "She had had enough.",
        "He said that that was final.",
        "They flew to Bora Bora.",
        "Sirhan Sirhan was tried.",
        "It was a very very long day.",
        "The end. The start.",
        "Index\nA\nA\nB",
    ],
    fix="safe",
    phase="words",
)
def doubled_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    text = doc.text
    words = _LETTERS.findall(text.casefold())
    if not any(map(eq, words, islice(words, 1, None))):
        return  # no word follows itself, whatever lies between: nothing to find
    for m in _DOUBLED.finditer(text):
        first, second = m.group(1), m.group(3)
        word = first.lower()
        if word in _LEGITIMATE or m.group(2).count("\n") > 1:
            continue
        if "\n" in m.group(2) and all(
            doc.line_text(doc.line_of(m.start(g))).strip() == m.group(g) for g in (1, 3)
        ):
            continue  # one word a line twice: a list or a menu, not a slip in a sentence
        if text[m.start() - 1 : m.start()] in ("'", "’", "-") or text[m.end() : m.end() + 1] in (
            "'",
            "’",
            "-",
        ):
            continue
        if first[0].isupper() and second[0].isupper() and word not in _FUNCTION:
            continue  # a name such as Bora Bora
        if first[0].isupper() and not second[0].isupper() and m.start() not in doc.sentence_starts:
            continue
        start = m.start(2)
        safe = Applicability.SAFE if word in _FUNCTION else Applicability.UNSAFE
        yield Hit(
            m.start(),
            m.end(),
            {"word": second},
            Fix.replace(start, m.end(), "", f"Delete the second '{second}'", safe),
        )
