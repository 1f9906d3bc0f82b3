"""DU: paragraphs and headlines repeated within one document, and near-duplicate documents.

Exact repeats are found by their normalised text in a dictionary. A near repeat must score at
least 90 with rapidfuzz against an earlier text that shares a band of its MinHash (the LSH
condition). Among the few paragraphs of an article, the pairs of similar length are scored and
only those that score high are sketched; in a long document an index of the bands proposes the
candidates and only those are scored, so the work stays linear. The analyses of a paragraph's
text are memoised: scraped corpora repeat their paragraphs.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import regex
from rapidfuzz import fuzz

from ..corpus import SIGNATURE_PERM, minhash_values, normalise_line
from ..document import Document
from ..engine import Context
from ..memo import by_text
from ..model import Applicability, Fix
from ..registry import Hit, rule
from ..textutil import delete_lines
from .boilerplate import TITLE_SEPARATOR, is_pack_chrome, is_sentence

# Shorter repeats ("Comments", "AFP", "Read more") are chrome or house style, left to BP.
MIN_WORDS = 4
# Near repeats need longer text: short lines that differ in one word are different lines.
NEAR_MIN_WORDS = 15
# Text found more than this many times in one document is a recurring element of its structure.
MAX_COPIES = 2
NEAR_SIMILARITY = 90.0  # rapidfuzz ratio, 0-100
SHINGLE = 5  # characters per shingle of the MinHash
# The 64 MinHash values in 16 bands of 4 rows: pairs with a shingle Jaccard similarity near
# (1/16)^(1/4) = 0.5 or more become candidates. Generous on purpose: the LSH proposes,
# rapidfuzz decides.
LSH_ROWS = 4
LSH_BANDS = SIGNATURE_PERM // LSH_ROWS
# Up to this many long texts in a document, all their pairs are scored; beyond, the LSH index.
MAX_PAIRWISE = 100
MAX_TITLE_AFFIX_WORDS = 12
TITLE_HEADLINE_WORDS = 3  # "Kerry endorses Obama - Berkshire Eagle"
WRAP_MIN_WIDTH = 40  # narrower blocks of lines are lists and menus, not wrapped prose
_NUMBER = regex.compile(r"\d+")
_QUOTATION = regex.compile(r"[\"“”«»„]")
_SEPARATOR_CHARS = " \t\u00a0-–—|:>»/•@_."
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*\s*$")
_FULL_STOP = regex.compile(r"(?<!\.)\.[\"'”’)\]]*$")  # a sentence, not a page title


class Text(NamedTuple):
    """What is compared of a block's text."""

    key: str  # case-, space- and punctuation-insensitive text
    spaced: str  # the text with runs of whitespace made single spaces
    words: int
    # Of a text long enough to be nearly repeated: the figures it states, sorted, and whether it
    # holds a quotation mark.
    numbers: tuple[str, ...]
    quoted: bool


class Block(NamedTuple):
    """A paragraph, or one line of a paragraph of several lines."""

    start: int
    end: int
    first: int  # first and last line indexes
    last: int
    text: Text
    paragraph: bool  # a whole paragraph, not one line of it


def _block(text: str, start: int, end: int, line: int, paragraph: bool) -> Block | None:
    """The block of ``text[start:end]`` without its surrounding whitespace (``line``: the index
    of the line holding ``start``), if it has enough words to matter."""
    part = text[start:end]
    key = normalise_line(part)
    words = key.count(" ") + 1 if key else 0
    if words < MIN_WORDS:
        return None
    spaced = " ".join(part.split())
    if words < NEAR_MIN_WORDS:
        compared = Text(key, spaced, words, (), False)
    else:
        numbers = tuple(sorted(_NUMBER.findall(key)))
        compared = Text(key, spaced, words, numbers, bool(_QUOTATION.search(spaced)))
    lead, tail = len(part) - len(part.lstrip()), len(part.rstrip())
    first = line + part.count("\n", 0, lead)
    last = first + part.count("\n", lead, tail)
    return Block(start + lead, start + tail, first, last, compared, paragraph)


