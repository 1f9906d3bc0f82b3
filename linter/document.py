"""A document to lint: its text and lazily computed views (lines, paragraphs, sentences...)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple, TypeVar

import regex

from .markup import markup_spans, tag_spans
from .memo import by_text

T = TypeVar("T")
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*")
URL_RE = regex.compile(r"""(?:https?://|ftp://|www\.)[^\s<>"'“”‘’)\]]+[^\s<>"'“”‘’)\].,;:!?]""")
# An e-mail address or @handle, matched around each '@' (scanning every word for one is slow).
_AT_RE = regex.compile(r"[\w.+-]*@(?:[\w-]+(?:\.[\w-]+)+|\w{2,})")
_TERMINAL = ".!?…:;"
_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s|^\s{0,3}(?:=+|-+)\s*$")
_MD_LIST = regex.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_TABLE = regex.compile(r"^\s*\|.*\|\s*$")
_MD_IGNORED = regex.compile(
    r"\A---\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)"  # front matter
    r"|^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)"  # fenced code
    r"|<!--.*?-->"  # HTML comments (suppression comments included)
    r"|(`+)(?!`).+?(?<!`)\2(?!`)"  # inline code
    r"|(?<=\]\()[^)\s]+(?:\s+\"[^\"]*\")?(?=\))"  # link targets
    r"|<(?:https?|mailto):[^>\s]+>"  # autolinks
    r"|^\[[^\]\n]+\]:\s*\S+.*$",  # link reference definitions
    regex.S | regex.M,
)
_SENTENCE_END = regex.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[\p{Lu}\p{N}])")
_QUOTATION = regex.compile(r"“[^“”]*”|«[^«»]*»|(?<!\w)\"[^\"\n]*\"(?!\w)")
_LAST_WORD = regex.compile(r"([\w.]+)[.]$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st mt gen col lt sgt capt maj cpl rev sen rep gov pres jr sr no vol "
    "fig ft inc ltd co corp dept est approx vs etc al jan feb mar apr jun jul aug sep sept "
    "oct nov dec u.s u.k u.n e.g i.e a.m p.m".split()
)


class Span(NamedTuple):
    start: int
    end: int


