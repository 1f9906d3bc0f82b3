"""PU: punctuation and sentence boundaries damaged by scraping and translation."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document, Paragraph
from ..engine import Context
from ..memo import by_text
from ..model import Applicability, Fix
from ..registry import Hit, rule

_GLUED = regex.compile(r"(?<=\p{Ll}{2}|\p{Ll}[)”\"’']|\d{2})([.!?])[“‘]?(\p{Lu}\p{Ll}+)")
_TLD = frozenset(
    "com org net gov edu info io uk de fr ru cn co int mil biz news tv me us eu js ts py".split()
)
_END_OK = ".!?…:;\"'”’»)]*"
_TRAILING_FUNCTION = frozenset(
    "the a an of to in on at by for from with and or but as that which who whose whom is are "
    "was were be been its their his her our would will could should can may might than then "
    "if because while when where into onto about".split()
)
# Words that start sentences far more often than they follow a lower-case word mid-sentence.
_STARTERS = frozenset(
    "At The In On However But He She It They We This That These Those There According "
    "Meanwhile After Before When While Since During Despite Although If As Earlier Later Many "
    "Some Most Other Others Several His Her Their Its Our".split()
)
_LOST = regex.compile(r"(?<=\p{Ll}{2})( )(\p{Lu}\p{Ll}*)(?= (\p{Ll}))")
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


def _title_like(text: str) -> bool:
    """A heading or title line: most words capitalised."""
    words = _WORD.findall(text)
    long_words = [w for w in words if len(w) > 3]
    if not long_words:
        return True
    return sum(w[0].isupper() for w in long_words) * 3 >= len(long_words) * 2


@rule(
    id="PU001",
    name="missing-space-after-sentence",
    category="punctuation",
    severity="warning",
    message="No space after '{mark}': two sentences are glued together",
    rationale="""Scrapers that drop line breaks and markup join the end of one sentence to the
    start of the next ('year.The group'). Domain names and abbreviations are not reported.""",
    fails=[
        ("It ended last ⟦year.The⟧ group regrouped.", "It ended last year. The group regrouped."),
        ("Who is ⟦he?Nobody⟧ knows.", "Who is he? Nobody knows."),
        ("Talks stalled in ⟦2022.Its⟧ leaders left.", "Talks stalled in 2022. Its leaders left."),
        ("The army ⟦left.“We⟧ stayed,” he said.", "The army left. “We stayed,” he said."),
    ],
    passes=[
        "Visit example.Com for details.",
        "It ended last year. The group regrouped.",
        "He works for ASP.NET and Node.Js projects.",
        "See https://example.org/a.B for more.",
        '"We will win."Then he left.',
        "It grew 3.5 per cent in 2022. Its leaders left.",
    ],
    fix="safe",
    phase="spacing",
)
def missing_space_after_sentence(doc: Document, ctx: Context) -> Iterator[Hit]:
    for m in _GLUED.finditer(doc.text):
        if m.group(2).lower() in _TLD:
            continue
        dot = m.start(1)
        word_start = dot
        while word_start > 0 and doc.text[word_start - 1].isalnum():
            word_start -= 1
        if doc.urls and doc.urls.overlaps(word_start, m.end()):
            continue
        yield Hit(
            word_start,
            m.end(),
            {"mark": m.group(1)},
            Fix.replace(dot + 1, dot + 1, " ", "Insert a space", Applicability.SAFE),
        )


def _prose(doc: Document) -> Iterator[tuple[Paragraph, str]]:
    for para in doc.paragraphs:
        if para.kind == "text":
            yield para, doc.text[para.start : para.end]


@rule(
    id="PU002",
    name="paragraph-without-end",
    category="punctuation",
    severity="warning",
    message="Paragraph ends without terminal punctuation ('…{tail}'): text may have been cut off",
    rationale="""A paragraph of running prose that stops without a full stop was usually
    truncated by the scraper or the translation system. Headings, title lines and short lines
    are not reported, nor are the lines of hard-wrapped text (a line of at most 100 characters,
    or a line that goes on from the line before, whose sentence the next line continues in lower
    case).""",
    fails=[
        "The army said it was reinforcing its lines. The minister said forces were creating a "
        "cordon around the capital that no one would be able to ⟦break⟧\nNext paragraph.",
        "Officials said the talks would resume once both delegations had returned to the ⟦the⟧",
    ],
    passes=[
        "Damascus prepares\nThe army said it was ready.",
        "The jihadists announced they have captured the city of Homs\nThey said so.",
        "Syrian President Bashar al-Assad Flees Damascus as Opposition Forces Advance, "
        "Destination Unknown",
        "He said:\n- one\n- two",
        "Home\nThe army said it was reinforcing its lines around the capital, and the minister "
        "said that the\nforces were creating a cordon that no one would be able to break.\nShare",
    ],
    fix="display",
    phase="structure",
)
def paragraph_without_end(doc: Document, ctx: Context) -> Iterator[Hit]:
    for para, text in _prose(doc):
        body = text.rstrip()
        if not body or body[-1] in _END_OK or _title_like(body):
            continue
        if _wrapped(doc, para):
            continue  # a line wrapped inside a sentence, not a paragraph cut off
        words = _WORD.findall(body)
        last = words[-1].lower() if words else ""
        sentences = sum(1 for s in doc.sentences if para.start <= s.start < para.end)
        if not (
            len(words) >= 25 or sentences >= 2 or (len(words) >= 6 and last in _TRAILING_FUNCTION)
        ):
            continue
        end = para.start + len(body)
        start = end - len(words[-1]) if words and body.endswith(words[-1]) else end - 1
        yield Hit(
            start,
            end,
            {"tail": body[-30:].lstrip()},
            Fix.replace(
                end,
                end,
                ".",
                "Add a full stop (check whether text is missing)",
                Applicability.DISPLAY,
            ),
        )


@rule(
    id="PU003",
    name="lost-sentence-boundary",
    category="punctuation",
    severity="warning",
    message="'{word}' starts a sentence after '{previous}': a full stop seems to be missing",
    rationale="""When machine translation or scraping drops a full stop, a sentence-opening word
    such as 'At' or 'However' appears capitalised in the middle of a sentence ('are regrouping
    At the headquarters'). Titles of works and title-case headings are not reported.""",
    fails=[
        (
            "its forces are ⟦regrouping At⟧ the headquarters many deserted",
            "its forces are regrouping. At the headquarters many deserted",
        )
    ],
    passes=[
        "They met at the headquarters.",
        "He read the novel The Road twice.",
        "Fighting In The Streets Of Homs Continues",
        "Her film At Eternity's Gate won praise.",
    ],
    fix="unsafe",
    phase="structure",
)
def lost_sentence_boundary(doc: Document, ctx: Context) -> Iterator[Hit]:
    for para, text in _prose(doc):
        for prev_start, gap, end, word in _lost_boundaries(text):
            at = para.start + gap
            yield Hit(
                para.start + prev_start,
                para.start + end,
                {"word": word, "previous": text[prev_start:gap]},
                Fix.replace(at, at, ".", "Insert a full stop", Applicability.UNSAFE),
            )


