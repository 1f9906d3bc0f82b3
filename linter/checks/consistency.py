"""CO: one document, two conventions: British and American spelling, curly and straight quotes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex
from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

from ..document import Document
from ..engine import Context
from ..model import Applicability, Fix
from ..registry import Hit, rule
from ..textutil import match_case

AMERICAN, BRITISH = "American", "British"
MAX_SEARCHES = 64  # words searched for one by one; more cost more than reading every word

# Forms that are not evidence of either spelling system. American forms that are right in
# British English with another meaning (a computer program and a TV programme; to tire and a
# tyre; a gas meter and a metre), and British-listed forms that are standard American too
# ('buses', 'gases', 'gauge', 'tonnes', 'disc') or are not variants at all ('sheikh'). Plurals
# such as 'analyses' are nouns (of 'analysis') as often as verbs, and are left out by their ending.
_NOT_VARIANT_WORDS = """
    program programs practice practiced practices practicing license licensed licenses
    licensing draft drafts disk disks meter meters ton tons tire tires connection connections
    inflection inflections filter filters gram grams kilogram kilograms centigram centigrams
    milligram milligrams sheik griffin griffins groin groins gypsies siphon siphoned siphoning
    siphons biased biasing busses bussing gasses bevy bevies pummel pummeled tranquility pizzazz
    gage gaged gages gaging filet fileted fileting filets chili install installs
    buses gases gauge gauged gauges gauging fillet filleted filleting fillets sheikh
    tranquilly pummelled pummelling bevvy bevvies pzazz tonne tonnes disc discs"""
_NOT_VARIANTS = frozenset(_NOT_VARIANT_WORDS.split())
# Forms standard on both sides of the Atlantic ("-ize" is Oxford spelling; Americans write
# "dialogue", "catalogue", "aesthetic"; British science writes "sulfur", "fetus", "chimera"): not
# evidence of either system, but still reported when the same document also uses the other form.
_SHARED_WORDS = """
    aging judgment likable misspelled gray grayed graying grayish grays grey greyed greying
    greyish greys ax axe dialogue dialogues catalogue catalogued catalogues cataloguing analogue
    analogues prologue prologues epilogue epilogues monologue monologues travelogue travelogues
    dialog dialogs analog analogs aesthetic aesthetics aesthetically aesthete aesthetes
    archaeological archaeologically archaeologist archaeologists archaeology glamour omelette
    omelettes omelet omelets yogurt yogurts encyclopedia encyclopedias encyclopedic medieval
    primeval artifact artifacts almanac almanacs banister banisters epaulet epaulets woolly
    cancellation cancellations grayness greyness chimera chimeras fetus fetuses fetal sulfur
    sulfate sulfates sulfide sulfides sulfurous eon eons aeon aeons binging bingeing"""
_SHARED = frozenset(_SHARED_WORDS.split())
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "r", "rs", "er", "ers")
_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{L}+(?![\p{L}\p{M}])")
_NEXT_WORD = regex.compile(r"[ \t\u00a0]+(\p{L}+)")
# Bytes that are not ASCII letters become spaces.
_ASCII_LETTERS = bytes(b if chr(b).isascii() and chr(b).isalpha() else 32 for b in range(256))


@dataclass(frozen=True, slots=True)
class Use:
    """One ordinary (non-name) use of a word spelled the British or the American way."""

    start: int
    end: int
    word: str
    system: str
    other: str  # the same word in the other system
    family: str  # the American base form, shared by inflections: defense, defenses → defense
    shared: bool  # standard in both systems: not evidence of the document's choice


@cache
def _variant(word: str) -> tuple[str, str, str] | None:
    """(system, other spelling, family) of a lower-case word with a British/American pair."""
    if word in _NOT_VARIANTS or word.endswith("yses"):
        return None
    if word in AMERICAN_ENGLISH_SPELLINGS:
        system, other, american = AMERICAN, AMERICAN_ENGLISH_SPELLINGS[word], word
    elif word in BRITISH_ENGLISH_SPELLINGS:
        system, other = BRITISH, BRITISH_ENGLISH_SPELLINGS[word]
        american = other
    else:
        return None
    for suffix in _INFLECTIONS:
        base = american[: -len(suffix)]
        if american.endswith(suffix) and base in AMERICAN_ENGLISH_SPELLINGS:
            return system, other, base
    return system, other, american


def _oxford(word: str, other: str) -> bool:
    """An American '-ize' form whose British pair differs only by '-ise' (Oxford spelling)."""
    return "iz" in word and word.replace("iz", "is") == other


def _ordinary(doc: Document, start: int, end: int, word: str, lower_case: set[str]) -> bool:
    """A lower-case use, or a capitalised one opening a sentence before a lower-case word, of a
    word the document also writes in lower case. Other capitalised uses may be names (Pearl
    Harbor, Defense Ministry, Labour Party, the Buffalo Sabres)."""
    if word.islower():
        return True
    if not word[1:].islower() or word.lower() not in lower_case:
        return False
    if start not in doc.sentence_starts:
        return False
    following = _NEXT_WORD.match(doc.text, end)
    return bool(following) and following.group(1)[0].islower()


@cache
def _variant_words() -> frozenset[bytes]:
    """Every lower-case word with a British/American spelling pair (all ASCII), as bytes."""
    words = AMERICAN_ENGLISH_SPELLINGS.keys() | BRITISH_ENGLISH_SPELLINGS.keys()
    return frozenset(w.encode() for w in words if _variant(w) is not None)


def _variant_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word whose lower case has a spelling pair, in text order.

    Only the words that the lower-case text, reduced to ASCII letters and split, holds are
    looked for (the only letter outside ASCII that lowers to an ASCII one is 'K', the Kelvin
    sign), each in the lower-case text, which lines up with the text unless a letter grew in
    lower case ('İ')."""
    lower = text.lower()
    letters = lower.encode("ascii", "replace").translate(_ASCII_LETTERS).split()
    present = _variant_words().intersection(letters)
    if len(lower) != len(text) or len(present) > MAX_SEARCHES:
        spans = ((m.start(), m.end(), m.group()) for m in _WORD.finditer(text))
        return [(s, e, w) for s, e, w in spans if _variant(w.lower()) is not None]
    out = []
    for found in present:
        word = found.decode()
        at = lower.find(word)
        while at >= 0:
            m = _WORD.match(text, at)
            if m and m.end() == at + len(word):
                out.append((at, m.end(), m.group()))
            at = lower.find(word, at + 1)
    return sorted(out)


