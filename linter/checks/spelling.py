"""SP: non-words and OCR slips, with corrections ranked by OCR confusions and frequencies.
Names are not errors: capitalised words inside sentences, words seen twice, places, Arabic
names with particles, acronyms, numbers, URLs and dictionary words are left alone."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Iterator
from functools import cached_property, lru_cache

import regex

from ..corpus import CorpusStats
from ..document import WORD_RE, Document, SpanIndex
from ..engine import Context
from ..gazetteer import fold
from ..markup import ENTITY, tag_spans
from ..memo import by_text
from ..model import Applicability, Fix
from ..registry import Hit, rule
from ..spell.lexicon import lexicon
from ..spell.morphology import regular
from ..spell.names import ARABIC_PARTICLES, dictionary_words, is_place_word, pack_words
from ..spell.ranking import Candidate, ranked, rerank
from ..textutil import match_case
from ..translit import english

# A correction is applied (as an unsafe fix) only when it beats the runner-up by this many
# Zipf points and scores at least CLEAR_SCORE; otherwise the finding lists the candidates.
CLEAR_MARGIN = 1.2
CLEAR_SCORE = 0.0
# A capitalised word opening a sentence may be a name: reported only as a cheap slip of a
# common word ('Tbe'), not as a variant of a rarer word, which may be a name ('Joonas').
SENTENCE_START_COST = 0.7
SENTENCE_START_ZIPF = 4.0
# A word wordfreq has seen, though no dictionary lists it, scores its Zipf value minus
# ATTESTED_PENALTY; a compound of two words of at least COMPOUND_PART letters and
# COMPOUND_ZIPF scores its rarer half's value minus COMPOUND_PENALTY. Such a word is reported
# only when a candidate beats that score by OWN_MARGIN.
ATTESTED_PENALTY = 1.0
COMPOUND_PART = 3
COMPOUND_ZIPF = 3.0
COMPOUND_PENALTY = 2.0
OWN_MARGIN = 1.0
# ...or when a word one edit away is MISSPELLING_GAP Zipf points (that many decades) commoner.
ONE_EDIT = 1.1
MISSPELLING_GAP = 2.5
MIN_LENGTH = 3
# A word used twice is a name or a term, unless one cheap edit turns it into a word used
# REPEAT_RATIO times as often in the text (a systematic OCR slip: 'tbe' beside 'the').
REPEAT_COST = 0.8
REPEAT_RATIO = 20
# A paragraph with at least FOREIGN_WORDS lower-case words, more than FOREIGN_SHARE of them
# unknown, is in another language (or beyond repair): its words are not reported.
FOREIGN_WORDS = 5
FOREIGN_SHARE = 0.5
# Zipf points per decade by which a candidate's count in the text exceeds its expected count.
CONTEXT_WEIGHT = 2.0

_CLITICS = frozenset(("s", "t", "d", "ll", "re", "ve", "m"))
_SPLIT_CLITIC = (" 't", " ’t", " ‘t")
_SEGMENT = regex.compile(r"[^-]+")
_LOOKALIKE_SYMBOLS = "|!$€"
_CODE_MARKS = "/\\_=<>{}[]"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Digits and symbols that OCR reads instead of letters, and the letters they stand for.
_LOOKALIKES = {"0": "o", "1": "li", "5": "s", "|": "li", "!": "li", "$": "s", "€": "e"}
# A digit or look-alike symbol touching a letter: where mixed words are looked for.
_GLUED_ODD = regex.compile(r"(?<=\p{L})[\p{N}|!$€]|\p{N}(?=\p{L})")
WORD_MEMO = 1 << 14  # token texts whose analyses (parts, place, look-alike reading) are remembered


_TOTALS: list[tuple[CorpusStats, int, int]] = []


def _corpus_tokens(corpus: CorpusStats) -> int:
    """Tokens counted in a corpus's vocabulary, computed once per corpus."""
    if not _TOTALS or _TOTALS[0][0] is not corpus or _TOTALS[0][1] != corpus.documents:
        _TOTALS[:] = [(corpus, corpus.documents, sum(corpus.vocabulary.values()))]
    return _TOTALS[0][2]


