"""BP: page chrome learned from the linted set (short lines that recur across many documents)
and HTML left in the text.

Known chrome ("top of page", counters, share widgets, syndication notices) is data, in
``rules/boilerplate.yaml``; this module finds the chrome of sites nobody listed, from pass 1's
``CorpusStats.line_documents``, and the markup a failed extraction kept (``Document.markup``:
the engine drops every other rule's findings inside it).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import regex

from ..corpus import chrome_key, normalise_line
from ..document import Document, Span
from ..engine import Context
from ..gazetteer import lookup
from ..markup import BLOCKS, tag_name, tag_spans
from ..model import Applicability, Edit, Fix
from ..packs import RULES_DIR, load_pack
from ..registry import Hit, Rule, rule
from ..textutil import delete_lines

PACK = RULES_DIR / "boilerplate.yaml"
EVIDENCE = 40  # characters of a line's first HTML tag quoted in BP011's message
# A sentence: ends in terminal punctuation (closing quotes and brackets allowed) and has at
# least this many words. Chrome is labels and fragments, not sentences.
SENTENCE_WORDS = 4
_TERMINAL = regex.compile(r"[.!?…][\"'”’»)\]]*$")
# Quotation marks, or a single quote that opens or closes a quotation (not an apostrophe).
_QUOTE = regex.compile(r"[\"“”«»„]|(?<![\p{L}\p{N}])['‘]|['’](?![\p{L}\p{N}])")
# A dateline on its own line: "DAMASCUS, Syria", "BEIRUT (Reuters) -", "Homs, Syria —".
_DATELINE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{L}\p{M}.'’ -]*?)"
    r"(?P<region>,[ \t]*\p{Lu}[\p{L}\p{M}. ]{1,30}?)?"
    r"(?P<agency>[ \t]*\(\p{Lu}[\p{L} .&-]{1,29}\))?"
    r"[ \t]*[-–—:]*[ \t]*$"
)
# A line that continues or ends a sentence broken up by inline markup: it starts with a
# lower-case function word ("or", "and the") or ends in a comma, a semicolon or the full stop of
# a word ("Yes.", "Intel,"); chrome labels do neither.
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor so yet of to in on at by for from with into onto about as than "
    "that this these those which who whom whose what when where while if because is are was "
    "were be been has have had do does did will would can could should may might must not no "
    "it its he she they we you i his her their our your my here there".split()
)
_CLOSERS = "\"'”’»)]"
_LETTERS = regex.compile(r"\p{L}")
# Shared prose: a document whose own sentences recur across the set is one copy of a syndicated
# story; its recurring headline and subheadings are the story's, not chrome.
SHARED_SENTENCE_WORDS = 6
SHARED_SENTENCES = 2
# Between a headline and a site name in a page title: "Headline - Site", "Site: Headline",
# "Headline | Site", "Headline_English_Xinhua".
TITLE_SEPARATOR = regex.compile(
    r"[ \t\u00a0]+(?:--?|::|[–—|>»/•:@])[ \t\u00a0]+"  # spaced: "Headline - Site"
    r"|(?<=\S)(?:[-–—|:]|\.\.\.)[ \t\u00a0]+"  # glued left: "Headline- Site", "Site: Headline"
    r"|[ \t\u00a0]+[-–—|](?=\S)"  # glued on the right: "Headline |Site"
    r"|[ \t\u00a0]*_(?=\S)|(?<=\S)\|(?=\S)"  # "Headline_English_Xinhua", "Headline|Site"
)
HEADLINE_WORDS = 4  # a headline has at least this many words; a site name has fewer


@lru_cache(maxsize=1)
def _pack_rules() -> tuple[Rule, ...]:
    return tuple(load_pack(PACK)) if PACK.is_file() else ()


@lru_cache(maxsize=1 << 16)
def is_pack_chrome(line: str) -> bool:
    """Does the boilerplate pack report chrome on this line? (Cached: chrome lines recur.)"""
    doc = Document(line)
    return any(True for r in _pack_rules() for _ in r.check(doc, None))


def _pack_line(doc: Document, index: int) -> bool:
    return is_pack_chrome(doc.line_text(index).strip())


def is_sentence(line: str) -> bool:
    """A line that reads as a sentence: several words and terminal punctuation."""
    return len(line.split()) >= SENTENCE_WORDS and bool(_TERMINAL.search(line))


def is_dateline(line: str) -> bool:
    """A dateline: a known place in capitals, or a place with its region or a news agency."""
    m = _DATELINE.match(line)
    if not m:
        return False
    place = m.group("place").strip(" .-")
    if m.group("agency") or (place.isupper() and len(place) > 1 and lookup(place)):
        return True
    return bool(m.group("region")) and bool(lookup(place))


def _fragment(line: str) -> bool:
    words = line.split()
    first = words[0].strip(_CLOSERS + "(['‘“")
    if first[:1].islower() and first in _FUNCTION_WORDS:
        return True
    end = line.rstrip(_CLOSERS)
    if end.endswith((",", ";")):
        return True
    last = words[-1].rstrip(_CLOSERS)
    return end.endswith(".") and not end.endswith("..") and "." not in last[:-1]


@lru_cache(maxsize=1 << 14)
def article_like(line: str) -> bool:
    """Short lines that are article text however often they recur: sentences and fragments of
    sentences, quotations, datelines, and lines of figures (table cells)."""
    return (
        len(_LETTERS.findall(line)) < 2
        or is_sentence(line)
        or _fragment(line)
        or bool(_QUOTE.search(line))
        or is_dateline(line)
    )


def title_parts(line: str) -> list[str]:
    """The pieces of a page title around its separators ("Headline - Site" → both)."""
    return [
        part
        for m in TITLE_SEPARATOR.finditer(line)
        for part in (line[: m.start()], line[m.end() :])
    ]


def headline_keys(doc: Document) -> set[str]:
    """The document's headline: its first line, and the headline inside it if it is a page
    title ("Rebels enter Homs as army withdraws - Levant Daily"), as normalised keys."""
    first = next((doc.line_text(i) for i in range(len(doc.lines)) if doc.line_text(i).strip()), "")
    keys = {normalise_line(part) for part in [first, *title_parts(first)]}
    return {k for k in keys if k.count(" ") + 1 >= HEADLINE_WORDS}


def _copies(lines: list[tuple[int, str, int]]) -> int:
    """In how many documents this document's prose recurs (0 when it is its own)."""
    shared = sorted(
        count
        for _, text, count in lines
        if count > 1 and is_sentence(text) and len(text.split()) >= SHARED_SENTENCE_WORDS
    )
    return shared[-1] if len(shared) >= SHARED_SENTENCES else 0


