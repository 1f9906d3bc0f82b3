"""AC: acronyms whose letters do not match the organisation they stand for.

A definition is a name followed by its acronym in brackets, "Hayat Tahrir al-Sham (HTS)", or the
reverse, "HTS (Hayat Tahrir al-Sham)". An acronym is consistent with a name when every content
word gives its initial, in order; particles (al-, of, the, de...) may give a letter or none, and
any word may give further inner letters ("Intergovernmental Authority on Development (IGAD)",
"Economic Community of West African States (ECOWAS)"). Organisations whose acronyms follow their
name in another language (PKK, MSF, FDLR) come from the lexicon rules/lexicons/acronyms.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import jsonschema
import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from ..document import Document
from ..engine import Context
from ..gazetteer import fold
from ..model import Applicability, Fix
from ..packs import RULES_DIR, load_yaml
from ..registry import Hit, rule
from ..textutil import literal_alternation

LEXICON = RULES_DIR / "lexicons" / "acronyms.yaml"
UNSAFE = Applicability.UNSAFE
MAX_RUN = 14  # words in a name before its bracketed acronym
ENGLISH_ZIPF = 3.5  # a word at least this frequent in English is an English word
COMMON_ZIPF = 2.8  # an anagram this frequent in English is a word or another acronym (UBS, FDI)

# Words that may sit inside a name without giving it a letter, by language.
_PARTICLE_WORDS = {
    "English": "of the for and in on at to against with by from a an &",
    "Romance": "de du des la le les l d et pour en au aux del los las y e i da do dos das para "
    "por di della degli",
    "Arabic": "al el ad ash as at az ar an ud ut ul wal wa bil fi li",
    "German": "für der die und",
}
_PARTICLES = frozenset(w for words in _PARTICLE_WORDS.values() for w in words.split())
# Particles that mark a name as transliterated or in its own language rather than translated.
_FOREIGN = _PARTICLES - set(_PARTICLE_WORDS["English"].split())
_CHUNK = regex.compile(r"\S+")
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’-]*")
_PARTS = regex.compile(r"[\p{L}\p{M}]+")
_ACRONYM = r"\p{Lu}[\p{L}&]{1,11}"
_DEFINITION = regex.compile(rf"\(({_ACRONYM})(?:[,;][^()\n]{{0,80}})?\)")
_REVERSE = regex.compile(rf"(?<![\p{{L}}\p{{N}}_\-])({_ACRONYM}) \(([^()\n]{{3,160}})\)")
_OPENERS = "\"'“‘«[("


def _standalone(body: str) -> str:
    """A pattern for ``body`` as a word of its own: 'HST', 'HST-led', "HST's", not 'HST-1'."""
    return (
        rf"(?<![\p{{L}}\p{{N}}_])(?<![\p{{Lu}}\p{{N}}]-)(?:{body})"
        rf"(?![\p{{L}}\p{{N}}_])(?!-[\p{{Lu}}\p{{N}}])"
    )


_CAPITALS = regex.compile(_standalone(r"\p{Lu}{3,8}"))


def is_acronym(token: str) -> bool:
    """Two to twelve letters, mostly capitals, at least two of them ('HTS', 'LeT', 'ECOWAS')."""
    upper = sum(c.isupper() for c in token)
    return token.isalpha() and upper >= 2 and upper * 2 >= len(token) and token[0].isupper()


_APOSTROPHES = regex.compile(r"['’]")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_PROGRAMME = regex.compile(r"\bprogramme\b")
_DEFENCE = regex.compile(r"\bdefence\b")
# Words of a key that key() may have respelled ('organisation' → 'organization', 'programme',
# 'defence', '&' → 'and'): the text need not hold them as they are written.
_RESPELLED = regex.compile(r"^and$|ization|program|defense")


def key(text: str) -> str:
    """A name folded for comparison: case, accents, punctuation and British spelling ignored."""
    return _key_words(_APOSTROPHES.sub("", fold(text)))


def _key_words(folded: str) -> str:
    """key() of a text already folded and without apostrophes: its words, one space apart."""
    text = _NOT_WORD.sub(" ", folded.replace("&", " and "))
    text = _PROGRAMME.sub("program", text.replace("isation", "ization"))
    return _DEFENCE.sub("defense", text).strip()


# -- the lexicon -------------------------------------------------------------------------------
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["organisations"],
    "properties": {
        "organisations": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["acronyms", "names"],
                "properties": {
                    "acronyms": {**_STRINGS, "minItems": 1},
                    "names": {**_STRINGS, "minItems": 1},
                    "context": _STRINGS,
                },
            },
        },
        "unrelated": _STRINGS,
    },
}


@dataclass(frozen=True)
class Organisation:
    """An organisation: its accepted acronyms (the usual one first), names and context words."""

    acronyms: tuple[str, ...]
    names: tuple[str, ...]
    context: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.names[0]

    def accepts(self, acronym: str) -> bool:
        return acronym.upper() in {a.upper() for a in self.acronyms}


@dataclass(frozen=True)
class Lexicon:
    """The organisations, indexed by folded name, by acronym and by anagram of an acronym."""

    organisations: tuple[Organisation, ...]
    by_name: dict[str, tuple[Organisation, ...]]
    acronyms: frozenset[str]
    unrelated: frozenset[str]
    by_letters: dict[str, tuple[tuple[Organisation, str], ...]]  # sorted letters: (org, acronym)

    def named(self, name: str) -> tuple[Organisation, ...]:
        """Organisations called ``name``, allowing small spelling differences in long names."""
        k = key(name)
        if k in self.by_name:
            return self.by_name[k]
        if len(k) < 12:
            return ()
        best = process.extractOne(k, self.by_name.keys(), scorer=fuzz.ratio, score_cutoff=90)
        return self.by_name[best[0]] if best else ()

    def swapped(self, token: str) -> tuple[tuple[Organisation, str], ...]:
        """The (organisation, acronym) pairs ``token`` is a letter swap of; none when the token
        is itself a known or unrelated acronym, or common in English ('HOW', 'UBS')."""
        if token in self.acronyms or token in self.unrelated:
            return ()
        found = self.by_letters.get("".join(sorted(token)), ())
        return () if not found or _common(token) else found


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate rules/lexicons/acronyms.yaml."""
    data = load_yaml(LEXICON)
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(_SCHEMA).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(top)"
        raise ValueError(f"{LEXICON}: {where}: {error.message}")
    orgs = tuple(
        Organisation(tuple(e["acronyms"]), tuple(e["names"]), tuple(e.get("context", ())))
        for e in data["organisations"]
    )
    by_name: dict[str, tuple[Organisation, ...]] = {}
    for org in orgs:
        for name in org.names:
            by_name[key(name)] = by_name.get(key(name), ()) + (org,)
    acronyms = frozenset(a.upper() for org in orgs for a in org.acronyms)
    unrelated = frozenset(a.upper() for a in data.get("unrelated", ()))
    by_letters: dict[str, tuple[tuple[Organisation, str], ...]] = {}
    for org in orgs:
        for acronym in org.acronyms:
            if acronym.isalpha() and acronym.isupper() and len(acronym) >= 3:
                letters = "".join(sorted(acronym))
                by_letters[letters] = by_letters.get(letters, ()) + ((org, acronym),)
    return Lexicon(orgs, by_name, acronyms, unrelated, by_letters)