def spelling_uses(doc: Document) -> list[Use]:
    """Every ordinary use of a word with a British/American spelling pair, in text order.
    Quotations are left out: they may keep the spelling of their source."""
    return _uses(doc, _variant_spans(doc.text))


def _uses(doc: Document, found: list[tuple[int, int, str]]) -> list[Use]:
    lower_case = {word for _, _, word in found if word.islower()}
    uses = []
    for start, end, word in found:
        system, other, family = _variant(word.lower())
        if not _ordinary(doc, start, end, word, lower_case):
            continue
        if doc.urls and doc.urls.overlaps(start, end):
            continue
        if doc.quotations and doc.quotations.containing(start, end):
            continue
        shared = word.lower() in _SHARED or _oxford(word.lower(), other)
        uses.append(Use(start, end, word, system, other, family, shared))
    return uses


@dataclass(frozen=True, slots=True)
class Leaning:
    """How many words (families) the document spells each way, leaving out mixed words."""

    british: int
    american: int

    @classmethod
    def of(cls, families: dict[str, list[Use]]) -> Leaning:
        votes: Counter[str] = Counter()
        for uses in families.values():
            if len({u.system for u in uses}) == 1 and not any(u.shared for u in uses):
                votes[uses[0].system] += 1
        return cls(votes[BRITISH], votes[AMERICAN])

    @property
    def majority(self) -> str | None:
        if self.british == self.american:
            return None
        return BRITISH if self.british > self.american else AMERICAN

    @property
    def clear(self) -> str | None:
        """The majority when it is at least three words and three times the other system."""
        high, low = max(self.british, self.american), min(self.british, self.american)
        return self.majority if high >= 3 and high >= 3 * low else None

    def describe(self) -> str:
        if self.majority is None:
            return f"other words: {self.british} British, {self.american} American"
        high, low = max(self.british, self.american), min(self.british, self.american)
        return f"other words lean {self.majority}, {high} to {low}"


def _families(uses: list[Use]) -> dict[str, list[Use]]:
    families: dict[str, list[Use]] = defaultdict(list)
    for use in uses:
        families[use.family].append(use)
    return families


def _spelling(doc: Document, ctx: Context) -> tuple[dict[str, list[Use]], Leaning]:
    """The document's spelling families and leaning, shared by CO001 and CO002 (memoised)."""
    key = ("spelling-families", doc.text)
    found = ctx.memo.get(key)
    if found is None:
        spans = _variant_spans(doc.text)
        # A document that spells every word one way has nothing to report (its quotations
        # and names need not be read).
        mixed = len({_variant(word.lower())[0] for _, _, word in spans}) > 1
        families = _families(_uses(doc, spans)) if mixed else {}
        found = ctx.memo[key] = (families, Leaning.of(families))
    return found


def _fix(use: Use) -> Fix:
    replacement = match_case(use.word, use.other)
    return Fix.replace(
        use.start, use.end, replacement, f"Use '{replacement}'", Applicability.UNSAFE
    )