def _headings(doc: Document) -> set[int]:
    if not doc.markdown:
        return set()
    return {doc.line_of(p.start) for p in doc.paragraphs if p.kind == "heading"}


def _in_chrome(doc: Document, found: set[int]) -> list[int]:
    """The found lines next to other chrome or to an edge of the page: chrome comes in menus,
    bars and footers, while a lone recurring line between paragraphs is usually a subheading."""
    nonblank = [i for i in range(len(doc.lines)) if doc.line_text(i).strip()]
    kept = []
    for n, index in enumerate(nonblank):
        if index not in found:
            continue
        before = nonblank[n - 1] if n else None
        after = nonblank[n + 1] if n + 1 < len(nonblank) else None
        if any(i is None or i in found or _pack_line(doc, i) for i in (before, after)):
            kept.append(index)
    return kept


@rule(
    id="BP010",
    name="learned-page-chrome",
    category="boilerplate",
    severity="warning",
    message="'{match}' recurs in {count} of {documents} documents: page chrome, not article text",
    rationale="""A short line that recurs verbatim across many documents of the linted set (a
    site's menu item, section label or footer) and sits next to other chrome or at the edge of
    the page is page chrome the rule packs do not know. The threshold is
    `boilerplate-min-documents` (3). Sentences and pieces of sentences, quotations, figures,
    datelines ("DAMASCUS, Syria") and the document's own headline are article text however often
    they recur; so is a lone recurring line between paragraphs (a subheading), and the headline
    and subheadings of a story whose sentences recur too (syndicated copies of one story). The
    fix deletes the line, or a run of such lines at once; it is unsafe because the evidence is
    statistical.""",
    fails=[
        {
            "text": "Rebels enter Homs.\n⟦More from the Levant desk⟧\n",
            "fixed": "Rebels enter Homs.\n",
            "corpus": [
                "Army regroups near Hama.\nMore from the Levant desk\n",
                "Talks stall in Geneva.\n\nMore from the Levant desk\n",
            ],
        },
        {
            "text": "⟦Levant Daily⟧\n⟦World | Region | Opinion⟧\nRebels enter Homs.\n",
            "fixed": "Rebels enter Homs.\n",
            "corpus": [
                "Levant Daily\nWorld | Region | Opinion\nArmy regroups near Hama.\n",
                "Levant Daily\nWorld | Region | Opinion\nTalks stall in Geneva.\n",
            ],
        },
    ],
    passes=[
        {
            "text": "DAMASCUS, Syria\nRebels entered Homs on Saturday.\n",
            "corpus": [
                "DAMASCUS, Syria\nThe army regrouped near Hama.\n",
                "DAMASCUS, Syria\nTalks stalled in Geneva.\n",
            ],
        },
        {
            "text": "“We will not leave”\nRebels entered Homs on Saturday.\n",
            "corpus": [
                "“We will not leave”\nThe army regrouped near Hama.\n",
                "“We will not leave”\nTalks stalled in Geneva.\n",
            ],
        },
        {
            "text": "AFP was unable to confirm the report.\nRebels entered Homs.\n",
            "corpus": [
                "AFP was unable to confirm the report.\nThe army regrouped.\n",
                "AFP was unable to confirm the report.\nTalks stalled.\n",
            ],
        },
        {
            "text": "Soldiers fled to Iraq\nAn Iraqi source said hundreds crossed the border.\n"
            "A second source put the figure at 2,000 troops.\n",
            "corpus": [
                "Soldiers fled to Iraq\nAn Iraqi source said hundreds crossed the border.\n"
                "A second source put the figure at 2,000 troops.\n",
                "Soldiers fled to Iraq\nAn Iraqi source said hundreds crossed the border.\n"
                "A second source put the figure at 2,000 troops.\n",
            ],
        },
        {
            "text": "Rebels enter Homs.\nMore from the Levant desk\n",
            "corpus": ["Army regroups near Hama.\nMore from the Levant desk\n"],
        },
        {
            "text": "Rebels entered Homs.\nAbout the region\nThe army withdrew.\n",
            "corpus": [
                "Talks stalled.\nAbout the region\nThe army regrouped.\n",
                "Aid arrived.\nAbout the region\nThe roads reopened.\n",
            ],
        },
        {
            "text": "Rebels enter Homs.\nAdvertisement\n",
            "corpus": ["Army regroups.\nAdvertisement\n", "Talks stall.\nAdvertisement\n"],
        },
    ],
    fix="unsafe",
    phase="structure",
    corpus=("lines",),
)
def learned_page_chrome(doc: Document, ctx: Context) -> Iterator[Hit]:
    stats = ctx.corpus
    threshold = max(2, ctx.config.boilerplate_min_documents)
    if stats is None or stats.documents < threshold:
        return
    lines, keys = [], {}
    for index, span in enumerate(doc.lines):
        text = doc.text[span.start : span.end].strip()
        key = chrome_key(text)
        if key:
            lines.append((index, text, stats.line_documents.get(key, 0)))
            keys[index] = key
    copies = _copies(lines)
    protected = _headings(doc)
    headline = headline_keys(doc)
    found = {
        index: (text, count)
        for index, text, count in lines
        if count >= threshold
        and count > copies
        and index not in protected
        and keys[index] not in headline
        and not article_like(text)
        and not is_pack_chrome(text)
    }
    kept = _in_chrome(doc, set(found))
    fixes = _run_fixes(doc, kept)
    for index in kept:
        text, count = found[index]
        start = doc.text.index(text, doc.lines[index].start)
        yield Hit(
            start, start + len(text), {"count": count, "documents": stats.documents}, fixes[index]
        )