class _Protection:
    """Per-document evidence that a word is a name or a term: counts, dictionaries, places."""

    def __init__(self, doc: Document, ctx: Context) -> None:
        self.doc = doc
        self.ctx = ctx
        config = ctx.config
        self.dictionaries = tuple(config.dictionaries) if config else ()
        self._foreign: dict[int, bool] = {}  # paragraph index → another language?

    @cached_property
    def words(self) -> list[str]:
        """The text of every token."""
        return WORD_RE.findall(self.doc.text)

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self.words)

    @cached_property
    def total(self) -> int:
        """Tokens in the corpus (or the document, without one)."""
        corpus = self.ctx.corpus
        return _corpus_tokens(corpus) if corpus else len(self.words)

    def boost(self, word: str) -> float:
        """Zipf points for a candidate used in the text more than its frequency predicts."""
        seen = self.occurrences(word)
        if not seen:
            return 0.0
        expected = self.total * 10 ** (lexicon().zipf(word) - 9)
        return CONTEXT_WEIGHT * max(0.0, math.log10((1 + seen) / (1 + expected)))

    def occurrences(self, word: str) -> int:
        """How often a lower-case word occurs in the document (in lower case, capitalised or
        in capitals), or in the corpus if more."""
        counts = self.counts
        seen = sum(counts.get(form, 0) for form in {word, word.capitalize(), word.upper()})
        corpus = self.ctx.corpus
        return max(seen, corpus.vocabulary.get(word, 0)) if corpus else seen

    def repeated(self, *words: str) -> bool:
        """Is one of these lower-case words used twice in the corpus (so that occurrences()
        counts it twice), which the document's counts need not be read to tell?"""
        corpus = self.ctx.corpus
        return bool(corpus) and any(corpus.vocabulary.get(w, 0) >= 2 for w in words)

    def listed(self, word: str) -> bool:
        """In a user dictionary or the names pack?"""
        folded = fold(word)
        return folded in pack_words() or folded in dictionary_words(self.dictionaries)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.doc.paragraphs]

    def foreign(self, offset: int) -> bool:
        """Is the paragraph holding ``offset`` in another language (or too garbled to read):
        are most of its lower-case words unknown?"""
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if index < 0:
            return False
        if index not in self._foreign:
            self._foreign[index] = _foreign_text(self.doc.paragraph_texts[index])
        return self._foreign[index]

    def alone_on_line(self, start: int, word: str) -> bool:
        """A word alone on its line is a label or a site name ('leksol'), not prose."""
        doc = self.doc
        span = doc.lines[doc.line_of(start)]
        return doc.text[span.start : span.end].strip() == word


@by_text
def _foreign_text(text: str) -> bool:
    """Are most of the lower-case words of ``text`` unknown (if it has enough of them)?"""
    known = lexicon().known
    words = [w for w in WORD_RE.findall(text) if len(w) > 2 and w.isalpha() and w.islower()]
    unknown = sum(w not in known for w in words)
    return len(words) >= FOREIGN_WORDS and unknown > FOREIGN_SHARE * len(words)


@lru_cache(maxsize=WORD_MEMO)
def _place(word: str) -> bool:
    """Capitalised and in the gazetteer (the slowest check: it loads the gazetteer)?"""
    return word[0].isupper() and is_place_word(word)


def _segments(word: str, known: frozenset[str]) -> list[tuple[int, str]]:
    """(offset in the token, word) for the parts of a hyphenated token, possessives and clitics
    removed (but a known contraction is kept whole: the 'doesn't' of 'if-this-doesn't-work')."""
    out = []
    for m in _SEGMENT.finditer(word):
        part = m.group().replace("’", "'")
        stem, _, clitic = part.partition("'")
        if clitic and clitic.lower() in _CLITICS and part.lower() not in known:
            part = stem
        out.append((m.start(), part))
    return out