def _hard_wrapped(lines: list[str], block: Block) -> bool:
    """Prose wrapped at a fixed width: its lines are fragments, compared only as a paragraph."""
    widths = [len(line.strip()) for line in lines[block.first : block.last]]
    top = max(widths, default=0)
    return top >= WRAP_MIN_WIDTH and sum(w >= 0.75 * top for w in widths) >= 0.8 * len(widths)


@by_text
def _paragraph_units(text: str) -> tuple[Block, ...]:
    """The units of a paragraph long enough to matter, with offsets and line indexes relative to
    its own: the whole paragraph, but each line of a block of short lines (a list or a menu)."""
    whole = _block(text, 0, len(text), 0, True)
    if whole is None:
        return ()  # its lines have fewer words still
    lines = text.split("\n")
    if whole.first == whole.last or _hard_wrapped(lines, whole):
        return (whole,)
    units, start = [], 0
    for index, line in enumerate(lines):
        unit = _block(text, start, start + len(line), index, False)
        if unit:
            units.append(unit)
        start += len(line) + 1
    return tuple(units)


def _units(doc: Document) -> list[Block]:
    """What is compared, in document order (tables aside)."""
    units: list[Block] = []
    for para, text in zip(doc.paragraphs, doc.paragraph_texts, strict=True):
        if para.kind == "table":
            continue
        offset, line = para.start, doc.line_of(para.start)
        units += [
            Block(
                u.start + offset, u.end + offset, u.first + line, u.last + line, u.text, u.paragraph
            )
            for u in _paragraph_units(text)
        ]
    return units


@by_text
def _bands(key: str) -> tuple[bytes, ...]:
    """The LSH bands of the MinHash of a key's character shingles."""
    shingles = range(max(1, len(key) - SHINGLE + 1))
    values = minhash_values({zlib.crc32(key[i : i + SHINGLE].encode()) for i in shingles})
    return tuple(values[i : i + LSH_ROWS].tobytes() for i in range(0, len(values), LSH_ROWS))


def _share_band(key: str, other: str) -> bool:
    return any(a == b for a, b in zip(_bands(key), _bands(other), strict=True))


class _BandIndex:
    """Earlier long blocks in an LSH index: the candidates share a band with the block."""

    def __init__(self) -> None:
        self.tables: list[dict[bytes, list[Block]]] = [{} for _ in range(LSH_BANDS)]

    def add(self, block: Block) -> None:
        for band, table in zip(_bands(block.text.key), self.tables, strict=True):
            table.setdefault(band, []).append(block)

    def may_match(self, key: str) -> bool:
        return True

    def candidates(self, block: Block) -> list[Block]:
        found = {
            earlier.start: earlier
            for band, table in zip(_bands(block.text.key), self.tables, strict=True)
            for earlier in table.get(band, ())
        }
        return [found[start] for start in sorted(found)]


class _PairScores:
    """Earlier long blocks of a document with few: every pair of their texts is scored, and the
    candidates are the earlier blocks that score high and share a band with the block (the
    condition the LSH index applies)."""

    def __init__(self, keys: list[str]) -> None:
        self.close: dict[str, list[str]] = {}
        self.added: dict[str, Block] = {}
        keys = sorted(keys, key=len)
        for i, key in enumerate(keys):
            for other in keys[i + 1 :]:
                # The ratio cannot reach 90 when one text is longer by more than 11/9.
                if len(other) * NEAR_SIMILARITY > len(key) * (200 - NEAR_SIMILARITY):
                    break
                if fuzz.ratio(key, other, score_cutoff=NEAR_SIMILARITY):
                    self.close.setdefault(key, []).append(other)
                    self.close.setdefault(other, []).append(key)

    def may_match(self, key: str) -> bool:
        return key in self.close

    def add(self, block: Block) -> None:
        self.added[block.text.key] = block

    def candidates(self, block: Block) -> list[Block]:
        key = block.text.key
        found = [
            self.added[other]
            for other in self.close.get(key, ())
            if other in self.added and _share_band(key, other)
        ]
        return sorted(found, key=lambda earlier: earlier.start)