class _Mentions:
    """The names a text mentions: ``key(name) in _Mentions(text)`` when the words of key(name)
    follow each other among the words of key(text).

    The text is keyed only around the places where a word of the name stands (in the text
    folded once), in windows that start and end at spaces, which key() keeps as word
    boundaries; only a text where that reading grows too long is keyed whole."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.budget = len(text)  # characters keyed in windows before keying the whole text

    @cached_property
    def folded(self) -> str:
        return _APOSTROPHES.sub("", fold(self.text))

    @cached_property
    def padded(self) -> str:
        return f" {_key_words(self.folded)} "

    def __contains__(self, name_key: str) -> bool:
        words = name_key.split(" ")
        plain = [i for i, word in enumerate(words) if not _RESPELLED.search(word)]
        if "padded" in self.__dict__ or not plain:
            return f" {name_key} " in self.padded
        i = max(plain, key=lambda i: len(words[i]))  # the longest: the rarest, probably
        for m in _alone(words[i]).finditer(self.folded):
            window = self._window(m.start(), m.end(), i, len(words) - 1 - i)
            if window is None:
                return f" {name_key} " in self.padded
            if f" {name_key} " in f" {window} ":
                return True
        return False

    def _window(self, start: int, end: int, before: int, after: int) -> str | None:
        """The key words around the word at ``start:end`` of the folded text: at least
        ``before`` words before it and ``after`` after it, unless the text ends first. None
        once the windows have keyed as many characters as the whole text has."""
        text = self.folded
        reach = 8 * (end - start) + 40
        while True:
            left = text.rfind(" ", 0, max(0, start - reach)) + 1
            right = text.find(" ", min(len(text), end + reach))
            right = len(text) if right < 0 else right
            self.budget -= right - left
            if self.budget < 0:
                return None
            head, tail = _key_words(text[left:start]), _key_words(text[end:right])
            if (left == 0 or _word_count(head) >= before) and (
                right == len(text) or _word_count(tail) >= after
            ):
                return _key_words(text[left:right])
            reach *= 2


@lru_cache(maxsize=4096)
def _alone(word: str) -> regex.Pattern[str]:
    """``word`` standing alone (not inside a longer word or number)."""
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(word)}(?![\p{{L}}\p{{N}}])")


def _word_count(words: str) -> int:
    return words.count(" ") + 1 if words else 0


@lru_cache(maxsize=4096)
def _common(token: str) -> bool:
    return zipf_frequency(token.lower(), "en") >= COMMON_ZIPF


# -- names and their letters -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Word:
    """A word of a name: its letters and which of them it must give (None: a particle)."""

    text: str
    start: int
    end: int
    letters: str
    initial: int | None


def _word(text: str, start: int, lower: bool = False) -> Word | None:
    """The word ``text`` as part of a name, or None when it cannot be in one (lower-case,
    unless ``lower``)."""
    if not _WORD.fullmatch(text):
        return None
    parts = _PARTS.findall(text)
    if len(parts) > 1 and regex.search(r"['’]s$", text):
        parts = parts[:-1]  # possessive: People's
    letters, initial, foreign_prefix = "", None, False
    for part in parts:
        particle = part.lower() in _PARTICLES or len(part) == 1
        if initial is None and not particle:
            if part[0].islower() and not (foreign_prefix or lower):
                return None
            initial = len(letters)
        foreign_prefix = particle
        letters += part.upper()
    if initial is None and text.lower() not in _PARTICLES:
        return None
    return Word(text, start, start + len(text), letters, initial)


def _name_before(doc: Document, end: int, lower: bool = False) -> list[Word]:
    """The words of the capitalised name (any name, if ``lower``) that ends at ``end``, leading
    particles dropped."""
    text = doc.text
    window = text[max(0, end - 300) : end]
    offset = end - len(window)
    chunks = list(_CHUNK.finditer(window))
    words: list[Word] = []
    for i in range(len(chunks) - 1, -1, -1):
        m = chunks[i]
        gap = window[m.end() : chunks[i + 1].start() if i + 1 < len(chunks) else len(window)]
        if not gap or gap.count("\n") > 1:
            break
        chunk, start = m.group(), offset + m.start()
        stripped = chunk.lstrip(_OPENERS)
        word = _word(stripped, start + len(chunk) - len(stripped), lower)
        if word is None or len(words) == MAX_RUN:
            break
        words.append(word)
        if stripped != chunk:
            break
    words.reverse()
    while words and words[0].initial is None:
        words.pop(0)
    return words


def _name_words(text: str, start: int) -> list[Word] | None:
    """All words of ``text`` as a name, or None when some word cannot be part of one."""
    words = []
    for m in _CHUNK.finditer(text):
        word = _word(m.group(), start + m.start())
        if word is None:
            return None
        words.append(word)
    return words if words and words[0].initial is not None else None


def _covers(word: Word, piece: str) -> bool:
    """Can ``word`` give exactly the letters ``piece`` (its initial included, if it has one)?"""
    if word.initial is None:
        return _subsequence(piece, word.letters)
    must = word.letters[word.initial]
    return any(
        c == must
        and _subsequence(piece[:i], word.letters[: word.initial])
        and _subsequence(piece[i + 1 :], word.letters[word.initial + 1 :])
        for i, c in enumerate(piece)
    )


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def consistent(acronym: str, words: list[Word]) -> bool:
    """Do the words spell the acronym (initials in order, particles and inner letters optional)?"""
    acronym = acronym.upper()
    reach = {0}
    for word in words:
        reach = {
            j2 for j in reach for j2 in range(j, len(acronym) + 1) if _covers(word, acronym[j:j2])
        }
        if not reach:
            return False
    return len(acronym) in reach


def initials(words: list[Word]) -> str:
    """The expected acronym: the initial of every content word."""
    return "".join(w.letters[w.initial] for w in words if w.initial is not None)


def _suffixes(words: list[Word]) -> Iterator[list[Word]]:
    """The name and its shorter tails, each starting at a content word, longest first."""
    for i, word in enumerate(words):
        if word.initial is not None:
            yield words[i:]


def _spelled(doc: Document, words: list[Word]) -> str:
    return doc.text[words[0].start : words[-1].end]


def _transliterated(words: list[Word]) -> bool:
    """A name in its own language (Arabic, French...), not an English translation, so that its
    acronym follows its words exactly: it has a foreign particle (al-, wal, -e-, de) or no
    English word at all ('Brunei Darussalam University' is a translation)."""
    if any(p.lower() in _FOREIGN for w in words for p in _PARTS.findall(w.text)[:-1]):
        return True
    if any(w.initial is None and w.text.lower() in _FOREIGN for w in words):
        return True
    content = [w.letters[w.initial :].lower() for w in words if w.initial is not None]
    return bool(content) and all(zipf_frequency(c, "en") < ENGLISH_ZIPF for c in content)


def _near(wrong: str, right: str) -> bool:
    """A swap of letters, or one letter changed, in an acronym of three letters or more."""
    wrong, right = wrong.upper(), right.upper()
    if wrong == right or min(len(wrong), len(right)) < 3:
        return False
    return sorted(wrong) == sorted(right) or (
        len(wrong) == len(right) and OSA.distance(wrong, right) == 1
    )


# -- definitions -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Definition:
    """An acronym defined by a name; ``expected`` is set when the letters do not match it."""

    acronym: str
    start: int
    end: int
    name: str
    expected: str | None = None


def _context(doc: Document, org: Organisation) -> str | None:
    """The first of the organisation's context words the document mentions."""
    if not org.context:
        return None
    m = _context_pattern(org).search(doc.text)
    return m.group() if m else None