@lru_cache(maxsize=WORD_MEMO)
def _open_parts(word: str) -> tuple[tuple[int, str], ...]:
    """The parts of a token (offset in the token, part) that may be non-words, judging by the
    token alone: none of a number, a code or an Arabic name with particles, and no part that
    is known, short, not ASCII letters, in capitals or CamelCase, or a regular derivation."""
    known = lexicon().known
    if not _suspect(word, known):
        return ()
    parts = _segments(word, known)
    if len(parts) > 1 and any(w.lower() in ARABIC_PARTICLES for _, w in parts):
        return ()
    if len(parts) > 1 and "".join(w for _, w in parts).lower() in known:
        return ()  # a word hyphenated at a line end and joined again: 'col-umns'
    return tuple((offset, part) for offset, part in parts if _open_word(part, known))


def _open_word(word: str, known: frozenset[str]) -> bool:
    low = word.lower()
    return (
        len(word) >= MIN_LENGTH
        and low not in known
        and word.isascii()
        and word.isalpha()
        and not any(ch.isupper() for ch in word[1:])  # an acronym or a CamelCase name
        and not regular(low)
    )


def _open_tokens(text: str) -> list[tuple[int, str]]:
    """(start, token) of the tokens that may hide a non-word (that have _open_parts), read
    line by line (no token spans a line break), each distinct line once (see ``by_text``)."""
    out: list[tuple[int, str]] = []
    at = 0
    for line in text.split("\n"):
        if line:
            out += [(at + start, word) for start, word in _line_tokens(line)]
        at += len(line) + 1
    return out


@by_text
def _line_tokens(line: str) -> tuple[tuple[int, str], ...]:
    words = {w for w in set(WORD_RE.findall(line)).difference(lexicon().known) if _open_parts(w)}
    if not words:
        return ()
    found = [(m.start(), m.group()) for m in WORD_RE.finditer(line) if m.group() in words]
    if "<" in line or "&" in line:  # HTML left in scraped text: tags and entities are not prose
        markup = tag_spans(line) + [m.span() for m in ENTITY.finditer(line)]
        found = [(at, w) for at, w in found if not any(s <= at < e for s, e in markup)]
    return tuple(found)


