"""Transliteration-aware name keys and the name mentions of a document.

A name such as "Hayat Tahrir al-Sham" reaches English through many hands: "Hay'at Tahrir
ash-Sham", "Hayat Tahrir al-Cham", "Hayat Tahir al-Sham". Two functions make such spellings
comparable:

- ``soft_parts(name)``: the name folded part by part: diacritics removed, articles dropped,
  equivalent spellings folded (ou/oo/o/u/w, ee/i/y, dh/z, q/k, j/g, ch/sh, ...) and doubled
  letters collapsed; vowels are kept as four classes (a, e, i, u), and "e" compares as "a"
  (Mohammed/Muhammad) or as "i" (Saleh/Salih).
- ``name_key(name)``: the consonant skeleton of the soft form, the key names are clustered by.

``same_name(a, b)`` decides whether two spellings with close keys are one name, and
``cluster_names`` groups spellings by bucketing their keys, so the work stays linear in the
number of distinct spellings. ``name_mentions(doc)`` finds the names of a document: runs of
capitalised words and "al-" forms, cut at titles and common English words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

import regex
from breame.spelling import get_american_spelling, get_british_spelling
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio
from wordfreq import zipf_frequency

from . import gazetteer
from .document import WORD_RE, Document, sentence_starts_of
from .memo import by_text
from .packs import RULES_DIR, load_yaml

LEXICON_PATH = RULES_DIR / "lexicons" / "names.yaml"

# Arabic articles, standalone ("al Qaim") or as a hyphenated prefix ("ash-Sham", "ud-Din").
ARTICLES = frozenset(
    ["al", "el", "il", "ul", "ol", "ad", "ud", "ed", "an", "un", "en", "ar", "ur", "er", "as"]
    + ["us", "es", "ash", "esh", "at", "ut", "et", "ath", "adh", "az", "uz", "ez"]
)
# Lower-case words that may sit inside a name: "Osama bin Laden", "Iyad ag Ghaly".
CONNECTORS = frozenset(
    ["al", "el", "bin", "ibn", "bint", "ben", "ould", "ag", "de", "da", "di", "du", "del"]
    + ["della", "van", "von", "der", "den", "la", "le"]
)
FUZZY_MIN = 5  # keys this long may differ by one edit; shorter keys must be equal
MAX_BUCKET = 200  # a bucket shared by more spellings is too ambiguous to compare within
SIMILARITY = 90  # rapidfuzz ratio a differing part must reach (or be one edit away, see below)
ONE_EDIT_MIN = 5  # in a longer name, a differing part this long may be one edit away (Tahir)
MAX_DIFFERING = 1  # parts that may differ; more must match as one string ("Hamidreza Pour")
COMMON_WORD = 4.0  # Zipf frequency from which a capitalised word is an ordinary English word
SENTENCE_WORD = 3.0  # the same, for a sentence's first word
ENGLISH_SAMPLE = 2000  # words read to tell whether a document is English

_APOSTROPHES = "'’‘ʼʿʾ`´"
_SOUNDS = {
    "tch": "S", "sch": "S", "ch": "S", "sh": "S", "kh": "K", "gh": "g", "dh": "z", "zh": "Z",
    "dj": "g", "j": "g", "ph": "f", "ck": "k", "q": "k", "c": "k", "x": "ks", "th": "t",
    "ou": "u", "oo": "u", "o": "u", "w": "u", "ee": "i", "y": "i",
}  # fmt: skip
_SOUND_RE = regex.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))
_DOUBLE = regex.compile(r"(.)\1+")
_VOWELS = regex.compile(r"[aeiu]+")
_ABD = regex.compile(r"^abd(?:[aeiou][lrnstdz]?$|[aeiou](\p{L})(?=\1)|[aeiou]l(?=[aeiou]))")
_FINAL_H = regex.compile(r"(?<=[aeiu])h$")

_PART = r"[\p{L}\p{M}]+(?:[" + _APOSTROPHES + r"][\p{L}\p{M}]+)*"
_WORD_RE = regex.compile(rf"{_PART}(?:-{_PART})*")
_UNFOLDED = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"}
)
_POSSESSIVE = regex.compile(r"[’‘']s$")
_NOT_LETTER = regex.compile(r"[^\p{L}\p{M}']+")
_NON_LETTERS = regex.compile(r"[^\p{L}]+")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_CAMEL_NAME = regex.compile(r"(?:Mc|Mac|Di|De|Da|Du|La|Le|Van|Von)\p{Lu}\p{Ll}+")
_NOT_A_NAME = regex.compile(r"[^\p{Latin}\p{M}'’‘ʼʿʾ`´-]|\p{Lu}{2}|[ÂÃ]|â€|â$")
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was", "as", "by"]
    + ["it", "at", "from", "he", "his", "said", "are", "were", "has", "have", "had", "which"]
)
_GAP = regex.compile(r"[ \u00a0]{1,2}")
_PREFIXES = frozenset(["abu", "abou", "bou", "umm"])  # "Abu Mohammed": a name's first word


# -- folding and keys -----------------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)
def plain(name: str) -> str:
    """Case-folded letters and apostrophes only: spellings equal here differ only in typography."""
    text = name.casefold()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    return _NOT_LETTER.sub("", text)


@lru_cache(maxsize=1 << 16)
def _raw_parts(name: str) -> tuple[str, ...]:
    text = gazetteer.fold(name).translate(_UNFOLDED)
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    return tuple(p for p in _NON_LETTERS.split(text) if p)


@lru_cache(maxsize=1 << 16)
def bare(name: str) -> str:
    """``plain`` without articles: "al-Assad" and "Assad" are one spelling."""
    parts = [p for p in regex.split(r"[\s\-]+", name.strip()) if p]
    kept = [p for i, p in enumerate(parts) if not (p.casefold() in ARTICLES and i < len(parts) - 1)]
    return plain(" ".join(kept))


def _sound(part: str) -> str:
    if part.startswith("w"):  # a consonant: Walid/Volodymyr, not Windies/Indies
        part = "v" + part[1:]
    part = _SOUND_RE.sub(lambda m: _SOUNDS[m.group()], part)
    return _FINAL_H.sub("", _DOUBLE.sub(r"\1", part))


@lru_cache(maxsize=65536)
def soft_parts(name: str) -> tuple[str, ...]:
    """The name folded part by part, vowels kept as classes: "Abdel-Rahman" → ("abd", "rahman")."""
    parts = _raw_parts(name)
    out: list[str] = []
    for i, part in enumerate(parts):
        if part in ARTICLES and i < len(parts) - 1:
            continue
        m = _ABD.match(part)
        if m and len(part) > 3:
            out.append("abd")
            part = part[m.end() :]
            if not part:
                continue
        out.append(_sound(part))
    return tuple(out)


def _skeleton(soft: str) -> str:
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", soft))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The transliteration-aware key: the consonant skeleton of the whole name.

    "Hayat Tahrir al-Sham" and "Hayat Tahir al-Sham" → "hthrSm"; "Abdul Ghani" and
    "Abdel Ghani" → "bdgn"; "al-Jolani" and "al-Jawlani" → "gln"."""
    return _skeleton("".join(soft_parts(name)))