@cache
def _context_pattern(org: Organisation) -> regex.Pattern[str]:
    return literal_alternation(org.context)


def _judge(doc: Document, acronym: str, words: list[Word]) -> tuple[str, str]:
    """(expected acronym, the name as written), or ('', '') when the acronym fits its name.

    A name in the lexicon is judged by the lexicon: its acronyms are accepted, and a swap of
    them is an error (one changed letter only with other evidence of the organisation). Any
    other name is judged by its initials, and only a transliterated name's swap is an error."""
    lexicon = load_lexicon()
    tails = list(_suffixes(words))
    for tail in tails:
        orgs = lexicon.named(_spelled(doc, tail))
        if not orgs:
            continue
        if any(org.accepts(acronym) for org in orgs):
            return "", ""
        for org in orgs:
            right = next((a for a in org.acronyms if _near(acronym, a)), None)
            if right and (
                sorted(acronym.upper()) == sorted(right)
                or _transliterated(tail)
                or _uses(doc, right)
                or _context(doc, org)
            ):
                return right, _spelled(doc, tail)
        return "", ""
    if acronym.upper() in lexicon.acronyms or len(acronym) < 3:
        return "", ""
    if any(consistent(acronym, tail) for tail in tails):
        return "", ""
    for tail in tails:
        expected = initials(tail)
        swapped = expected != acronym.upper() and sorted(expected) == sorted(acronym.upper())
        if swapped and _transliterated(tail):
            return expected, _spelled(doc, tail)
    return "", ""


