"""HTML left in text: tags, comments, script and style elements, character references.

Scrapers that fail to extract an article keep some or all of the page's HTML. Only tags of
known HTML elements, their names all in lower case or all in capitals, count as markup, so that
prose with angle brackets ("x<y", "3 < 4 > 2"), a bracketed name ("<Reuters>") or a key
("<Enter>", "<Option>") is not taken for it. The scan is linear in the text: an unclosed
comment or script element is not searched for again."""

from __future__ import annotations

import html
import unicodedata
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
# Elements that separate text: removing one of them between two words leaves a space.
BLOCKS = frozenset(
    """address article aside blockquote br dd div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr
    ul""".split()
)
_NAMES = "|".join(sorted(ELEMENTS, key=len, reverse=True))
# Where a piece of markup may start: a comment, a doctype, or a tag of a known element.
_START = regex.compile(
    rf"<(?:(?P<comment>!--)|!(?i:doctype)\b|/?(?P<name>{_NAMES}|{_NAMES.upper()})(?=[\s/>]))"
)
# The rest of a tag after its name: attributes (quoted values stay on one line), then '>'.
_TAG_REST = regex.compile(r"""(?:[^<>"'\n]++|\n|"[^"\n]{0,1000}+"|'[^'\n]{0,1000}+')*+>""")
_CLOSERS = {name: regex.compile(rf"</{name}\s*>", regex.I) for name in ("script", "style")}
_BETWEEN = regex.compile(r"\s*")
# A character reference (named, with its semicolon; decimal; hexadecimal), escaped any number
# of times over ('&amp;amp;lt;' is '&lt;' escaped twice).
ENTITY = regex.compile(
    r"&(?:amp;)*(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_SOFT_HYPHEN = "\u00ad"
MAX_TAG = 4096  # characters a tag may take (the search for its '>' stops there)


def tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each tag, comment, doctype and script or style element in ``text``."""
    if "<" not in text:
        return []
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()  # kinds whose end is nowhere after an earlier opening
    at = 0
    while (m := _START.search(text, at)) is not None:
        start, at = m.start(), m.end()
        if m.group("comment"):
            end = -1 if "comment" in unclosed else text.find("-->", at)
            if end < 0:
                unclosed.add("comment")
                continue
            at = end + 3
        else:
            rest = _TAG_REST.match(text, at, at + MAX_TAG)
            if rest is None:
                continue
            at = rest.end()
            name = (m.group("name") or "").lower()
            if name in _CLOSERS and text[start + 1 : start + 2] != "/":
                close = None if name in unclosed else _CLOSERS[name].search(text, at)
                if close is None:
                    unclosed.add(name)
                else:
                    at = close.end()
        spans.append((start, at))
    return spans


def markup_spans(text: str, tags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the HTML in ``text``: its ``tags`` (see ``tag_spans``), those separated
    only by white space joined."""
    spans: list[tuple[int, int]] = []
    for start, end in tags:
        if spans and _BETWEEN.fullmatch(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def tag_name(tag: str) -> str:
    """The element name of a tag, lower case ('' for a comment or a doctype)."""
    m = _START.match(tag)
    return (m.group("name") or "").lower() if m else ""


def decoded(reference: str) -> str | None:
    """What a character reference (escaped once or more) stands for, or None when it stands
    for nothing (an unknown name, a code point out of range) or for an invisible character
    other than the soft hyphen. Space characters (``&nbsp;``) become a plain space and the
    soft hyphen (``&shy;``) nothing."""
    body = reference[1:]
    while body.startswith("amp;") and len(body) > len("amp;"):
        body = body[len("amp;") :]  # unescape '&amp;amp;lt;' down to '&lt;'
    entity = "&" + body
    # html.unescape reads numbers as browsers do (the Windows-1252 ones too: '&#133;' is '…')
    text = html.unescape(entity) if entity.startswith("&#") else html5.get(entity[1:], "")
    if not text or "\ufffd" in text or text == entity:
        return None
    if text == _SOFT_HYPHEN:
        return ""
    if any(unicodedata.category(c) == "Cf" for c in text):
        return None
    return " " if text.isspace() else text