def _notation(text: str, start: int, end: int, markup: SpanIndex | None = None) -> bool:
    """Is the token glued to a look-alike symbol (SP002's) or written as code or linguistic
    notation ('mpoint(TU)', '-i/ka', 'x_max'), or part of a word broken at a line end ('anoth-',
    'in- terest') or by an invisible character? An HTML tag beside it counts as a space."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if markup:
        before = " " if start and markup.overlaps(start - 1, start) else before
        after = " " if end < len(text) and markup.overlaps(end, end + 1) else after
    if before in _LOOKALIKE_SYMBOLS or after in _LOOKALIKE_SYMBOLS:
        return True
    if before in _CODE_MARKS or after in _CODE_MARKS or after == "(":
        return True
    if before in _INVISIBLE or after in _INVISIBLE:
        return True  # half of a word split by a soft hyphen or zero-width space
    if before == "-" and not (start > 1 and text[start - 2].isalpha()):
        return True
    if after == "-" and (end + 1 >= len(text) or text[end + 1].isspace()):
        return True
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < start - 1 and i > 0 and text[i] == "-" and text[i - 1].isalpha()  # 'in- terest'


def _cut_short(text: str, end: int, word: str) -> bool:
    """Is the token the start of a word that an ellipsis cut short ('whi...more', a teaser)?"""
    if not text.startswith(("...", "…"), end):
        return False
    low = word.lower()
    words = _sorted_words()
    at = bisect.bisect_left(words, low)
    return at < len(words) and words[at].startswith(low)


@lru_cache(maxsize=1)
def _sorted_words() -> list[str]:
    """The known words in order (read only when a token ends at an ellipsis)."""
    return sorted(lexicon().known)


def _suggestion(word: str, candidates: list[Candidate], clear: bool) -> str:
    if not candidates:
        return "; no close word found"
    names = [f"'{match_case(word, c.word)}'" for c in candidates[:3]]
    if clear:
        return f"; did you mean {names[0]}?"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"
    return f"; perhaps {listed}"


def _compound(word: str) -> float:
    """The Zipf value of the rarer half of the best split into two common words ('treebanks',
    'statechart'), 0 when there is none."""
    lex = lexicon()
    best = 0.0
    for i in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:i], word[i:]
        if head in lex.known and tail in lex.known:
            best = max(best, min(lex.zipf(head), lex.zipf(tail)))
    return best


def _own_score(word: str) -> float:
    """How plausible the word is as written, on the candidates' scale: a word wordfreq has
    seen, or a compound of two common words, may be a term no dictionary lists."""
    lex = lexicon()
    attested = lex.attested(word)
    compound = _compound(word)
    scores = [attested - ATTESTED_PENALTY] if attested else []
    if compound >= COMPOUND_ZIPF:
        scores.append(compound - COMPOUND_PENALTY)
    return max(scores, default=float("-inf"))


def _common_misspelling(word: str, best: Candidate) -> bool:
    """One edit from a word hundreds of times as common: 'goverment', 'recieve'."""
    lex = lexicon()
    return best.cost <= ONE_EDIT and lex.zipf(best.word) - lex.attested(word) >= MISSPELLING_GAP


def _judge(
    word: str, guard: _Protection, sentence_start: bool, seen: int
) -> tuple[list[Candidate], bool] | None:
    """The ranked corrections of an unprotected non-word and whether the best clearly wins;
    None when the word should stay silent."""
    low = word.lower()
    candidates = rerank(ranked(low), guard.boost)
    best = candidates[0] if candidates else None
    if seen >= 2 and not (
        best and best.cost <= REPEAT_COST and guard.occurrences(best.word) >= REPEAT_RATIO * seen
    ):
        return None  # a word used twice is a name or a term, unless a garbled copy of one
    own = _own_score(low)
    plausible = own > float("-inf") and (best is None or best.score < own + OWN_MARGIN)
    if plausible and not (best and _common_misspelling(low, best)):
        return None  # a plausible term with no clearly better reading
    runner_up = candidates[1].score if len(candidates) > 1 else float("-inf")
    clear = (
        best is not None and best.score >= CLEAR_SCORE and best.score - runner_up >= CLEAR_MARGIN
    )
    if sentence_start and not (
        clear
        and best.cost <= SENTENCE_START_COST
        and lexicon().zipf(best.word) >= SENTENCE_START_ZIPF
    ):
        return None  # a capitalised word opening a sentence is likelier a name
    return candidates, clear


@rule(
    id="SP001",
    name="non-word",
    category="spelling",
    severity="warning",
    message="'{match}' is not a known word{suggestion}",
    rationale="""OCR and hurried typing leave non-words ('The statement rrads that'). The
    correction is ranked by OCR confusions (rn/m, cl/d, e/r...), word frequency and the words
    of the document and corpus; it is applied only when it clearly beats the others. Names are
    not errors: capitalised words inside a sentence, words used twice in the document or
    corpus, places, Arabic names with particles, acronyms and words alone on a line (site
    names) are left alone, as are words in the user's dictionaries. A document that is not
    in English is not checked.""",
    fails=[
        (
            "The statement reads in full: Iraq welcomed them. The statement ⟦rrads⟧ that Iraq...",
            "The statement reads in full: Iraq welcomed them. The statement reads that Iraq...",
        ),
        "A statement ⟦rrads⟧ that Iraq welcomed them.",
        ("⟦Tbe⟧ army said it had withdrawn.", "The army said it had withdrawn."),
        ("the ⟦goverment⟧ said", "the government said"),
        ("officials at the police-⟦eourt⟧ said", "officials at the police-court said"),
        ("⟦Tbe⟧ commander's ⟦staternent⟧ was read out.", "The commander's statement was read out."),
        "The convoy ⟦xqzvt⟧ stopped.",
        '<p class="lede">A statement ⟦rrads⟧ that Iraq welcomed them.</p>',
        "He said the statement <b>⟦rrads⟧</b> that Iraq welcomed them.",
        "A statement ⟦rrads⟧... that Iraq welcomed them.",
    ],
    passes=[
        "The statement reads that Iraq welcomed them.",
        "Troops from Jableh and Sednaya met Khalhalala in Quneitra, Hermel and Latakia.",
        "Abu Mohammed al-Jawlani and Ahmed al-Sharaa spoke; Araghchi and Hochstein replied.",
        "Rahmoun said. Kharfan said. Hochstein agreed. Hochstein left.",
        "top of page\nleksol\n\nSyrian President Bashar al-Assad Flees Damascus",
        "AFPTV showed BREM-1 and T-55 tanks; the Telegraph reported it.",
        "Shelling hit Kharkiv, Zaporizhzhia and Mykolaiv; Omdurman and El Fasher in Darfur.",
        "Hemedti met envoys in Naypyidaw; the Tatmadaw shelled Sagaing.",
        "JNIM fighters left Ouagadougou for Timbuktu and Ménaka.",
        "Contact press@example.org or visit https://example.org/rrads today.",
        "The colour of the organisation's defence was realised.",
        "the jihadists said",
        "Joonas said the talks had failed.",
        "Il black Friday incombe su di noi: per chi non lo sapesse, negozi e consumi.",
        "O calendário é composto por 36 corridas. Modellino della macchina del tempo.\n\n"
        "Eugênio: Por sua causa, Carlos. Daquele famoso vídeo em que apresentei o Rodapião, "
        "uma casa de campo que ficou famosa no país inteiro e que muitos ainda visitam.",
        "The automaker isn ‘t slowing down.",
        '<div class="sah">\nSEE ALSO\n</div>\n<input type="hidden" name="entqr" value="0" />',
        "Fans were looking to register thei...\nGemini: During the early mor...\nMore",
        "He throws a we'll-just-punt-if-this-doesn't-work pass.",
        "They write syndicated newspaper col-umns every week.",
    ],
    fix="unsafe",
    phase="chars",
    corpus=("vocabulary",),
)
def non_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    text = doc.text
    found = _open_tokens(text)
    if not found or not english(doc):
        return
    guard = _Protection(doc, ctx)
    starts = doc.sentence_starts
    for start, word in found:
        end = start + len(word)
        if word[0].isupper() and start not in starts and "-" not in word:
            continue  # a capitalised word inside a sentence: a name
        if _notation(text, start, end, doc.markup) or _cut_short(text, end, word):
            continue
        if text.startswith(_SPLIT_CLITIC, end) and f"{word.lower()}'t" in lexicon().known:
            continue  # a contraction split by a space ("isn 't"): PU's, not a misspelling
        if doc.urls and doc.urls.overlaps(start, end):
            continue
        for offset, part in _open_parts(word):
            hit = _check_part(doc, start, word, start + offset, part, guard)
            if hit:
                yield hit


def _suspect(word: str, known: frozenset[str]) -> bool:
    """Could this token text be a non-word? (Numbers, codes and look-alikes are SP002's.)"""
    low = word.lower().replace("’", "'")
    return low not in known and not any(ch.isdigit() for ch in word)


def _check_part(
    doc: Document, token_start: int, token: str, start: int, word: str, guard: _Protection
) -> Hit | None:
    """The finding for one open part of a token, if what surrounds it does not clear it."""
    sentence_start = start in doc.sentence_starts
    if word[0].isupper() and not sentence_start:
        return None  # a capitalised word inside a sentence: a name
    if (
        guard.alone_on_line(token_start, token)
        or guard.foreign(start)
        or guard.listed(word)
        or _place(word)  # the slowest check, but for the corrections
    ):
        return None
    low, folded = word.lower(), token.casefold()
    if guard.repeated(low, folded) and not any(c.cost <= REPEAT_COST for c in ranked(low)):
        return None  # used twice (as _judge counts) and no cheap edit away from a word
    seen = max(guard.occurrences(low), guard.occurrences(folded))
    verdict = _judge(word, guard, sentence_start, seen)
    if verdict is None:
        return None
    candidates, clear = verdict
    end = start + len(word)
    fix = None
    if candidates:
        best = match_case(word, candidates[0].word)
        applicability = Applicability.UNSAFE if clear else Applicability.DISPLAY
        fix = Fix.replace(start, end, best, f"Replace with '{best}'", applicability)
    return Hit(start, end, {"suggestion": _suggestion(word, candidates, clear)}, fix)


def _readings(token: str) -> Iterator[str]:
    """Every reading of ``token`` with its look-alike digits and symbols taken as letters."""
    options = [_LOOKALIKES.get(ch, ch) for ch in token]
    for letters in itertools.product(*options):
        yield "".join(letters)


def _restore_case(token: str, reading: str, sentence_start: bool) -> str:
    """The reading with the token's letter case; a look-alike first letter is capitalised
    only at a sentence start."""
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return reading.upper()
    out = []
    for i, (old, new) in enumerate(zip(token, reading, strict=True)):
        if old.isalpha():
            out.append(old)
        elif i == 0 and sentence_start:
            out.append(new.upper())
        else:
            out.append(new)
    return "".join(out)


@lru_cache(maxsize=WORD_MEMO)
def _lookalike_reading(token: str) -> str | None:
    """The commonest known word the token reads as, if it is one letter-like slip away."""
    letters = sum(ch.isalpha() for ch in token)
    odd = [ch for ch in token if not ch.isalpha()]
    if letters < 3 or not 0 < len(odd) <= 3 or any(ch not in _LOOKALIKES for ch in odd):
        return None
    lex = lexicon()
    readings = {r for r in _readings(token.lower()) if r in lex.known and lex.zipf(r) >= 2.0}
    return max(readings, key=lex.zipf) if readings else None


@rule(
    id="SP002",
    name="lookalike-characters",
    category="spelling",
    severity="warning",
    message="'{match}' mixes letters with the look-alike {chars}; read '{reading}'",
    rationale="""OCR reads letters as the digits and symbols that look like them: 'Journa1ists',
    '0fficials', 'g0vernment'. A word that becomes a common English word when its look-alikes
    are read as letters is reported and corrected; model names, units and ordinals ('T-55',
    '10am', '21st', 'COVID-19') are not.""",
    fails=[
        ("⟦Journa1ists⟧ were detained.", "Journalists were detained."),
        ("⟦0fficials⟧ said the ⟦g0vernment⟧ fell.", "Officials said the government fell."),
        ("the ⟦0fficials⟧ and ⟦Journa|ists⟧ left", "the officials and Journalists left"),
    ],
    passes=[
        "At 10am, 5km away, T-55 and BREM-1 units from the 21st brigade moved.",
        "COVID-19 cases rose in the 1990s; the F-16 and MiG-29 flew at 5pm.",
        "2 views0 comments",
        "Win10 and H5N1 and 100mph.",
        "Go Kentucky! YES!Really.",
    ],
    fix="unsafe",
    phase="chars",
    corpus=("vocabulary",),
)
def lookalike_characters(doc: Document, ctx: Context) -> Iterator[Hit]:
    for start, end in _mixed_words(doc.text):
        token = doc.text[start:end]
        if doc.urls and doc.urls.overlaps(start, end):
            continue
        reading = _lookalike_reading(token)
        if reading is None:
            continue
        fixed = _restore_case(token, reading, start in doc.sentence_starts)
        chars = ", ".join(f"'{ch}'" for ch in dict.fromkeys(ch for ch in token if not ch.isalpha()))
        yield Hit(
            start,
            end,
            {"chars": chars, "reading": fixed},
            Fix.replace(start, end, fixed, f"Replace with '{fixed}'", Applicability.UNSAFE),
        )


def _mixed_words(text: str) -> Iterator[tuple[int, int]]:
    """Spans of words mixing letters with digits or look-alike symbols (inside the word)."""
    done = -1
    for m in _GLUED_ODD.finditer(text):
        if m.start() < done:
            continue
        start, end = m.start(), m.end()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _LOOKALIKE_SYMBOLS):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in _LOOKALIKE_SYMBOLS):
            end += 1
        done = end
        while start < end and text[start] in _LOOKALIKE_SYMBOLS:
            start += 1
        while end > start and text[end - 1] in _LOOKALIKE_SYMBOLS:
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            yield start, end