def _uses(doc: Document, acronym: str) -> bool:
    return regex.search(_standalone(regex.escape(acronym)), doc.text) is not None


def definitions(doc: Document) -> list[Definition]:
    """Every acronym definition in the document, judged against its name (once per document)."""
    return doc.cached("acronyms.definitions", _definitions)


def _definitions(doc: Document) -> list[Definition]:
    found: list[Definition] = []
    for m in _DEFINITION.finditer(doc.text):
        acronym = m.group(1)
        if not is_acronym(acronym):
            continue
        words = _name_before(doc, m.start())
        if words:
            found.append(_definition(doc, acronym, m.start(1), words))
        else:
            found.append(_lower_case_definition(doc, acronym, m.start(1)))
    for m in _REVERSE.finditer(doc.text):
        acronym = m.group(1)
        words = _name_words(m.group(2), m.start(2))
        if is_acronym(acronym) and words and len(words) <= MAX_RUN:
            found.append(_definition(doc, acronym, m.start(1), words))
    found.sort(key=lambda d: d.start)
    return found


def _definition(doc: Document, acronym: str, start: int, words: list[Word]) -> Definition:
    end = start + len(acronym)
    expected, name = _judge(doc, acronym, words)
    return Definition(acronym, start, end, name or _spelled(doc, words), expected or None)