@by_text
def _lost_boundaries(text: str) -> tuple[tuple[int, int, int, str], ...]:
    """(start of the word before, gap, end of the starter, starter) of each sentence boundary
    lost in a paragraph, none in a title-like line."""
    out = []
    title: bool | None = None
    for m in _LOST.finditer(text):
        word = m.group(2)
        if word not in _STARTERS:
            continue
        if title is None:
            title = _title_like(text)
        if title:
            return ()
        prev_start = m.start(1)
        while prev_start > 0 and text[prev_start - 1].isalpha():
            prev_start -= 1
        out.append((prev_start, m.start(1), m.end(2), word))
    return tuple(out)


_MARKS = regex.compile(r"[“”()\[\]«»]")
_SENTENCE_END = ".!?…"
WRAP_WIDTH = 100  # hard-wrapped text breaks its lines at 60-80 characters
_NOT_CLOSING = regex.compile(r"(?:^|\s)[\p{L}\p{N}]{1,2}$|[:;]-?$")
_PAIRS = {"“": "”", "(": ")", "[": "]", "«": "»"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _straight_quote_roles(text: str) -> list[tuple[int, str]]:
    """Each straight double quote as 'open' or 'close', judged by its neighbours."""
    roles = []
    i = text.find('"')
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isspace() or before in "([{—–-/":
            roles.append((i, "open"))
        elif after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text):
            roles.append((i, "close"))
        else:
            roles.append((i, "open" if not roles or roles[-1][1] == "close" else "close"))
        i = text.find('"', i + 1)
    return roles


def _continues(doc: Document, para: Paragraph) -> bool:
    """Does the next line go on with the sentence (starts in lower case)? Then the paragraph
    is a line broken inside a sentence, not a paragraph of its own."""
    return doc.text[para.end + 1 : para.end + 2].islower()


def _wrapped(doc: Document, para: Paragraph) -> bool:
    """Is the paragraph a line of hard-wrapped text: the next line goes on with its sentence,
    and it is short or the line before also ran on into it? (A long line broken once inside a
    sentence is a paragraph split in two, which PU002 reports.)"""
    if not _continues(doc, para):
        return False
    return para.end - para.start <= WRAP_WIDTH or doc.text[para.start : para.start + 1].islower()