def _near_index(units: list[Block]) -> _PairScores | _BandIndex:
    """Where the long units will look for their near repeats."""
    keys = list(dict.fromkeys(u.text.key for u in units if u.text.words >= NEAR_MIN_WORDS))
    return _PairScores(keys) if len(keys) <= MAX_PAIRWISE else _BandIndex()


def _without_chrome(units: list[Block], near: _PairScores | _BandIndex) -> list[Block]:
    """The units that are not page chrome (which BP reports). A line is looked up only where it
    can matter: up to the first unit kept (the headline), when its text occurs again or may be
    nearly repeated. Any other line is kept unlooked: it can neither repeat nor be repeated."""
    copies = Counter(u.text.key for u in units)
    kept: list[Block] = []
    for unit in units:
        key = unit.text.key
        if (
            unit.first == unit.last
            and (
                not kept
                or copies[key] > 1
                or (unit.text.words >= NEAR_MIN_WORDS and near.may_match(key))
            )
            and is_pack_chrome(unit.text.spaced)
        ):
            continue
        kept.append(unit)
    return kept


class _Seen:
    """Earlier blocks: by exact key, and the long ones for near matches."""

    def __init__(self, near: _PairScores | _BandIndex) -> None:
        self.exact: dict[str, Block] = {}
        self.near = near

    def match(self, block: Block) -> tuple[Block, float] | None:
        """The earlier block this one repeats, and the similarity (100 when exact).
        Of several near matches, the most similar (the first of equals)."""
        key = block.text.key
        if key in self.exact:
            return self.exact[key], 100.0
        if block.text.words < NEAR_MIN_WORDS:
            self.exact[key] = block
            return None
        best: tuple[Block, float] | None = None
        for earlier in self.near.candidates(block):
            if not _comparable(block.text, earlier.text):
                continue
            score = fuzz.ratio(key, earlier.text.key, score_cutoff=NEAR_SIMILARITY)
            if score and (best is None or score > best[1]):
                best = earlier, score
        if best is None:
            self.exact[key] = block
            self.near.add(block)
        return best


def _comparable(text: Text, earlier: Text) -> bool:
    """Can these two differ by an editing slip? Not when they state other figures (another
    statement), when one holds the other (a teaser and its lede, a quotation with and without
    its attribution or dateline), or when they quote someone (a quotation reused on purpose)."""
    return (
        earlier.numbers == text.numbers
        and text.key not in earlier.key
        and earlier.key not in text.key
        and not (text.quoted or earlier.quoted)
    )


def _label(unit: Block) -> bool:
    """A short line that is not a sentence: a headline, a label, a list item, a product name."""
    return unit.text.words < NEAR_MIN_WORDS and not is_sentence(unit.text.spaced)


def _repeats(doc: Document) -> Iterator[tuple[Block, Block, float]]:
    """(later, earlier, similarity) for every block that repeats an earlier one."""
    units = _units(doc)
    # Indexed before chrome is dropped: an index of more texts proposes the same candidates.
    near = _near_index(units)
    units = _without_chrome(units, near)
    copies = Counter(u.text.key for u in units)
    # The headline: the first unit, unless it is a sentence that ends with a full stop.
    headline = units[0] if units and not _FULL_STOP.search(units[0].text.spaced) else None
    seen = _Seen(near)
    for unit in units:
        found = seen.match(unit)
        if not found:
            continue
        # Text found three times or more is a recurring element (a list entry, a table header,
        # a refrain), and short labels recur in lists and shopping boxes: for those, only a
        # repeat of the headline is a slip.
        if found[0] is headline or (copies[unit.text.key] <= MAX_COPIES and not _label(unit)):
            yield unit, *found