def buckets(key: str) -> list[str]:
    """Coarse keys: two keys within one edit of each other share at least one bucket."""
    if len(key) < FUZZY_MIN:
        return [key]
    return [key] + [key[:i] + key[i + 1 :] for i in range(len(key))]


# -- the names data ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Lexicon:
    """The names data: canonical spellings, distinct names with one skeleton, and titles."""

    canonical: dict[str, str]  # plain spelling (canonical or variant) → canonical
    by_key: dict[str, str]  # name_key → canonical
    distinct: dict[str, int]  # plain spelling → group of spellings of one given name
    titles: frozenset[str]  # casefolded words that introduce a name and are not part of it


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``rules/lexicons/names.yaml``."""
    data = load_yaml(LEXICON_PATH)
    canonical: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for entry in data["names"]:
        for form in [entry["canonical"], *entry.get("variants", ())]:
            canonical[plain(form)] = entry["canonical"]
            by_key.setdefault(name_key(form), entry["canonical"])
    distinct: dict[str, int] = {}
    for group, spellings in enumerate(data["distinct"]):
        for spelling in spellings:
            distinct[plain(spelling)] = group
    titles = frozenset(t.casefold() for t in data["titles"])
    return Lexicon(canonical, by_key, distinct, titles)


def canonical_form(name: str) -> str | None:
    """The canonical spelling the names data gives for a spelling of a name, if any."""
    lex = lexicon()
    return lex.canonical.get(plain(name)) or lex.by_key.get(name_key(name))


# -- are two spellings one name? -----------------------------------------------------------------
def _places(name: str) -> frozenset[gazetteer.Place]:
    return frozenset(gazetteer.lookup(name)) if len(_raw_parts(name)) <= 3 else frozenset()


def _affixed(a: str, b: str) -> bool:
    """Is one folded part the other plus an affix ("Iraqi", "Nigeria", "O'Donovan")? Folding
    has already merged the endings transliterations vary (Hama/Hamah, Zelensky/Zelenskyy)."""
    short, long = sorted((a, b), key=len)
    return short != long and bool(short) and (long.startswith(short) or long.endswith(short))


def _us_uk(a: str, b: str) -> bool:
    """Are two words the American and British spellings of one word (Theater/Theatre)?"""
    return get_british_spelling(a) == b or get_american_spelling(a) == b


def _words_of(name: str) -> list[str]:
    parts = _raw_parts(name)
    return [p for i, p in enumerate(parts) if not (p in ARTICLES and i < len(parts) - 1)]


def _distinct_words(a: str, b: str) -> bool:
    """Do the names differ in a given name listed as distinct (Hassan/Hussein)?"""
    groups = lexicon().distinct
    wa, wb = _words_of(a), _words_of(b)
    if len(wa) != len(wb):
        return False
    return any(
        x != y and groups.get(x, -1) != groups.get(y, -2) and x in groups and y in groups
        for x, y in zip(wa, wb, strict=True)
    )


def _folds(x: str, y: str) -> Iterator[tuple[str, str]]:
    """Both parts with "e" read as "a" (Mohammed), then as "i" (Saleh)."""
    for v in "ai":
        yield _DOUBLE.sub(r"\1", x.replace("e", v)), _DOUBLE.sub(r"\1", y.replace("e", v))


def _same_part(x: str, y: str) -> bool:
    return any(xv == yv for xv, yv in _folds(x, y))


def _similar_part(x: str, y: str, in_longer_name: bool) -> bool:
    """Two folded parts close enough to be one name: a high similarity ratio, or in a longer
    name one edit (Tahir/Tahrir, Daglo/Dagalo). Parts that start differently (Everonn/Varun,
    Ahmed/Hamed) or differ by an affix (Alyx/Alexa) are different names."""
    for xv, yv in _folds(x, y):
        if xv[:1] != yv[:1] or _affixed(xv, yv):
            continue
        if ratio(xv, yv) >= SIMILARITY:
            return True
        short = min(len(xv), len(yv)) >= ONE_EDIT_MIN
        if in_longer_name and short and Levenshtein.distance(xv, yv, score_cutoff=1) <= 1:
            return True
    return False


def _keys_close(ka: str, kb: str) -> bool:
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= FUZZY_MIN and Levenshtein.distance(ka, kb, score_cutoff=1) <= 1


def similar_spelling(a: str, b: str) -> bool:
    """Could ``a`` and ``b`` be spellings of one name, judged by their letters alone?

    The keys must be equal (or one edit apart when long); no word may be another plus an affix
    (Iraq/Iraqi, Pothole/Potholes) or its British spelling; and the parts that differ must stay
    similar once folded (Tahir/Tahrir, not Hassan/Hussein): at most one part may differ, or the
    whole names must match as one string."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or not _keys_close(ka, kb):
        return False
    pa, pb = soft_parts(a), soft_parts(b)
    if _affixed("".join(pa), "".join(pb)):
        return False
    if len(pa) == len(pb) and any(_affixed(x, y) for x, y in zip(pa, pb, strict=True)):
        return False
    wa, wb = _words_of(a), _words_of(b)
    if len(wa) == len(wb) and any(_us_uk(x, y) for x, y in zip(wa, wb, strict=True) if x != y):
        return False
    if len(pa) == len(pb):
        differing = [(x, y) for x, y in zip(pa, pb, strict=True) if not _same_part(x, y)]
        if len(differing) <= MAX_DIFFERING:
            return all(_similar_part(x, y, len(pa) > 1) for x, y in differing)
    # Parts split differently ("Abu Bakr", "Abubakr"), not a part more ("Adib Shaban al-Ani").
    ja, jb = "".join(pa), "".join(pb)
    return abs(len(ja) - len(jb)) <= 1 and _similar_part(ja, jb, False)