@rule(
    id="CO001",
    name="word-spelled-both-ways",
    category="consistency",
    severity="warning",
    message="'{word}' and '{other}' are both used here ({detail})",
    rationale="""A document that spells one word both the American and the British way
    ('defense lines' ... 'lines of defence') was assembled from several sources or translated
    in pieces. The form to keep is the one the rest of the document uses when it clearly leans
    one way (three times as many words spelled that way, at least three): one 'defense' in a
    British text is the odd one out even if it occurs twice. Otherwise the word's more frequent
    form wins. When the word is split evenly, the word itself cannot say which form is meant, so
    every occurrence is reported and only the ones disagreeing with the rest of the document
    get a fix. Capitalised names ('Defense Ministry', 'Pearl Harbor', 'Labour Party') and
    quotations, which may keep the spelling of their source, are not counted; forms standard in
    both systems (Oxford '-ize', 'dialogue') do not count towards the document's leaning. The
    word list is the breame package's.""",
    fails=[
        (
            "The army reinforced its ⟦defense⟧ lines. Later it held its lines of ⟦defence⟧ "
            "around the centre.",
            "The army reinforced its defence lines. Later it held its lines of defence "
            "around the centre.",
        ),
        (
            "The colour of the flag and the colours of the unit matched; the ⟦color⟧ faded.",
            "The colour of the flag and the colours of the unit matched; the colour faded.",
        ),
        (
            "The organisation's centre and its honour guard: ⟦defense⟧ and ⟦defense⟧ again, "
            "then defence.",
            "The organisation's centre and its honour guard: defence and defence again, "
            "then defence.",
        ),
        (
            "The organization met in May. The organization grew. The ⟦organisation⟧ split.",
            "The organization met in May. The organization grew. The organization split.",
        ),
        (
            "The ⟦defense⟧ lines held, the ⟦defence⟧ ministry said.",
            "The defense lines held, the defence ministry said.",
        ),
    ],
    passes=[
        "The Defense Ministry said its lines of defence held.",
        "The Labour Party and labor unions met at Pearl Harbor, near the harbour.",
        "Australia's Labor Party said the organisation's defence programme was on track.",
        "The Indian ministry's centre said the colour of the flag would not change.",
        "The Defense Department's center said the color guard was ready.",
        "The computer program ran during the TV programme.",
        "The World Health Organization said the organisation's offices reopened.",
    ],
    fix="unsafe",
)
def word_spelled_both_ways(doc: Document, ctx: Context) -> Iterator[Hit]:
    families, leaning = _spelling(doc, ctx)
    for uses in families.values():
        counts = Counter(u.system for u in uses)
        if len(counts) < 2:
            continue
        (top, high), (_, low) = counts.most_common()
        if high == low:
            preferred = leaning.majority
            reason = leaning.describe()
        elif leaning.clear and not any(u.shared for u in uses):
            preferred, reason = leaning.clear, leaning.describe()
        else:
            preferred, reason = top, ""
        for use in uses:
            if use.system == preferred and high != low:
                continue
            other = next(u for u in uses if u.system != use.system)
            if high == low:
                detail = "once each" if high == 1 else f"{high} times each"
            else:
                detail = f"{counts[use.system]} to {counts[other.system]}"
            args = {
                "word": use.word,
                "other": other.word.lower(),
                "detail": f"{detail}; {reason}" if reason else detail,
            }
            fix = _fix(use) if preferred and use.system != preferred else None
            yield Hit(use.start, use.end, args, fix)


@rule(
    id="CO002",
    name="spelling-against-document",
    category="consistency",
    severity="warning",
    message="'{word}' is {system} spelling in a document that is otherwise {majority} "
    "({high} words to {low}): '{other}'",
    rationale="""A British form in an American text (or the reverse) is a trace of another
    source or of an editor working to another style. A document counts as American or British
    when at least three distinct words are spelled that way and at least three times as many as
    the other way; then each word spelled the other way is reported, with the document's form
    as an unsafe fix. Capitalised names ('Labour Party', 'Pearl Harbor'), quotations and forms
    standard in both systems (Oxford '-ize', 'dialogue', 'grey') are not counted or reported;
    words spelled both ways are left to CO001.""",
    fails=[
        (
            "The organisation's centre said the colour of its ⟦armored⟧ vehicles was grey.",
            "The organisation's centre said the colour of its armoured vehicles was grey.",
        ),
        (
            "Officials were ⟦sceptical⟧ as armored units left the centers and the theater.",
            "Officials were skeptical as armored units left the centers and the theater.",
        ),
    ],
    passes=[
        "The organisation's centre said the colour of its armoured vehicles was grey.",
        "The organization's centre said the colour of its armoured vehicles was gray.",
        "The neighbour's colour and the centre's honour: the Labor Party disagreed.",
        "Armored units, centers and theaters: the skeptical Labour Party objected.",
        "The colour and the centre, but the armored unit: too few words to judge.",
        "Canada's neighbours praised the colour of the centre's new program and its snow tires.",
        "The Delhi centre's labour office said the neighbouring states' programme was favoured.",
        "Pearl Harbor and the World Health Organization: the centre's colour and honour.",
    ],
    fix="unsafe",
)
def spelling_against_document(doc: Document, ctx: Context) -> Iterator[Hit]:
    families, leaning = _spelling(doc, ctx)
    majority = leaning.clear
    if majority is None:
        return
    high, low = max(leaning.british, leaning.american), min(leaning.british, leaning.american)
    for uses in families.values():
        if len({u.system for u in uses}) > 1:
            continue
        for use in uses:
            if use.shared or use.system == majority:
                continue
            args = {
                "word": use.word,
                "system": use.system,
                "majority": majority,
                "high": high,
                "low": low,
                "other": match_case(use.word, use.other),
            }
            yield Hit(use.start, use.end, args, _fix(use))