@rule(
    id="DU001",
    name="duplicate-paragraph",
    category="duplicate",
    severity="warning",
    message="{what} the {kind} at line {line}",
    rationale="""Syndication feeds, scrapers and careless pasting repeat a headline or a
    paragraph within one document. The later copy is reported. Deleting it is safe when it is
    identical to the earlier one (spacing aside); when it differs in case, punctuation or a few
    words (similarity of at least 90%), a person should choose which copy to keep, so the fix is
    unsafe. Not reported: repeats of fewer than four words and page chrome (left to the
    boilerplate rules); text found three times or more (a list entry, a table header, a refrain)
    and short lines that are not sentences (product names, list items), unless they repeat the
    headline; near copies that state other figures, that contain one another (a lede with and
    without its dateline) or that quote someone (a quotation reused on purpose).""",
    fails=[
        (
            "Where Is Assad? Questions Over His Whereabouts\n\nA war monitor said Assad has left"
            " the country.\n\n⟦Where Is Assad? Questions Over His Whereabouts⟧\n\n⟦A war monitor"
            " said Assad has left the country.⟧\n\nResidents told AFP gunfire rang out.\n",
            "Where Is Assad? Questions Over His Whereabouts\n\nA war monitor said Assad has left"
            " the country.\n\nResidents told AFP gunfire rang out.\n",
        ),
        (
            "The army said on Saturday it was reinforcing its lines around Damascus and in the"
            " south of the country.\nRebels said they had reached the suburbs.\n⟦The army said on"
            " Saturday it was reinforcing its lines around Damascus and in the south of the"
            " country⟧\n",
            "The army said on Saturday it was reinforcing its lines around Damascus and in the"
            " south of the country.\nRebels said they had reached the suburbs.\n",
        ),
        (
            "The Syrian army said on Saturday that it was reinforcing its defence lines around"
            " Damascus and in the south.\n\nRebels said they had reached the suburbs.\n\n⟦The"
            " Syrian army said on Saturday that it was reinforcing its defense lines around"
            " Damascus and in the south.⟧\n",
            "The Syrian army said on Saturday that it was reinforcing its defence lines around"
            " Damascus and in the south.\n\nRebels said they had reached the suburbs.\n",
        ),
        (
            "top of page\nAssad flees Damascus as rebels advance\nMenu\n"
            "⟦Assad flees Damascus as rebels advance⟧\nThe president left on Sunday.\n",
            "top of page\nAssad flees Damascus as rebels advance\nMenu\n"
            "The president left on Sunday.\n",
        ),
    ],
    passes=[
        "Comments\n\nThe army withdrew.\n\nComments\n",
        "AFP\nThe army withdrew from Homs.\nAFP\n",
        "At least 10 people were killed in Homs on Saturday, the monitor said.\n\n"
        "At least 12 people were killed in Hama on Saturday, the monitor said.\n",
        "Rebels enter Homs\n\nRebels enter Hama\n",
        "He said: “We will not leave.” The crowd cheered.\n\n"
        "“We will not leave,” he repeated on Sunday, to cheers from the crowd.\n",
        "Share this article\n\nThe army withdrew.\n\nShare this article\n",
        "Best phones of the year\nApple iPhone 7, 32GB, Black\nA fine phone.\n"
        "Apple iPhone 7, 32GB, Black\nStill a fine phone.\n",
        "Day one\n\nEat every two or three hours.\n\nDay two\n\nEat every two or three"
        " hours.\n\nDay three\n\nEat every two or three hours.\n",
    ],
    fix="safe",
    phase="structure",
)
def duplicate_paragraph(doc: Document, ctx: Context) -> Iterator[Hit]:
    for later, earlier, score in _repeats(doc):
        identical = later.text.spaced == earlier.text.spaced
        safety = Applicability.SAFE if identical else Applicability.UNSAFE
        what = "Repeats" if score == 100.0 else f"Nearly repeats ({score:.0f}% similar)"
        kind = "paragraph" if earlier.paragraph else "line"
        yield Hit(
            later.start,
            later.end,
            {"what": what, "kind": kind, "line": earlier.first + 1},
            Fix((delete_lines(doc, later.first, later.last),), safety, "Delete the repeat"),
        )


class _TitleLine(NamedTuple):
    """A line as a page title might read it."""

    text: str  # without surrounding whitespace
    key: str
    headline: bool  # long enough to be a headline, so that a title may repeat it
    title: bool  # may be a headline between a site's name and section: it has separators