def _lower_case_definition(doc: Document, acronym: str, start: int) -> Definition:
    """A bracketed acronym after lower-case words: judged when they end in a name of the lexicon
    ('the UN refugee agency (UNCHR)'); otherwise a definition only if they spell it
    ('harmonized sales tax (HST)'), and never judged."""
    words = _name_before(doc, start - 1, lower=True)
    tails = list(_suffixes(words))
    if any(load_lexicon().named(_spelled(doc, t)) for t in tails):
        return _definition(doc, acronym, start, words)
    tail = next((t for t in tails if consistent(acronym, t)), None)
    name = _spelled(doc, tail) if tail else ""
    return Definition(acronym, start, start + len(acronym), name)


def _replace(start: int, end: int, acronym: str) -> Fix:
    return Fix.replace(start, end, acronym, f"Replace with '{acronym}'", UNSAFE)


# -- rules -------------------------------------------------------------------------------------
@rule(
    id="AC001",
    name="acronym-mismatch",
    category="acronym",
    severity="error",
    message="'{acronym}' does not match the initials of '{name}' ({expected})",
    rationale="""Machine translation and hurried editing swap the letters of an acronym; readers
    then look for an organisation that does not exist. A bracketed acronym whose letters are a
    permutation (or one letter off) of its name's initials is reported. Acronyms that follow the
    name in another language (Médecins Sans Frontières, MSF; Kurdistan Workers' Party, PKK) are
    known from the lexicon and accepted; a translated name not in the lexicon is never reported,
    as its acronym may follow the original word order.""",
    fails=[
        (
            "The head of the Islamist group Hayat Tahrir al-Sham (⟦HST⟧) spoke.",
            "The head of the Islamist group Hayat Tahrir al-Sham (HTS) spoke.",
        ),
        (
            "Fighting between the army and the Rapid Support Forces (⟦RFS⟧) spread to Darfur.",
            "Fighting between the army and the Rapid Support Forces (RSF) spread to Darfur.",
        ),
        (
            "Attacks by Jama'at Nusrat al-Islam wal-Muslimin (⟦JNMI⟧) rose in Burkina Faso.",
            "Attacks by Jama'at Nusrat al-Islam wal-Muslimin (JNIM) rose in Burkina Faso.",
        ),
        (
            "A raid on the Jabhat Fatah al-Sham (⟦JSF⟧) base.",
            "A raid on the Jabhat Fatah al-Sham (JFS) base.",
        ),
        (
            "Inspectors of the International Atomic Energy Agency (⟦IAAE⟧) visited the "
            "Zaporizhzhia plant.",
            "Inspectors of the International Atomic Energy Agency (IAEA) visited the "
            "Zaporizhzhia plant.",
        ),
        (
            "⟦HST⟧ (Hayat Tahrir al-Sham) took Aleppo.",
            "HTS (Hayat Tahrir al-Sham) took Aleppo.",
        ),
        (
            "The UN refugee agency (⟦UNCHR⟧) counted 12 million displaced.",
            "The UN refugee agency (UNHCR) counted 12 million displaced.",
        ),
        (
            "Officials blamed Tehreek-e-Taliban Pakistan (⟦TPT⟧).",
            "Officials blamed Tehreek-e-Taliban Pakistan (TTP).",
        ),
    ],
    passes=[
        "The head of the Islamist group Hayat Tahrir al-Sham (HTS) spoke.",
        "Bloomberg said Assad contacted Washington through the United Arab Emirates (UAE).",
        "Médecins Sans Frontières (MSF) said its hospital was hit, according to Agence "
        "France-Presse (AFP).",
        "Doctors Without Borders (MSF) evacuated staff.",
        "Fighters of the Islamic State (ISIS) and the Islamic State (IS) group.",
        "Sudan's Rapid Support Forces (RSF) and the Sudanese Armed Forces (SAF) clashed.",
        "Reporters Without Borders (RSF) condemned the arrest.",
        "The Kurdistan Workers' Party (PKK) announced a ceasefire.",
        "The Democratic Forces for the Liberation of Rwanda (FDLR) operate in Kivu.",
        "The Economic Community of West African States (ECOWAS) met in Abuja.",
        "the Office for the Coordination of Humanitarian Affairs (OCHA) said",
        "The Tigray People's Liberation Front (TPLF) signed the deal.",
        "according to the Syrian Observatory for Human Rights (SOHR).",
        "The Intergovernmental Authority on Development (IGAD) called for talks.",
        "Al-Qaeda in the Islamic Maghreb (AQIM) claimed the attack.",
        "The Coordination of Azawad Movements (CMA) left Kidal.",
        "The National Movement for the Liberation of Azawad (MNLA) was founded in 2011.",
        "The Armed Forces of the Democratic Republic of the Congo (FARDC) retreated.",
        "The Main Intelligence Directorate (GRU) of Russia's general staff.",
        "Libya's National Unity Government (GNU) met in Tripoli.",
        "The Tehreek-e-Taliban Pakistan (TTP) claimed the bombing.",
        "Lashkar-e-Taiba (LeT) was blamed.",
        "Tanks (T-55) and vehicles (BMP-1) were seen.",
        "The Salafist Group for Preaching and Combat (GSPC) became al-Qaeda in the Islamic "
        "Maghreb (AQIM).",
        "Libya's Government of National Unity (GNU) and the Libyan National Army (LNA) clashed.",
        "The Forces Armées Maliennes (FAMa) retook Kidal.",
        "Prime Minister Pham Minh Chinh visited Brunei Darussalam University (UBD).",
        "Ontario raised the harmonized sales tax (HST).",
    ],
    fix="unsafe",
)
def acronym_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    for d in definitions(doc):
        if d.expected:
            yield Hit(
                d.start,
                d.end,
                {"acronym": d.acronym, "name": d.name, "expected": d.expected},
                _replace(d.start, d.end, d.expected),
            )