# A straight mark right after a digit is a foot or inch sign (5'11", a 12" record), not a quote.
_QUOTE_MARKS = {
    "double": (regex.compile(r'(?<!\d)"'), regex.compile(r"[“”]")),
    "single": (regex.compile(r"(?<!\d)'"), regex.compile(r"[‘’]")),
}
_MARK_NAMES = {"double": "quotation mark", "single": "apostrophe or single quote"}
_OPENS_AFTER = " \t\n([{—–-/\"“'‘"


def _curly(text: str, at: int, mark: str) -> str:
    """The curly form of a straight mark: opening after a space or bracket, else closing."""
    before = text[at - 1] if at else " "
    after = text[at + 1 : at + 2]
    if mark == '"':
        return "“" if before in _OPENS_AFTER else "”"
    return "‘" if before in _OPENS_AFTER and after.isalpha() else "’"


def _marks(doc: Document, pattern: regex.Pattern[str]) -> list[int]:
    """Where the (one-character) marks of ``pattern`` stand, outside code and URLs."""
    found = [m.start() for m in pattern.finditer(doc.text)]
    ignored, urls = doc.ignored, doc.urls
    if not found or not (ignored or urls):
        return found
    return [
        at
        for at in found
        if not (ignored and ignored.overlaps(at, at + 1))
        and not (urls and urls.overlaps(at, at + 1))
    ]


@rule(
    id="CO003",
    name="mixed-quote-styles",
    category="consistency",
    severity="info",
    message="{style} {name} in a document that also uses {other} ones "
    "({majority} {other}, {minority} {style_lower})",
    rationale="""Curly and straight quotation marks in one document show text pasted from
    several sources or typed around a smart-quote converter; search, deduplication and
    typesetting then treat the same quotation differently. Double marks and apostrophes (with
    single quotes) are counted separately, and the marks of the less frequent style are reported
    (on a tie, the straight ones). Foot and inch signs after digits are not counted. The
    suggested replacement guesses opening and closing marks from their neighbours, so it is
    only displayed.""",
    fails=[
        '“We will return,” he said. ⟦"⟧Soon⟦"⟧, she added. “Not yet,” they said.',
        "Assad’s office said the army’s lines held; the ⟦'⟧regime⟦'⟧ denied it.",
        "The ‘liberation’ began at dawn, the rebels’ commander said; the army⟦'⟧s lines broke.",
    ],
    passes=[
        "“We will return,” he said. “Soon,” she added.",
        '"We will return," he said. "Soon," she added. Assad\'s office agreed.',
        "“Assad's office,” he said: mixed double and single styles are counted apart.",
        "He is 6'2\" tall, and “very fast,” his coach said.",
    ],
    fix="display",
    phase="structure",
)
def mixed_quote_styles(doc: Document, ctx: Context) -> Iterator[Hit]:
    for kind, (straight_re, curly_re) in _QUOTE_MARKS.items():
        straight, curly = _marks(doc, straight_re), _marks(doc, curly_re)
        if not straight or not curly:
            continue
        odd, style, other = (
            (curly, "Curly", "straight")
            if len(curly) < len(straight)
            else (straight, "Straight", "curly")
        )
        args = {
            "style": style,
            "style_lower": style.lower(),
            "name": _MARK_NAMES[kind],
            "other": other,
            "majority": len(curly) + len(straight) - len(odd),
            "minority": len(odd),
        }
        for at in odd:
            mark = doc.text[at]
            if style == "Curly":
                replacement = '"' if kind == "double" else "'"
            else:
                replacement = _curly(doc.text, at, mark)
            fix = Fix.replace(at, at + 1, replacement, f"Use {replacement}", Applicability.DISPLAY)
            yield Hit(at, at + 1, args, fix)