@by_text
def _title_line(line: str) -> _TitleLine:
    text = line.strip()
    key = normalise_line(text)
    headline = key.count(" ") + 1 >= TITLE_HEADLINE_WORDS
    title = headline and not _FULL_STOP.search(text) and bool(TITLE_SEPARATOR.search(text))
    return _TitleLine(text, key, headline, title)


@by_text
def _title_parts(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """The starts, ends and keys of the parts between the separators of a title."""
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(text)]
    starts = (0, *(end for _, end in cuts))
    ends = (*(start for start, _ in cuts), len(text))
    return starts, ends, tuple(normalise_line(text[s:e]) for s, e in zip(starts, ends, strict=True))


def _title_split(text: str, bare: dict[str, int], index: int) -> tuple[int, str] | None:
    """(headline line, affix) when ``text`` is another line between short affixes that read as
    names (site, section), not as the end of a sentence ("... deal — Why?"):
    "Headline - Site", "Site: Headline", "Section | Headline | Site"."""
    starts, ends, keys = _title_parts(text)
    words = [len(k.split()) for k in keys]
    total = sum(words)
    for i in range(len(keys)):
        inside = 0
        for j in range(i, len(keys)):
            inside += words[j]
            outside = total - inside
            if outside > MAX_TITLE_AFFIX_WORDS:
                continue
            if not outside:
                break
            line = bare.get(" ".join(k for k in keys[i : j + 1] if k))
            if line is None or line == index or _SENTENCE_END.search(text[ends[j] :]):
                continue
            parts = (
                text[: starts[i]].strip(_SEPARATOR_CHARS),
                text[ends[j] :].strip(_SEPARATOR_CHARS),
            )
            return line, " | ".join(part for part in parts if part)
    return None