@rule(
    id="AC002",
    name="acronym-mismatch-use",
    category="acronym",
    severity="error",
    message="'{acronym}' is defined for '{name}' on line {line}, whose initials are {expected}",
    rationale="""Once an acronym has been mistranslated in its definition, the same wrong letters
    recur wherever the organisation is named again. Every other use of the wrong acronym in the
    document is reported with the definition's correction, unless the document also defines the
    same acronym correctly for another name.""",
    fails=[
        (
            "Hayat Tahrir al-Sham (HST) took Aleppo. ⟦HST⟧ fighters then moved south and "
            "⟦HST⟧'s leader spoke.",
            "Hayat Tahrir al-Sham (HST) took Aleppo. HTS fighters then moved south and "
            "HTS's leader spoke.",
        ),
        (
            "The ⟦HST⟧-led offensive began in Idlib. Hayat Tahrir al-Sham (HST) said so.",
            "The HTS-led offensive began in Idlib. Hayat Tahrir al-Sham (HST) said so.",
        ),
    ],
    passes=[
        "Hayat Tahrir al-Sham (HTS) took Aleppo. HTS fighters then moved south.",
        "Hayat Tahrir al-Sham (HST) took Aleppo. Its HST-1 drones flew.",
        "Hayat Tahrir al-Sham (HST) took Aleppo. The Harmonized Sales Tax (HST) rose; HST is "
        "paid quarterly.",
    ],
    fix="unsafe",
)
def acronym_mismatch_use(doc: Document, ctx: Context) -> Iterator[Hit]:
    found = definitions(doc)
    wrong = {d.acronym: d for d in found if d.expected}
    for acronym in {d.acronym for d in found if not d.expected and d.name}:
        wrong.pop(acronym, None)
    if not wrong:
        return
    own = {d.start for d in found}
    pattern = regex.compile(_standalone("|".join(map(regex.escape, wrong))))
    for m in pattern.finditer(doc.text):
        if m.start() in own:
            continue
        d = wrong[m.group()]
        args = {
            "acronym": d.acronym,
            "name": d.name,
            "expected": d.expected,
            "line": doc.position(d.start)[0],
        }
        yield Hit(m.start(), m.end(), args, _replace(m.start(), m.end(), d.expected))