class SpanIndex:
    """Sorted spans answering "does [start, end) overlap any of them?" in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        self._max_end: list[int] = []
        running = -1
        for s in self.spans:
            running = max(running, s.end)
            self._max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, max(end, start + 1)) - 1
        return i >= 0 and self._max_end[i] > start

    def containing(self, start: int, end: int) -> bool:
        """Is [start, end) wholly inside one span?"""
        i = bisect.bisect_right(self._starts, start) - 1
        while i >= 0:
            span = self.spans[i]
            if span.end >= end:
                return True
            if self._max_end[i] < end:
                return False
            i -= 1
        return False

    def __bool__(self) -> bool:
        return bool(self.spans)


class Paragraph(NamedTuple):
    """A paragraph: ``kind`` is text, heading, list or table (Markdown structure)."""

    start: int
    end: int
    kind: str = "text"


class Token(NamedTuple):
    start: int
    end: int
    text: str


class Document:
    """Text plus cached views. Offsets everywhere are code points into ``text``."""

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        markdown: bool | None = None,
        whole_file: bool = True,
    ) -> None:
        self.text = text
        self.path = path
        self.whole_file = whole_file  # False for a JSONL record: no final newline expected
        self.markdown = (
            path.lower().endswith((".md", ".markdown")) if markdown is None else markdown
        )

    # -- lines ------------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @cached_property
    def lines(self) -> list[Span]:
        """Every line, without its newline."""
        starts = self.line_starts
        ends = [s - 1 for s in starts[1:]] + [len(self.text)]
        return list(map(Span, starts, ends))

    def line_of(self, offset: int) -> int:
        """0-based line index holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        line = self.line_of(offset)
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, index: int) -> str:
        span = self.lines[index]
        return self.text[span.start : span.end]

    # -- ignored and protected regions -----------------------------------------------------------
    @cached_property
    def ignored(self) -> SpanIndex:
        """Regions no rule may report on: Markdown code, comments, front matter, link targets."""
        if not self.markdown:
            return SpanIndex([])
        spans = [Span(m.start(), m.end()) for m in _MD_IGNORED.finditer(self.text)]
        return SpanIndex(spans + self._indented_code())

    def _indented_code(self) -> list[Span]:
        spans, previous_blank = [], True
        for span in self.lines:
            line = self.text[span.start : span.end]
            if (
                (line.startswith("    ") or line.startswith("\t"))
                and previous_blank
                and line.strip()
            ):
                spans.append(span)
                continue
            if spans and spans[-1].end == span.start - 1 and line.strip() and line[:1] in " \t":
                spans.append(span)
                continue
            previous_blank = not line.strip()
        return spans

    @cached_property
    def tags(self) -> list[tuple[int, int]]:
        """(start, end) of each HTML tag, comment, script or style element (see markup.py)."""
        return tag_spans(self.text)

    @cached_property
    def markup(self) -> SpanIndex:
        """HTML left in the text: the tags, those apart only by white space joined."""
        return SpanIndex([Span(s, e) for s, e in markup_spans(self.text, self.tags)])

    @cached_property
    def urls(self) -> SpanIndex:
        """URLs, e-mail addresses and @handles."""
        text = self.text
        spans = []
        if "://" in text or "www." in text:
            spans = [Span(m.start(), m.end()) for m in URL_RE.finditer(text)]
        at = text.find("@")
        while at >= 0:
            start = at
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
                start -= 1
            m = _AT_RE.match(text, start)
            if m and m.end() > at + 1:
                spans.append(Span(m.start(), m.end()))
            at = text.find("@", at + 1)
        return SpanIndex(spans)

    @cached_property
    def quotations(self) -> SpanIndex:
        """Direct quotations, straight or curly, paired within each paragraph."""
        spans: list[Span] = []
        for para, text in zip(self.paragraphs, self.paragraph_texts, strict=True):
            spans += [Span(para.start + start, para.start + end) for start, end in _quoted(text)]
        return SpanIndex(spans)

    # -- paragraphs, sentences, tokens -----------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Blocks between blank lines; a block of unwrapped lines is one paragraph a line."""
        result: list[Paragraph] = []
        block: list[Span] = []
        for span in self.lines + [Span(len(self.text), len(self.text))]:
            if self.text[span.start : span.end].strip():
                block.append(span)
                continue
            if block:
                result += self._split_block(block)
                block = []
        if self.markdown and self.ignored:
            result = [p for p in result if not self._all_ignored(p)]
        return result

    @cached_property
    def paragraph_texts(self) -> list[str]:
        """The text of each paragraph (shared, so memoised analyses see one string object)."""
        text = self.text
        return [text[p.start : p.end] for p in self.paragraphs]

    def _all_ignored(self, para: Paragraph) -> bool:
        return self.ignored.containing(para.start, para.end)

    def _split_block(self, block: list[Span]) -> list[Paragraph]:
        texts = [self.text[s.start : s.end] for s in block]
        if self.markdown:
            return self._split_markdown(block, texts)
        if len(block) > 1 and _is_wrapped(texts):
            return [Paragraph(block[0].start, block[-1].end)]
        return [Paragraph(s.start, s.end) for s in block]

    def _split_markdown(self, block: list[Span], texts: list[str]) -> list[Paragraph]:
        result: list[Paragraph] = []
        current: list[Span] = []

        def flush() -> None:
            if current:
                result.append(Paragraph(current[0].start, current[-1].end))
                current.clear()

        for span, line in zip(block, texts, strict=False):
            kind = (
                "heading"
                if _MD_HEADING.match(line)
                else "list"
                if _MD_LIST.match(line)
                else "table"
                if _MD_TABLE.match(line)
                else None
            )
            if kind:
                flush()
                result.append(Paragraph(span.start, span.end, kind))
            elif result and result[-1].kind == "list" and not current and line[:1] in " \t":
                result[-1] = result[-1]._replace(end=span.end)  # a list item's continuation
            else:
                current.append(span)
        flush()
        return result

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences within paragraphs, split after terminal punctuation before a capital."""
        result: list[Span] = []
        for para, text in zip(self.paragraphs, self.paragraph_texts, strict=True):
            at = para.start
            result += [Span(at + start, at + end) for start, end in _sentences(text)]
        return result

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Offsets where a sentence (or paragraph) begins, after any opening quote."""
        return frozenset(
            para.start + at
            for para, text in zip(self.paragraphs, self.paragraph_texts, strict=True)
            for at in sentence_starts_of(text)
        )

    @cached_property
    def tokens(self) -> list[Token]:
        """Words (letters, marks and digits, with inner hyphens and apostrophes)."""
        return [Token(*m.span(), m.group()) for m in WORD_RE.finditer(self.text)]

    def cached(self, key: str, compute: Callable[[Document], T]) -> T:
        """An analysis several rules share (names, say), computed once per document."""
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]

    def __getstate__(self) -> dict:
        """Pickle the text only; the views are recomputed where they are needed."""
        return {k: self.__dict__[k] for k in ("text", "path", "markdown", "whole_file")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


@by_text
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence of a paragraph."""
    result = []
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text[max(start, m.start() - 12) : m.end()])
        if word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        initial = m.start() > 0 and text[m.start() - 1].isupper()
        if initial and (m.start() < 2 or not text[m.start() - 2].isalpha()):
            continue  # an initial: "George W. Bush"
        result.append((start, m.end()))
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        result.append((start, end))
    return tuple(result)


@by_text
def sentence_starts_of(paragraph: str) -> frozenset[int]:
    """Where the sentences of a paragraph begin, after any opening quote."""
    starts = set()
    for start, end in _sentences(paragraph):
        while start < end and paragraph[start] in "\"'“‘«([-–— ":
            start += 1
        starts.add(start)
    return frozenset(starts)


@by_text
def _quoted(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each quotation in a paragraph."""
    return tuple(m.span() for m in _QUOTATION.finditer(text))


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: lines of a similar, bounded width that mostly break mid-sentence
    (a page header of headline, reading time and byline is not: its widths vary)."""
    body = lines[:-1]
    widths = [len(line) for line in body]
    if max(widths) > 100 or max(widths) < 30 or min(widths) * 2 < max(widths):
        return False
    open_ended = sum(1 for line in body if line.rstrip()[-1:] not in _TERMINAL + '"”’)')
    return open_ended * 2 >= len(body)