def _joined(doc: Document, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs, those broken inside a sentence joined with the next."""
    spans: list[tuple[int, int]] = []
    joining = False
    for para in paragraphs:
        if joining and spans and para.start == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], para.end)
        else:
            spans.append((para.start, para.end))
        joining = _continues(doc, para)
    return spans


def _arrow(text: str, i: int) -> bool:
    """A guillemet between spaces (or a line's ends), at an end of a label, a title or a link
    or before a capitalised label, is a navigation arrow ('More »', '« Previous',
    'News » World'), not a quotation mark. French sets its guillemets apart with spaces too, but
    quotes in sentences ('il est parti « sans un mot')."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    if not (not before or before.isspace()) or not (not after or after.isspace()):
        return False
    if text.rstrip()[-1:] in _SENTENCE_END:
        return False
    rest = text[i + 1 :].lstrip()
    return not text[:i].strip() or not rest or rest[:1].isupper()


def _unbalanced(text: str, next_text: str) -> Iterator[tuple[int, str]]:
    """Offsets (in ``text``) of quote and bracket marks without a partner."""
    stack: list[tuple[int, str]] = []
    for m in _MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch in "“”" and text[i - 1 : i] == "€":
            continue  # part of mojibake ("â€œ"), which EN001 repairs
        opened = any(c == "(" for _, c in stack)
        if ch == ")" and not opened and _NOT_CLOSING.search(text[max(0, i - 3) : i]):
            continue  # "a)" list markers and ":)" emoticons
        if ch in _PAIRS:
            stack.append((i, ch))
        elif stack and stack[-1][1] == _CLOSERS[ch]:
            stack.pop()
        else:
            yield i, ch
    for i, ch in stack:
        if ch == "“" and next_text.lstrip().startswith("“"):
            continue  # a quotation continued in the next paragraph
        yield i, ch
    opened: int | None = None
    for i, role in _straight_quote_roles(text):
        if role == "open":
            if opened is not None:
                yield opened, '"'
            opened = i
        elif opened is None:
            yield i, '"'
        else:
            opened = None
    if opened is not None and not next_text.lstrip().startswith('"'):
        yield opened, '"'


def _masked(doc: Document, start: int, end: int) -> str:
    """The text with ignored regions (Markdown code) blanked, offsets kept."""
    text = doc.text[start:end]
    if not doc.ignored or not doc.ignored.overlaps(start, end):
        return text
    chars = list(text)
    for span in doc.ignored.spans:
        for i in range(max(span.start, start), min(span.end, end)):
            chars[i - start] = " "
    return "".join(chars)


@rule(
    id="PU004",
    name="unbalanced-quotes",
    category="punctuation",
    severity="warning",
    message="Unbalanced {mark} in this paragraph",
    rationale="""A quotation mark or bracket without its partner means a quotation was cut or
    merged by the scraper or the translation, and the reader cannot tell where the quote ends.
    Apostrophes, nested single quotes, list markers such as 'a)', quotations continued in the
    next paragraph or across a line broken inside a sentence, and guillemets standing between
    spaces as navigation arrows ('More »', '« Previous') are handled.""",
    fails=[
        "Officials said ⟦«⟧ nous reviendrons, a-t-il dit.",
        "Le ministre a dit : « Nous reviendrons. » Puis il est parti ⟦«⟧ sans un mot",
        '"Assad left before the forces left" the ⟦facility,"⟧ he told AFP.'.replace(
            '⟦facility,"⟧', 'facility,⟦"⟧'
        ),
        "The army ⟦(⟧which had withdrawn said nothing.",
        "He called it a ⟦“⟧historic moment.",
    ],
    passes=[
        "\"The doors of the infamous 'Sednaya' prison have been opened,\" it said.",
        "Assad's office said the army's lines held.",
        "Options are a) talk and b) fight.",
        "Exit codes: 1 when some remain (and 2 on errors (see the log, part 2)).",
        "“The war is over,” he said. (Officials disagreed.)",
        "“We will return.\n“We will rebuild,” he said.",
        "Back to front page »\n« Previous story\nNews » World » Middle East",
        'Home\n"We have instructed every agency to take all the\nprecautions," the minister '
        "said on Sunday after the storm had passed.\nShare",
    ],
    fix="display",
    phase="structure",
)
def unbalanced_quotes(doc: Document, ctx: Context) -> Iterator[Hit]:
    spans = _joined(doc, [p for p, _ in _prose(doc)])
    for k, (start, end) in enumerate(spans):
        text = _masked(doc, start, end)
        nxt = doc.text[spans[k + 1][0] : spans[k + 1][1]] if k + 1 < len(spans) else ""
        for i, ch in sorted(set(_unbalanced(text, nxt))):
            if ch in "«»" and _arrow(text, i):
                continue
            at = start + i
            name = {
                '"': "quotation mark",
                "“": "opening quotation mark",
                "”": "closing quotation mark",
                "«": "guillemet",
                "»": "guillemet",
            }.get(ch, f"bracket '{ch}'")
            yield Hit(
                at,
                at + 1,
                {"mark": name},
                Fix.replace(
                    at,
                    at + 1,
                    "",
                    f"Delete the unmatched {name} (or add its partner)",
                    Applicability.DISPLAY,
                ),
            )
