"""DU: paragraphs and headlines repeated within one document, and near-duplicate documents.

Exact repeats are found by their normalised text in a dictionary; near repeats only among the
candidates a MinHash LSH index proposes, then confirmed with rapidfuzz, so the work stays linear
in the number of paragraphs.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from ..corpus import SIGNATURE_PERM, minhash, normalise_line
from ..document import Document
from ..engine import Context
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
NUM_PERM = 64
# 16 bands of 4 rows: pairs with a shingle Jaccard similarity near (1/16)^(1/4) = 0.5 or more
# become candidates. Generous on purpose: the LSH proposes, rapidfuzz decides. Given as bands
# and rows, MinHashLSH does not integrate its false-positive curve for every document.
LSH_BANDS = (16, 4)
MAX_TITLE_AFFIX_WORDS = 12
TITLE_HEADLINE_WORDS = 3  # "Kerry endorses Obama - Berkshire Eagle"
WRAP_MIN_WIDTH = 40  # narrower blocks of lines are lists and menus, not wrapped prose
_NUMBER = regex.compile(r"\d+")
_QUOTATION = regex.compile(r"[\"“”«»„]")
_SEPARATOR_CHARS = " \t\u00a0-–—|:>»/•@_."
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*\s*$")
_FULL_STOP = regex.compile(r"(?<!\.)\.[\"'”’)\]]*$")  # a sentence, not a page title


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, or one line of a paragraph of several lines."""

    start: int
    end: int
    first: int  # first and last line indexes
    last: int
    key: str  # case-, space- and punctuation-insensitive text
    spaced: str  # the text with runs of whitespace made single spaces
    paragraph: bool  # a whole paragraph, not one line of it

    @property
    def words(self) -> int:
        return self.key.count(" ") + 1 if self.key else 0


def _block(doc: Document, start: int, end: int, paragraph: bool) -> Block:
    text = doc.text[start:end]
    lead = len(text) - len(text.lstrip())
    start, end = start + lead, start + len(text.rstrip())
    return Block(
        start,
        end,
        doc.line_of(start),
        doc.line_of(end),
        normalise_line(text),
        " ".join(text.split()),
        paragraph,
    )


def _shingles(key: str) -> list[bytes]:
    return [key[i : i + SHINGLE].encode("utf-8") for i in range(max(1, len(key) - SHINGLE + 1))]


@lru_cache(maxsize=1)
def _empty_sketch() -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)


def _sketch(key: str) -> MinHash:
    """The MinHash of a key's character shingles (permutations shared, not regenerated)."""
    sketch = _empty_sketch().copy()
    sketch.update_batch(_shingles(key))
    return sketch


class _Seen:
    """Earlier blocks: by exact key, and in an LSH index for near matches."""

    def __init__(self) -> None:
        self.exact: dict[str, Block] = {}
        self.blocks: list[Block] = []
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)

    def match(self, block: Block) -> tuple[Block, float] | None:
        """The earlier block this one repeats, and the similarity (100 when exact)."""
        if block.key in self.exact:
            return self.exact[block.key], 100.0
        if block.words < NEAR_MIN_WORDS:
            self.exact[block.key] = block
            return None
        sketch = _sketch(block.key)
        best: tuple[Block, float] | None = None
        numbers = sorted(_NUMBER.findall(block.key))
        for index in self.lsh.query(sketch):
            earlier = self.blocks[index]
            if not _comparable(block, earlier, numbers):
                continue
            score = fuzz.ratio(block.key, earlier.key, score_cutoff=NEAR_SIMILARITY)
            if score and (best is None or score > best[1]):
                best = earlier, score
        if best is None:
            self.exact[block.key] = block
            self.lsh.insert(len(self.blocks), sketch)
            self.blocks.append(block)
        return best


def _comparable(block: Block, earlier: Block, numbers: list[str]) -> bool:
    """Can these two differ by an editing slip? Not when they state other figures (another
    statement), when one holds the other (a teaser and its lede, a quotation with and without
    its attribution or dateline), or when they quote someone (a quotation reused on purpose)."""
    return (
        sorted(_NUMBER.findall(earlier.key)) == numbers
        and block.key not in earlier.key
        and earlier.key not in block.key
        and not (_QUOTATION.search(block.spaced) or _QUOTATION.search(earlier.spaced))
    )


def _eligible(block: Block) -> bool:
    """Long enough to matter, and not page chrome (which BP reports)."""
    return block.words >= MIN_WORDS and not (
        block.first == block.last and is_pack_chrome(block.spaced)
    )


