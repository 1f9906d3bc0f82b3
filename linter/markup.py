"""HTML left in text: tags, comments, script and style elements, character entities.

Scrapers that fail to extract an article keep some or all of the page's HTML. Only tags of
known HTML elements count as markup, so that prose with angle brackets ("a <b> c", "x<y") or a
bracketed name ("<Reuters>") is not taken for it."""

from __future__ import annotations

import html
from html.entities import html5

import regex

ELEMENTS = """
    a abbr acronym address applet area article aside audio b base basefont bdi bdo big
    blockquote body br button canvas caption center cite code col colgroup data datalist dd del
    details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
    frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
    legend li link main map mark marquee menu meta meter nav nobr noframes noscript object ol
    optgroup option output p param picture pre progress q rp rt ruby s samp script section
    select small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
# A tag of a known element (its attributes may hold '>' only inside quotes), a comment, a
# doctype, or a whole script or style element with its code.
_MARKUP = regex.compile(
    r"<(script|style)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<!DOCTYPE[^<>]*>"
    rf"|</?(?:{'|'.join(sorted(ELEMENTS, key=len, reverse=True))})"
    r"(?=[\s/>])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",
    regex.I | regex.S,
)
_BETWEEN = regex.compile(r"\s*")
# A character reference: named (with its semicolon), decimal or hexadecimal.
ENTITY = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each tag, comment, doctype and script or style element in ``text``."""
    return [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []


def markup_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML in ``text``, markup separated only by white space joined."""
    spans: list[tuple[int, int]] = []
    for start, end in tag_spans(text):
        if spans and _BETWEEN.fullmatch(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def decoded(entity: str) -> str | None:
    """What a character reference stands for, or None when it stands for nothing (an unknown
    name, a code point out of range). Space characters (``&nbsp;``) become a plain space."""
    # html.unescape reads numbers as browsers do (the Windows-1252 ones too: '&#133;' is '…')
    text = html.unescape(entity) if entity.startswith("&#") else html5.get(entity[1:], "")
    if not text or "\ufffd" in text or text == entity:
        return None
    return " " if text.isspace() else text