def _run_fixes(doc: Document, indexes: list[int]) -> dict[int, Fix]:
    """One unsafe fix per run of chrome lines (blank and pack-chrome lines may lie between)."""
    return _run_deletions(
        doc,
        indexes,
        lambda i: not doc.line_text(i).strip() or _pack_line(doc, i),
        Applicability.UNSAFE,
        ("Delete the line", "Delete {n} lines of page chrome"),
    )


def _run_deletions(
    doc: Document,
    indexes: Iterable[int],
    passable: Callable[[int], bool],
    applicability: Applicability,
    what: tuple[str, str],
) -> dict[int, Fix]:
    """One fix per run of the lines ``indexes`` (in order; lines that are ``passable`` may lie
    between them), by line: the run goes in one edit, as adjacent one-line edits would touch and
    need a round each. ``what`` describes a run of one line and of ``{n}`` lines."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and all(passable(i) for i in range(runs[-1][-1] + 1, index)):
            runs[-1].append(index)
        else:
            runs.append([index])
    fixes = {}
    for run in runs:
        description = what[0] if len(run) == 1 else what[1].format(n=len(run))
        fix = Fix((delete_lines(doc, run[0], run[-1]),), applicability, description)
        fixes.update(dict.fromkeys(run, fix))
    return fixes


@rule(
    id="BP011",
    name="html-markup",
    category="boilerplate",
    severity="warning",
    message="HTML left in the text: '{tag}'",
    rationale="""A scraper that fails to extract the article keeps some or all of the page's
    HTML: tags of known elements ('<div class="nav">', '</td>'), comments, script and style
    elements with their code. Each line holding markup is reported. Lines of nothing but markup
    are deleted (a safe fix: they hold no text); tags inside a line of text are removed, with a
    space where they stood between two words (an unsafe fix: read the line without them).
    Angle brackets that are not tags of HTML elements ('x<y', '<Reuters>') are not markup, and
    Markdown files, where HTML is allowed, are not checked. Other rules stay silent inside
    markup.""",
    fails=[
        {
            "text": '⟦<div class="nav">⟧\nRebels entered Homs.\n⟦</div>⟧\n',
            "fixed": "Rebels entered Homs.\n",
        },
        {
            "text": '⟦<script type="text/javascript">⟧\n⟦var page = "news";⟧\n⟦</script>⟧\n'
            "Rebels entered Homs.\n",
            "fixed": "Rebels entered Homs.\n",
        },
        ("The army ⟦<b>withdrew</b>⟧ on Sunday.", "The army withdrew on Sunday."),
        ("Rebels entered Homs.⟦<br>⟧The army withdrew.", "Rebels entered Homs. The army withdrew."),
        ('⟦<td><a href="/world">World</a></td>⟧', "World"),
        ('⟦<a href="/world"⟧\n⟦  class="nav">World</a>⟧\n', "\nWorld\n"),
        ('Read ⟦<a href="/x">Reuters</a>⟧.', "Read Reuters."),
        (
            "The ⟦<b> army <i>Le Monde</i>, word<span>s</span>⟧ here",
            "The army Le Monde, words here",
        ),
    ],
    passes=[
        "Analysts said the index rose when x<y and y>z.",
        "A <Reuters> wire said the talks had failed.",
        "Press <Enter> to continue; 3 < 4 > 2.",
        {"text": "Line one<br>\nLine two with <b>bold</b> text.\n", "markdown": True},
    ],
    fix="safe",
    phase="structure",
    on_markup=True,
)
def html_markup(doc: Document, ctx: Context) -> Iterator[Hit]:
    if doc.markdown or not doc.markup:
        return
    pieces = _pieces_by_line(doc)
    bare = {i for i in pieces if not _text_outside(doc, i, pieces[i]).strip()}
    tags = doc.tags
    for start, end in tags:  # a tag that runs on into a line of text: strip it
        lines = range(doc.line_of(start), doc.line_of(end - 1) + 1)
        if not all(i in bare for i in lines):
            bare.difference_update(lines)
    fixes = _run_deletions(  # runs of lines of nothing but markup, blank lines between
        doc,
        sorted(bare),
        lambda i: not doc.line_text(i).strip(),
        Applicability.SAFE,
        ("Delete the line of HTML", "Delete {n} lines of HTML"),
    )
    starts = [start for start, _ in tags]
    for index, found in pieces.items():
        # the evidence is the whole tag (or script element) the line's first markup belongs to
        at = max(0, bisect.bisect_right(starts, found[0].start) - 1)
        if tags[at][1] <= found[0].start:  # the line starts with the space between two tags
            at += 1
        start, end = tags[at]
        first = " ".join(doc.text[start:end].split())
        tag = first if len(first) <= EVIDENCE else first[: EVIDENCE - 1] + "…"
        fix = fixes.get(index) or _strip_tags(doc, found)
        yield Hit(found[0].start, found[-1].end, {"tag": tag}, fix)


def _pieces_by_line(doc: Document) -> dict[int, list[Span]]:
    """The parts of the markup on each line that has some, by line index, in order."""
    out: dict[int, list[Span]] = {}
    for span in doc.markup.spans:
        first, last = doc.line_of(span.start), doc.line_of(span.end - 1)
        for index in range(first, last + 1):
            line = doc.lines[index]
            start, end = max(span.start, line.start), min(span.end, line.end)
            if start < end:
                out.setdefault(index, []).append(Span(start, end))
    return out


def _text_outside(doc: Document, index: int, found: list[Span]) -> str:
    """What the line says besides its markup."""
    line, text, at, out = doc.lines[index], doc.text, doc.lines[index].start, []
    for span in found:
        out.append(text[at : span.start])
        at = span.end
    out.append(text[at : line.end])
    return "".join(out)


def _strip_tags(doc: Document, found: list[Span]) -> Fix:
    """Remove the markup from a line of text: a block element ('<br>', '<p>', '<td>') that
    parts two pieces of text leaves a space, an inline one ('<b>', '<a>') nothing; a tag
    between two spaces takes one of them with it."""
    text, edits = doc.text, []
    for span in found:
        before = text[span.start - 1 : span.start] if span.start else ""
        after = text[span.end : span.end + 1]
        end, replacement = span.end, ""
        spaced = before.isspace() or after.isspace() or not before or not after
        if not spaced and _separates(text[span.start : span.end]):
            replacement = " "
        elif before in (" ", "\t") and after in (" ", "\t"):
            end += 1
        edits.append(Edit(span.start, end, replacement))
    return Fix(tuple(edits), Applicability.UNSAFE, "Remove the HTML tags")


def _separates(markup: str) -> bool:
    """Does this run of markup hold a block element (or a comment) that separates words?"""
    return any(
        tag_name(markup[start:end]) in BLOCKS or markup.startswith("<!--", start)
        for start, end in tag_spans(markup)
    )