def _hard_wrapped(doc: Document, block: Block) -> bool:
    """Prose wrapped at a fixed width: its lines are fragments, compared only as a paragraph."""
    widths = [len(doc.line_text(i).strip()) for i in range(block.first, block.last)]
    top = max(widths, default=0)
    return top >= WRAP_MIN_WIDTH and sum(w >= 0.75 * top for w in widths) >= 0.8 * len(widths)


def _units(doc: Document) -> list[Block]:
    """What is compared, in document order: paragraphs, but the lines of a block of short lines
    (a list or a menu, where each line is its own item)."""
    units: list[Block] = []
    for para in doc.paragraphs:
        if para.kind == "table":
            continue
        block = _block(doc, para.start, para.end, True)
        if block.first == block.last or _hard_wrapped(doc, block):
            units.append(block)
            continue
        for line in range(block.first, block.last + 1):
            span = doc.lines[line]
            units.append(_block(doc, span.start, span.end, False))
    return [u for u in units if _eligible(u)]


def _label(unit: Block) -> bool:
    """A short line that is not a sentence: a headline, a label, a list item, a product name."""
    return unit.words < NEAR_MIN_WORDS and not is_sentence(unit.spaced)


def _repeats(doc: Document) -> Iterator[tuple[Block, Block, float]]:
    """(later, earlier, similarity) for every block that repeats an earlier one."""
    units = _units(doc)
    copies = Counter(u.key for u in units)
    # The headline: the first unit, unless it is a sentence that ends with a full stop.
    headline = units[0] if units and not _FULL_STOP.search(units[0].spaced) else None
    seen = _Seen()
    for unit in units:
        found = seen.match(unit)
        if not found:
            continue
        # Text found three times or more is a recurring element (a list entry, a table header,
        # a refrain), and short labels recur in lists and shopping boxes: for those, only a
        # repeat of the headline is a slip.
        if found[0] is headline or (copies[unit.key] <= MAX_COPIES and not _label(unit)):
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
        identical = later.spaced == earlier.spaced
        safety = Applicability.SAFE if identical else Applicability.UNSAFE
        what = "Repeats" if score == 100.0 else f"Nearly repeats ({score:.0f}% similar)"
        kind = "paragraph" if earlier.paragraph else "line"
        yield Hit(
            later.start,
            later.end,
            {"what": what, "kind": kind, "line": earlier.first + 1},
            Fix((delete_lines(doc, later.first, later.last),), safety, "Delete the repeat"),
        )


def _title_split(text: str, bare: dict[str, int], index: int) -> tuple[int, str] | None:
    """(headline line, affix) when ``text`` is another line between short affixes that read as
    names (site, section), not as the end of a sentence ("... deal — Why?"):
    "Headline - Site", "Site: Headline", "Section | Headline | Site"."""
    cuts = [(m.start(), m.end()) for m in TITLE_SEPARATOR.finditer(text)]
    if not cuts:
        return None
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(text)]
    keys = [normalise_line(text[s:e]) for s, e in zip(starts, ends, strict=True)]
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
    lines = []
    for index, span in enumerate(doc.lines):
        text = doc.text[span.start : span.end].strip()
        key = normalise_line(text)
        if key.count(" ") + 1 >= TITLE_HEADLINE_WORDS:
            bare.setdefault(key, index)
            if not _FULL_STOP.search(text):
                lines.append((index, text))
    for index, text in lines:
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
# The index of the statistics last seen: (their sketches, their count, LSH, signatures). The
# sketches themselves are kept, so that an identity check cannot meet a recycled object id.
_DOCUMENT_INDEX: list[tuple[dict[str, bytes], int, MinHashLSH, dict[str, MinHash]]] = []


def _document_index(sketches: dict[str, bytes]) -> tuple[MinHashLSH, dict[str, MinHash]]:
    """An LSH index over the corpus signatures, built once per set of statistics."""
    if _DOCUMENT_INDEX:
        seen, size, lsh, signatures = _DOCUMENT_INDEX[0]
        if seen is sketches and size == len(sketches):
            return lsh, signatures
    lsh = MinHashLSH(threshold=NEAR_DOCUMENT, num_perm=SIGNATURE_PERM)
    signatures = {path: minhash(raw) for path, raw in sketches.items()}
    for path, signature in signatures.items():
        lsh.insert(path, signature)
    _DOCUMENT_INDEX[:] = [(sketches, len(sketches), lsh, signatures)]
    return lsh, signatures


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
    lsh, signatures = _document_index(sketches)
    own = signatures.get(doc.path)
    if own is None:
        return
    for other in sorted(lsh.query(own)):
        if other >= doc.path:
            continue
        similarity = own.jaccard(signatures[other])
        if similarity >= NEAR_DOCUMENT:
            yield Hit(0, 0, {"other": other, "similarity": similarity})
            return