def known_same(a: str, b: str) -> bool | None:
    """What the data says about two spellings: one entity (True), two (False) or nothing (None).

    The names data may list both for one entity (or for two); GeoNames may know both as names of
    one place (or of different places: Iraq/Iran, Niger/Nigeria, Hama/Homs); and the names data
    keeps some given names apart (Hassan/Hussein, Said/Sayyid)."""
    lex = lexicon()
    ca, cb = lex.canonical.get(plain(a)), lex.canonical.get(plain(b))
    if ca and cb:
        return ca == cb
    if not _keys_close(name_key(a), name_key(b)):
        return None
    places_a, places_b = _places(a), _places(b)
    if places_a and places_b:
        return bool(places_a & places_b)
    return False if _distinct_words(a, b) else None


@lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` spellings of one name (not two people or places that look alike)?

    ``known_same`` decides when the data knows the names, ``similar_spelling`` otherwise."""
    if plain(a) == plain(b):
        return True
    known = known_same(a, b)
    return similar_spelling(a, b) if known is None else known


def cluster_names(
    forms: Iterable[str], match: Callable[[str, str], bool] = same_name
) -> list[list[str]]:
    """Group spellings of one name: bucket by key, confirm pairs with ``match`` within buckets
    (a bucket holds at most ``MAX_BUCKET`` spellings, so the work stays linear).

    Returns clusters of two or more distinct spellings, each in first-seen order."""
    order = list(dict.fromkeys(forms))
    parent = list(range(len(order)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    table: dict[str, list[int]] = {}
    for i, form in enumerate(order):
        listed = lexicon().canonical.get(plain(form))
        for bucket in buckets(name_key(form)) + ([f"={listed}"] if listed else []):
            table.setdefault(bucket, []).append(i)
    for members in table.values():
        if len(members) > MAX_BUCKET:
            continue
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if root(i) != root(j) and match(order[i], order[j]):
                    parent[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for i, form in enumerate(order):
        groups.setdefault(root(i), []).append(form)
    return [g for g in groups.values() if len(g) > 1]


# -- name mentions ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """A name as written in a document: ``text`` is ``doc.text[start:end]``; ``full`` is the
    name with the ordinary English words next to it ("Barack Obama" for "Barack"), to tell
    apart people who share one word of their names."""

    start: int
    end: int
    text: str
    full: str


@lru_cache(maxsize=1 << 16)
def _is_capitalised(word: str) -> bool:
    """A name word: "Assad", "al-Assad", "Guinea-Bissau", "McGuinty"; not "HTS", "FAQs", "T",
    "Turkish-backed", "SportsLine", words in other scripts or with mojibake ("Kosovoâ")."""
    if len(word) < 2 or _NOT_A_NAME.search(word):
        return False
    parts = word.split("-")
    if parts[0].casefold() in ARTICLES | CONNECTORS and len(parts) > 1:
        parts = parts[1:]
    return all(
        p[:1].isupper() and (not _CAMEL.search(p) or _CAMEL_NAME.fullmatch(p)) for p in parts
    )


def english(doc: Document) -> bool:
    """Is the document English (judged on its first 2,000 words)? Capitalised words are names
    only in English text (German capitalises every noun)."""
    return doc.cached("english", _english)


def _english(doc: Document) -> bool:
    words = lower = common = 0
    for text in doc.paragraph_texts:
        counts = _english_counts(text)
        if words + counts[0] > ENGLISH_SAMPLE:
            counts = _english_counts(text, ENGLISH_SAMPLE - words)
        words, lower, common = words + counts[0], lower + counts[1], common + counts[2]
        if words >= ENGLISH_SAMPLE:
            break
    return lower < 20 or common >= 0.07 * lower


@by_text
def _english_counts(text: str, limit: int | None = None) -> tuple[int, int, int]:
    """(words, lower-case words, common English words among them) of at most ``limit`` words."""
    found = [m.group() for m in islice(WORD_RE.finditer(text), limit)]
    lower = [w for w in found if w.islower()]
    return len(found), len(lower), sum(w in _ENGLISH for w in lower)


@lru_cache(maxsize=1 << 16)
def _ordinary(word: str, threshold: float) -> bool:
    return zipf_frequency(word.casefold(), "en") >= threshold


class _Run(NamedTuple):
    """A run of capitalised words in a paragraph: (start, end, word, opens a sentence) each."""

    words: tuple[tuple[int, int, str, bool], ...]


class _ParagraphNames(NamedTuple):
    """What one paragraph says about names, with offsets relative to the paragraph."""

    runs: tuple[_Run, ...]
    lowercase: frozenset[str]  # words written in lower case
    mid_sentence: frozenset[str]  # words seen capitalised inside a sentence
    mentions: tuple[Mention, ...]  # the names, judged by the paragraph's own words
    spellings: frozenset[str]  # the texts of those names that have several words
    # The run words whose kind the rest of the document could change: casefolded words that
    # other paragraphs might write in lower case, sentence-opening words they might capitalise
    # mid-sentence. When the document does neither, ``mentions`` stand.
    lower_free: frozenset[str]
    mid_free: frozenset[str]


@by_text
def _paragraph_names(text: str) -> _ParagraphNames:
    """The runs of capitalised words of a paragraph ("al-" forms and lower-case particles
    inside them, as in "Osama bin Laden"), the words it writes in lower case or capitalised
    mid-sentence, and the names they make."""
    starts = sentence_starts_of(text)
    lowercase, mid = set(), set()
    for token in WORD_RE.finditer(text):
        word = token.group()
        if word.islower():
            lowercase.add(word)
        elif token.start() not in starts:
            mid.add(_POSSESSIVE.sub("", word))
    runs: list[_Run] = []
    run: list[tuple[int, int, str, bool]] = []
    last_end = -1

    def close() -> None:
        if run:
            runs.append(_Run(tuple(run)))
            run.clear()

    for m in _WORD_RE.finditer(text):
        start, word = m.start(), m.group()
        if run and not _GAP.fullmatch(text, last_end, start):
            close()
        lower_particle = word in CONNECTORS and bool(run)
        if not (_is_capitalised(word) or lower_particle):
            close()
            continue
        possessive = _POSSESSIVE.search(word)
        if possessive:
            word = word[: possessive.start()]
        run.append((start, start + len(word), word, start in starts))
        last_end = start + len(word)
        if possessive or text[last_end : last_end + 1] in _APOSTROPHES:
            close()
    close()
    mentions = _mentions(text, runs, _kinds(runs, lowercase, mid))
    open_ = [w for run in runs for w in run.words if not _settled(w[2])]
    return _ParagraphNames(
        tuple(runs),
        frozenset(lowercase),
        frozenset(mid),
        mentions,
        frozenset(m.text for m in mentions if " " in m.text),
        frozenset(w[2].casefold() for w in open_) - lowercase,
        frozenset(w[2] for w in open_ if w[3]) - mid,
    )


def _kinds(
    runs: Iterable[_Run], lowercase: AbstractSet[str], mid_sentence: AbstractSet[str]
) -> tuple[str, ...]:
    """The kind of each word of ``runs``, given the words written in lower case and those
    capitalised mid-sentence (in the paragraph, or in the whole document)."""
    return tuple(
        _kind(w[2], w[3], w[2].casefold() in lowercase, w[2] in mid_sentence)
        for run in runs
        for w in run.words
    )


def _settled(word: str) -> bool:
    """Is the kind of ``word`` the same whatever the document writes elsewhere?"""
    folded = word.casefold()
    return (
        not word[:1].isupper()
        or folded in CONNECTORS
        or folded in _PREFIXES
        or folded in lexicon().titles
    )


@lru_cache(maxsize=1 << 16)
def _kind(word: str, at_start: bool, lowercase: bool, mid_sentence: bool) -> str:
    """ "name", "title" (or a word the document writes in lower case), or "common" (an ordinary
    English word, which stays only before a name: "Aung San Suu Kyi", "Guy Ritchie")."""
    folded = word.casefold()
    if not word[:1].isupper() or folded in CONNECTORS or folded in _PREFIXES:
        return "name"
    if folded in lexicon().titles or lowercase:
        return "title"
    if "-" not in word and _ordinary(word, COMMON_WORD):
        return "common"
    if at_start and not mid_sentence and _ordinary(word, SENTENCE_WORD):
        return "title"
    return "name"


def _trim(words: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Without particles at the ends ("bin", "al"), though a name may start with "al"."""
    while words and words[-1][2].casefold() in CONNECTORS | ARTICLES:
        words = words[:-1]
    while words and words[0][2].casefold() in CONNECTORS - {"al", "el"}:
        words = words[1:]
    if len(words) == 1 and words[0][2].casefold() in ARTICLES:
        return []
    return words


@by_text
def _paragraph_mentions(text: str, kinds: tuple[str, ...]) -> tuple[Mention, ...]:
    """The names of a paragraph, given the kind of each word of its runs (see ``_kind``)."""
    return _mentions(text, _paragraph_names(text).runs, kinds)


def _mentions(text: str, runs: Iterable[_Run], kinds: tuple[str, ...]) -> tuple[Mention, ...]:
    out: list[Mention] = []
    at = 0
    for run in runs:
        out += _pieces(text, run.words, kinds[at : at + len(run.words)])
        at += len(run.words)
    return tuple(out)


def _pieces(
    text: str, run: tuple[tuple[int, int, str, bool], ...], kinds: tuple[str, ...]
) -> list[Mention]:
    """Cut a run of capitalised words at titles, then at ordinary words not before a name."""
    segments: list[list[int]] = [[]]
    for i, kind in enumerate(kinds):
        if kind == "title":
            segments.append([])
        else:
            segments[-1].append(i)
    out: list[Mention] = []
    for segment in segments:
        whole = _trim([run[i] for i in segment])
        full = text[whole[0][0] : whole[-1][1]] if whole else ""
        pieces: list[list[tuple[int, int, str, bool]]] = [[]]
        for n, i in enumerate(segment):
            before_name = n + 1 < len(segment) and kinds[segment[n + 1]] == "name"
            first = n == 0 and not run[i][3]  # "Guy Ritchie", "Joe Biden"
            if kinds[i] == "name" or (before_name and (pieces[-1] or first)):
                pieces[-1].append(run[i])
            else:
                pieces.append([])
        for piece in map(_trim, pieces):
            if piece:
                start, end = piece[0][0], piece[-1][1]
                out.append(Mention(start, end, text[start:end], full))
    return out


def name_mentions(doc: Document) -> list[Mention]:
    """The names in a document (computed once per document; see ``_name_mentions``)."""
    return doc.cached("name_mentions", _name_mentions)


def name_spellings(doc: Document) -> set[str]:
    """The distinct names of several words in a document (for the corpus statistics)."""
    if doc.urls or doc.ignored:
        return {m.text for m in name_mentions(doc) if " " in m.text}
    out: set[str] = set()
    for _, names, mentions in _paragraph_mentions_of(doc):
        out |= (
            names.spellings
            if mentions is names.mentions
            else {m.text for m in mentions if " " in m.text}
        )
    return out


def _name_mentions(doc: Document) -> list[Mention]:
    """The names in a document, in order: runs of capitalised words, "al-" forms and lower-case
    particles inside them ("Osama bin Laden"), cut at titles and ordinary English words
    ("Syrian President Bashar al-Assad" → "Bashar al-Assad"). A word is a title or an ordinary
    word by what the whole document does with it (writes it in lower case, capitalises it
    mid-sentence). Acronyms, possessive "'s", URLs and ignored (code) regions are left out."""
    out = [
        Mention(m.start + shift, m.end + shift, m.text, m.full)
        for shift, _, mentions in _paragraph_mentions_of(doc)
        for m in mentions
    ]
    return [
        m
        for m in out
        if not (doc.urls and doc.urls.overlaps(m.start, m.end))
        and not (doc.ignored and doc.ignored.overlaps(m.start, m.end))
    ]


def _paragraph_mentions_of(
    doc: Document,
) -> Iterator[tuple[int, _ParagraphNames, tuple[Mention, ...]]]:
    """(offset, analysis, names with offsets relative to the paragraph) of each paragraph."""
    texts = doc.paragraph_texts
    found = [_paragraph_names(text) for text in texts]
    lowercase = frozenset().union(*(p.lowercase for p in found))
    mid = frozenset().union(*(p.mid_sentence for p in found))
    for para, text, names in zip(doc.paragraphs, texts, found, strict=True):
        if not names.runs:
            continue
        if names.lower_free.isdisjoint(lowercase) and names.mid_free.isdisjoint(mid):
            yield para.start, names, names.mentions
            continue
        yield para.start, names, _paragraph_mentions(text, _kinds(names.runs, lowercase, mid))