def _shouting(doc: Document, offset: int) -> bool:
    """Is the line mostly capitals (a headline in upper case)?"""
    line = doc.line_text(doc.line_of(offset))
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) * 10 >= len(letters) * 7


@rule(
    id="AC003",
    name="known-acronym-swapped",
    category="acronym",
    severity="error",
    message="'{acronym}' looks like a swapped '{expected}' ({name}): "
    "the document mentions {evidence}",
    rationale="""An undefined acronym that is an anagram of a well-known one (HST for HTS) is
    reported only with evidence that the document is about that organisation: its name in its
    own language (Hayat Tahrir al-Sham), or two of its name, its right acronym and a context
    word (Idlib for HTS, Darfur for RSF), at least one being the name or the right acronym.
    Acronyms the document defines itself, English words, real acronyms of other things and
    headlines in capitals are never reported.""",
    fails=[
        (
            "Hayat Tahrir al-Sham fighters entered Aleppo. ⟦HST⟧ said the city was safe.",
            "Hayat Tahrir al-Sham fighters entered Aleppo. HTS said the city was safe.",
        ),
        (
            "The RSF besieged El Fasher; ⟦RFS⟧ drones hit the market in Darfur.",
            "The RSF besieged El Fasher; RSF drones hit the market in Darfur.",
        ),
        (
            "Jama'at Nusrat al-Islam wal-Muslimin killed 20 soldiers. ⟦JNMI⟧ claimed it.",
            "Jama'at Nusrat al-Islam wal-Muslimin killed 20 soldiers. JNIM claimed it.",
        ),
    ],
    passes=[
        "The Hubble Space Telescope (HST) imaged the galaxy.",
        "Ontario's HST rate is 13 percent.",
        "HST said the city of Aleppo was safe.",
        "Hayat Tahrir al-Sham took Aleppo. The Harmonized Sales Tax (HST) is unrelated.",
        "Hayat Tahrir al-Sham took Aleppo, and Ontario's harmonized sales tax (HST) rose.",
        "Nepal's Armed Police Force guarded the border, APF officers told Agence France-Presse "
        "(AFP).",
        "Israel Defense Forces (IDF) struck Lebanon, and FDI fell.",
        "AFP reported it. AFPTV filmed ATMs; the UN and US agreed. BMP-1 and T-55 were seen.",
        "FOOD AND AGRICULTURE ORGANIZATION CHIEF CALLS MINISTER AN OAF\nThe FAO said "
        "harvests fell.",
    ],
    fix="unsafe",
)
def known_acronym_swapped(doc: Document, ctx: Context) -> Iterator[Hit]:
    lexicon = load_lexicon()
    candidates = [
        m
        for m in _CAPITALS.finditer(doc.text)
        if lexicon.swapped(m.group()) and not _shouting(doc, m.start())
    ]
    if not candidates:
        return
    defined = {d.acronym for d in definitions(doc) if d.name}
    named = _Mentions(doc.text)
    evidence: dict[tuple[Organisation, str], str | None] = {}
    for m in candidates:
        if m.group() in defined:
            continue
        for org, right in lexicon.swapped(m.group()):
            if (org, right) not in evidence:
                evidence[(org, right)] = _evidence(doc, org, right, named)
            found = evidence[(org, right)]
            if found:
                args = {"acronym": m.group(), "expected": right, "name": org.name}
                args["evidence"] = found
                yield Hit(m.start(), m.end(), args, _replace(m.start(), m.end(), right))
                break


def _evidence(doc: Document, org: Organisation, right: str, named: _Mentions) -> str | None:
    """What shows the document is about ``org``: two signs, one of them its name or its right
    acronym; a name in its own language (Hayat Tahrir al-Sham) is enough alone."""
    name = next((n for n in org.names if key(n) in named), None)
    signs = [f"'{name}'"] if name else []
    if name and _transliterated(_name_words(name, 0) or []):
        return signs[0]
    if _uses(doc, right):
        signs.append(f"'{right}'")
    if not signs:
        return None
    context = _context(doc, org)
    if context:
        signs.append(f"'{context}'")
    return " and ".join(signs[:2]) if len(signs) >= 2 else None