def _page_titles(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(line, headline line, affix) for lines that are another line plus a site name."""
    bare: dict[str, int] = {}
    titles = []
    for index, line in enumerate(map(_title_line, doc.text.split("\n"))):
        if line.headline:
            bare.setdefault(line.key, index)
            if line.title:
                titles.append((index, line.text))
    for index, text in titles:
        found = _title_split(text, bare, index)
        if found:
            yield index, *found


@rule(
    id="DU002",
    name="headline-in-page-title",
    category="duplicate",
    severity="warning",
    message="Page title: the headline at line {line} plus '{affix}'",
    rationale="""A scraped page keeps its HTML title, which is the headline plus the site's
    name ("Rebels enter Homs - Levant Daily"), as well as the headline itself. The title line is
    reported, and the fix deletes it and keeps the article's own headline; it is unsafe because
    the title may be the only place the site is named.""",
    fails=[
        (
            "⟦Rebels enter Homs as army withdraws - Levant Daily⟧\nMenu\n"
            "Rebels enter Homs as army withdraws\nThe army withdrew overnight.\n",
            "Menu\nRebels enter Homs as army withdraws\nThe army withdrew overnight.\n",
        ),
        (
            "⟦Levant Daily: World: Rebels enter Homs as army withdraws⟧\n"
            "Rebels enter Homs as army withdraws\nThe army withdrew overnight.\n",
            "Rebels enter Homs as army withdraws\nThe army withdrew overnight.\n",
        ),
    ],
    passes=[
        "Rebels enter Homs as army withdraws\nThe army withdrew overnight.\n",
        "Rebels enter Homs\nRebels enter Homs - and the army withdraws overnight from its"
        " positions north of the city, leaving the road to the capital open to the rebels"
        " and their allies\n",
        "Syria: rebels enter Homs\nThe army withdrew overnight.\n",
    ],
    fix="unsafe",
    phase="structure",
)
def headline_in_page_title(doc: Document, ctx: Context) -> Iterator[Hit]:
    for index, line, affix in _page_titles(doc):
        span = doc.lines[index]
        text = doc.text[span.start : span.end]
        start = span.start + len(text) - len(text.lstrip())
        yield Hit(
            start,
            span.start + len(text.rstrip()),
            {"line": line + 1, "affix": affix},
            Fix((delete_lines(doc, index),), Applicability.UNSAFE, "Delete the page title"),
        )


# -- near-duplicate documents across the linted set -------------------------------------------
NEAR_DOCUMENT = 0.8  # estimated Jaccard similarity of word trigrams
# The bands and rows of an LSH index for that threshold over 64 values (datasketch's choice for
# MinHashLSH(threshold=0.8, num_perm=64), which leaves the last 9 values out of the bands).
DOCUMENT_BANDS = (5, 11)


class _Documents:
    """The corpus signatures (64 little-endian 32-bit values each), indexed by their LSH bands."""

    def __init__(self, sketches: dict[str, bytes]) -> None:
        self.sketches = sketches  # kept, so that an identity check cannot meet a recycled id
        self.size = len(sketches)
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(DOCUMENT_BANDS[0])]
        for path, raw in sketches.items():
            for band, table in zip(_document_bands(raw), self.tables, strict=True):
                table.setdefault(band, []).append(path)

    def similar(self, path: str) -> tuple[str, float] | None:
        """The first document in path order before ``path`` that it nearly repeats, if any, and
        their estimated similarity (the share of equal signature values)."""
        raw = self.sketches[path]
        earlier = {
            other
            for band, table in zip(_document_bands(raw), self.tables, strict=True)
            for other in table[band]
            if other < path
        }
        own = _values(raw)
        for other in sorted(earlier):
            similarity = sum(map(int.__eq__, own, _values(self.sketches[other]))) / len(own)
            if similarity >= NEAR_DOCUMENT:
                return other, similarity
        return None


def _values(raw: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(raw) // 4}I", raw)


def _document_bands(raw: bytes) -> list[bytes]:
    width = DOCUMENT_BANDS[1] * 4
    return [raw[i * width : (i + 1) * width] for i in range(DOCUMENT_BANDS[0])]


_DOCUMENT_INDEX: list[_Documents] = []  # the index of the statistics last seen


def _document_index(sketches: dict[str, bytes]) -> _Documents:
    """The index of the corpus signatures, built once per set of statistics."""
    if not (
        _DOCUMENT_INDEX
        and _DOCUMENT_INDEX[0].sketches is sketches
        and _DOCUMENT_INDEX[0].size == len(sketches)
    ):
        _DOCUMENT_INDEX[:] = [_Documents(sketches)]
    return _DOCUMENT_INDEX[0]


@rule(
    id="DU003",
    name="near-duplicate-document",
    category="duplicate",
    severity="info",
    message="This document nearly repeats {other} (similarity {similarity:.2f})",
    rationale="""Feeds and scrapers deliver one story many times: the same wire copy under
    several URLs, a syndicated article with a new headline, a page fetched twice. In a corpus
    such copies weigh one story several times. Documents are compared by MinHash signatures of
    their word trigrams, gathered over the whole linted set; each pair is reported once, on the
    document that sorts later, with its estimated similarity. Which copy to keep is the reader's
    call, so there is no fix.""",
    fails=[
        {
            "text": "⟦⟧Rebels entered Homs on Saturday after a week of fighting, and the army "
            "withdrew to the south, residents and a war monitor said on Sunday.",
            "corpus": [
                "Rebels entered Homs on Saturday after a week of fighting, and the army "
                "withdrew to the south, residents and a war monitor said on Sunday."
            ],
        }
    ],
    passes=[
        {
            "text": "Rebels entered Homs on Saturday after a week of fighting.",
            "corpus": ["Floods in Assam displaced forty thousand people on Monday."],
        }
    ],
    phase="structure",
    corpus=("sketches",),
)
def near_duplicate_document(doc: Document, ctx: Context) -> Iterator[Hit]:
    sketches = ctx.corpus.sketches if ctx.corpus else None
    if not sketches or doc.path not in sketches:
        return
    found = _document_index(sketches).similar(doc.path)
    if found:
        yield Hit(0, 0, {"other": found[0], "similarity": found[1]})
