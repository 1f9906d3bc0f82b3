"""TL: one name spelled several ways in one document (transliteration variants)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex
from wordfreq import zipf_frequency

from .. import gazetteer
from ..document import Document
from ..engine import Context
from ..model import Applicability, Fix
from ..registry import Hit, rule
from ..textutil import match_case
from ..translit import (
    Mention,
    bare,
    buckets,
    canonical_form,
    cluster_names,
    english,
    known_same,
    name_key,
    name_mentions,
    plain,
    same_name,
)

_TOKEN = regex.compile(r"\S+")


@dataclass
class _Spelling:
    """One spelling of a name (article use aside: "al-Assad" and "Assad" are one spelling)."""

    forms: dict[str, list[Mention]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(ms) for ms in self.forms.values())

    @property
    def last(self) -> int:
        return max(m.start for ms in self.forms.values() for m in ms)

    def has(self, form: str) -> bool:
        return any(bare(form) == bare(f) for f in self.forms)

    def form_for(self, source: str) -> str:
        """The form to offer for ``source``: same article use and initial case, then the most
        used, then the latest."""

        def rank(form: str) -> tuple[bool, bool, int, int]:
            ms = self.forms[form]
            article = (plain(form) != bare(form)) == (plain(source) != bare(source))
            return article, form[:1].islower() == source[:1].islower(), len(ms), ms[-1].start

        return max(self.forms, key=rank)


def _one_person(a: str, b: str, full_names: dict[str, set[str]]) -> bool:
    """May two one-word spellings be one name? Only if the document does not introduce them
    with different full names (Ehud Barak, Barack Obama), and, when it introduces neither, if
    the names data or GeoNames says so: lone words are too often different names (Richie,
    Ritchie) or words that are not names at all."""
    fa, fb = full_names.get(bare(a), set()), full_names.get(bare(b), set())
    if fa and fb:
        return any(same_name(x, y) for x in fa for y in fb)
    return bool(fa or fb) or known_same(a, b) is True


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _house_style(spellings: list[_Spelling], ctx: Context) -> tuple[_Spelling | None, str] | None:
    """The spelling ``preferred-spellings`` asks for (``None``: the document lacks it), and
    the form to write."""
    table = {plain(k): v for k, v in ctx.config.preferred_spellings.items()}
    wanted = {plain(v) for v in table.values()}
    for s in spellings:
        for form in s.forms:
            if plain(form) in wanted:
                return s, form
    for s in spellings:
        for form in s.forms:
            if plain(form) in table:
                target = table[plain(form)]
                return next((t for t in spellings if t.has(target)), None), target
    return None


def _words(form: str) -> set[str]:
    return {bare(w) for w in _TOKEN.findall(form)}


def _tie_break(tied: list[_Spelling], words: Counter[str]) -> tuple[_Spelling, str]:
    """Among equally used spellings: the names data's canonical form, the GeoNames name, the
    spelling whose distinctive words the document also uses in other names ("al-Jolani" in
    "Abu Mohammed al-Jolani"), the only one whose words are all in the word frequency list
    (Magnus, not Maguns), else the later one."""
    for s in tied:
        for form in s.forms:
            canonical = canonical_form(form)
            owner = next((t for t in tied if canonical and t.has(canonical)), None)
            if owner:
                return owner, "usual spelling (names list)"
    for s in tied:
        for form in s.forms:
            if any(gazetteer.fold(p.name) == gazetteer.fold(form) for p in gazetteer.lookup(form)):
                return s, "GeoNames spelling"

    def elsewhere(s: _Spelling) -> int:
        own = Counter(w for f, ms in s.forms.items() for w in _words(f) for _ in ms)
        others = set().union(*(_words(f) for t in tied if t is not s for f in t.forms))
        return sum(words[w] - own[w] for w in own if w not in others)

    support = sorted((elsewhere(s) for s in tied), reverse=True)
    if support[0] > support[1]:
        return max(tied, key=elsewhere), "spelling also used in other names"
    known = [s for s in tied if _in_word_list(s, tied)]
    if len(known) == 1:
        return known[0], "spelling found in the word list (the other looks like a typo)"
    return max(tied, key=lambda s: s.last), "later spelling"


def _in_word_list(spelling: _Spelling, tied: list[_Spelling]) -> bool:
    """Are all the words that set this spelling apart in the word frequency list?"""
    others = set().union(*(_words(f) for t in tied if t is not spelling for f in t.forms))
    own = {w for f in spelling.forms for w in _words(f)} - others
    return all(zipf_frequency(w, "en") > 0 for w in own)


def _choose(
    spellings: list[_Spelling], words: Counter[str], ctx: Context
) -> tuple[_Spelling | None, str | None, str]:
    """The spelling to keep (``None``: a house-style form the document lacks), the form to write
    (``None``: chosen per occurrence) and the evidence for the message."""
    house = _house_style(spellings, ctx)
    if house:
        keep, form = house
        used = f" and {_times(keep.count)} in this document" if keep else ""
        return keep, form, f"in the house style (preferred-spellings){used}"
    top = max(s.count for s in spellings)
    tied = [s for s in spellings if s.count == top]
    if len(tied) == 1:
        return tied[0], None, f"{_times(top)} in this document"
    keep, reason = _tie_break(tied, words)
    return keep, None, f"{_times(top)} in this document; at a tie the {reason} is kept"


def _written(source: str, target: str) -> str:
    """``target`` with the initial case of ``source`` ("Al-Jolani" at a sentence start)."""
    if source[:1].islower() and target[:1].isupper() and "-" in target:
        return target[:1].lower() + target[1:]
    return match_case(source, target)


def _edit(mention: Mention, target: str) -> tuple[int, int, str]:
    """The smallest whole-word edit turning ``mention`` into ``target``."""
    source = list(_TOKEN.finditer(mention.text))
    words = target.split()
    if len(source) != len(words):
        return mention.start, mention.end, target
    differ = [i for i, (s, w) in enumerate(zip(source, words, strict=True)) if s.group() != w]
    first, last = differ[0], differ[-1]
    start, end = mention.start + source[first].start(), mention.start + source[last].end()
    return start, end, " ".join(words[first : last + 1])


@rule(
    id="TL001",
    name="name-spelling-variant",
    category="transliteration",
    severity="warning",
    message="'{variant}' is spelled '{preferred}' {evidence}",
    rationale="""Names transliterated from Arabic, Russian, Ukrainian or Burmese reach English in
    several spellings, and a translated or edited article often mixes them: "Hayat Tahir al-Sham"
    beside "Hayat Tahrir al-Sham". Readers then wonder whether there are two people or groups,
    and searches miss half the mentions. Names are clustered by a transliteration-aware key
    (diacritics, articles, vowels and doubled letters folded); people who share a family name
    (Bashar, Hafez and Asma al-Assad), different given names with one skeleton (Hassan and
    Hussein) and different places (Iraq and Iran, Niger and Nigeria, Hama and Homs) are never
    merged. The fix offers the house style (preferred-spellings) or the spelling used most often;
    at a tie, the canonical spelling from the names data, the GeoNames name, the spelling whose
    words the document also uses in other names, the one whose words are in the word list, or
    else the later one.""",
    fails=[
        (
            "The group ⟦Hayat Tahir al-Sham⟧ (HTS) took Homs. Hayat Tahrir al-Sham grew out of "
            "al-Qaeda. Fighters of Hayat Tahrir al-Sham entered the city.",
            "The group Hayat Tahrir al-Sham (HTS) took Homs. Hayat Tahrir al-Sham grew out of "
            "al-Qaeda. Fighters of Hayat Tahrir al-Sham entered the city.",
        ),
        (
            "The city was liberated, commander ⟦Hassan Abdul Ghani⟧ announced. Later one of the "
            "commanders, Hassan Abdel Ghani, said they were advancing. Ghani said more.",
            "The city was liberated, commander Hassan Abdel Ghani announced. Later one of the "
            "commanders, Hassan Abdel Ghani, said they were advancing. Ghani said more.",
        ),
        (
            "Ukrainian President Volodymyr Zelensky met envoys. Zelensky said talks would go on, "
            "and Zelensky thanked allies. ⟦Zelenskyy⟧ later flew to Brussels.",
            "Ukrainian President Volodymyr Zelensky met envoys. Zelensky said talks would go on, "
            "and Zelensky thanked allies. Zelensky later flew to Brussels.",
        ),
        (
            "The RSF, led by Mohamed Hamdan Dagalo, known as Hemedti, fought the army. Hemedti's "
            "men held Khartoum, and ⟦Hemeti⟧ said he would not negotiate.",
            "The RSF, led by Mohamed Hamdan Dagalo, known as Hemedti, fought the army. Hemedti's "
            "men held Khartoum, and Hemedti said he would not negotiate.",
        ),
        (
            "HTS leader Abu Mohammed al-Jolani spoke, and ⟦al-Jawlani⟧ promised elections. "
            "Al-Jolani said the city was free.",
            "HTS leader Abu Mohammed al-Jolani spoke, and al-Jolani promised elections. "
            "Al-Jolani said the city was free.",
        ),
        (
            "Aung San Suu Kyi was detained in Naypyidaw. Aung San Suu Kyi denied the charges, "
            "and ⟦Aung San Su Kyi⟧ was sentenced in December.",
            "Aung San Suu Kyi was detained in Naypyidaw. Aung San Suu Kyi denied the charges, "
            "and Aung San Suu Kyi was sentenced in December.",
        ),
        (
            "Rebels took ⟦Deraa⟧ on Friday. In Daraa, residents celebrated, and the Daraa "
            "countryside was quiet.",
            "Rebels took Daraa on Friday. In Daraa, residents celebrated, and the Daraa "
            "countryside was quiet.",
        ),
    ],
    passes=[
        "Syrian President Bashar al-Assad succeeded his father Hafez al-Assad in 2000; his wife "
        "Asma al-Assad fled with him. Assad has not been seen since, and al-Assad's office said "
        "nothing.",
        "Soldiers crossed from Syria into Iraq, while Iran denied it. Iraqi and Iranian officials "
        "met in Baghdad.",
        "Niger and Nigeria closed their border; Sudan and South Sudan talked, as did Guinea and "
        "Guinea-Bissau. Austria and Australia sent aid.",
        "Rebels took Hama and then Homs. Hama fell first.",
        "President Volodymyr Zelensky and his wife Olena Zelenska visited Kyiv. Zelensky spoke; "
        "Zelenska stayed.",
        "General Abdel Fattah al-Burhan leads the army; Mohamed Hamdan Dagalo, known as Hemedti, "
        "leads the RSF. Burhan and Dagalo met in Jeddah.",
        "Min Aung Hlaing detained Aung San Suu Kyi in Naypyidaw.",
        "Assimi Goïta of Mali, Ibrahim Traoré of Burkina Faso and Abdourahamane Tiani of Niger "
        "met in Niamey. Goïta and Traoré left early.",
        "Hassan Nasrallah spoke in Beirut. Hussein Nasrallah, a cousin, was not there. Mohammed "
        "Abbas and Mahmoud Abbas are not related.",
        "Sergei Lavrov met Hakan Fidan and Abbas Araghchi in Doha; Geir Pedersen and Rami Abdel "
        "Rahman were quoted, as were Mohammed al-Rahmoun and Kharfan Mansour.",
    ],
    fix="unsafe",
    phase="words",
)
def name_spelling_variant(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not english(doc):
        return
    by_form: dict[str, list[Mention]] = {}
    words: Counter[str] = Counter()
    for mention in name_mentions(doc):
        by_form.setdefault(mention.text, []).append(mention)
        words.update(_words(mention.text))
    full_names: dict[str, set[str]] = {}
    for mentions in by_form.values():
        for full in {m.full for m in mentions if len(m.full.split()) > 1}:
            for word in _words(full):
                full_names.setdefault(word, set()).add(full)

    def match(a: str, b: str) -> bool:
        if not same_name(a, b):
            return False
        if len(a.split()) > 1 or len(b.split()) > 1:
            return True
        return _one_person(a, b, full_names)

    for cluster in cluster_names(by_form, match):
        groups: dict[str, _Spelling] = {}
        for form in cluster:
            groups.setdefault(bare(form), _Spelling()).forms[form] = by_form[form]
        if len(groups) < 2:
            continue
        spellings = list(groups.values())
        keep, written, evidence = _choose(spellings, words, ctx)
        for spelling in spellings:
            if spelling is keep:
                continue
            for form, mentions in spelling.forms.items():
                target = written or keep.form_for(form)
                if spelling.has(target):
                    continue
                for mention in mentions:
                    preferred = _written(mention.text, target)
                    start, end, replacement = _edit(mention, preferred)
                    fix = Fix.replace(
                        start, end, replacement, f"Write '{preferred}'", Applicability.UNSAFE
                    )
                    args = {"variant": form, "preferred": target, "evidence": evidence}
                    yield Hit(mention.start, mention.end, args, fix)


# -- across the linted set --------------------------------------------------------------------
# The index of the statistics last seen: (their name counts, their size, the index). The counts
# themselves are kept, so that an identity check cannot meet a recycled object id.
_INDEX: list[tuple[Counter[str], int, dict[str, list[str]]]] = []


def _corpus_index(names: Counter[str]) -> dict[str, list[str]]:
    """Bucket → corpus spellings, built once per set of statistics."""
    if _INDEX and _INDEX[0][0] is names and _INDEX[0][1] == len(names):
        return _INDEX[0][2]
    index: dict[str, list[str]] = {}
    for form in names:
        for bucket in buckets(name_key(form)):
            index.setdefault(bucket, []).append(form)
    _INDEX[:] = [(names, len(names), index)]
    return index


def _documents(n: int) -> str:
    return "1 document" if n == 1 else f"{n} documents"


@rule(
    id="TL002",
    name="name-spelling-variant-across-documents",
    category="transliteration",
    severity="info",
    message="'{variant}' is written '{other}' in {others} of the linted set "
    "('{variant}': {own}); {verdict}",
    rationale="""An archive or a feed should spell one person one way: "al-Jolani" in thirty
    articles and "al-Jawlani" in one splits every search and every count. The spellings of
    multi-word names are counted over all documents checked together (or a saved corpus profile)
    and compared with the same transliteration-aware matching as within a document. A spelling
    used in fewer documents than another gets the more common one as its fix; when the corpus is
    split evenly, every spelling is reported and the fix goes to the house style, the names list's
    canonical form, or else is left to the reader. Spellings that a document itself mixes are
    left to TL001.""",
    fails=[
        {
            "text": "Russian Foreign Minister ⟦Sergey Lavrov⟧ spoke in Doha.",
            "fixed": "Russian Foreign Minister Sergei Lavrov spoke in Doha.",
            "corpus": [
                "Sergei Lavrov said the talks would go on.",
                "Foreign Minister Sergei Lavrov met Hakan Fidan.",
            ],
        },
        {
            "text": "HTS leader ⟦Abu Mohammed al-Jawlani⟧ spoke on Telegram.",
            "fixed": "HTS leader Abu Mohammed al-Jolani spoke on Telegram.",
            "corpus": ["The group's leader, Abu Mohammed al-Jolani, told followers to wait."],
        },
    ],
    passes=[
        {
            "text": "Sergei Lavrov spoke in Doha.",
            "corpus": ["Sergei Lavrov met Hakan Fidan.", "Sergei Lavrov said little."],
        },
        {
            "text": "Bashar al-Assad fled to Moscow.",
            "corpus": ["Hafez al-Assad ruled for thirty years.", "Asma al-Assad left too."],
        },
    ],
    fix="unsafe",
    phase="words",
    corpus=("names",),
)
def name_spelling_variant_across_documents(doc: Document, ctx: Context) -> Iterator[Hit]:
    stats = ctx.corpus
    if stats is None or not stats.names or not english(doc):
        return
    index = _corpus_index(stats.names)
    mentions: dict[str, list[Mention]] = {}
    for mention in name_mentions(doc):
        if " " in mention.text:
            mentions.setdefault(mention.text, []).append(mention)
    own_spellings = {bare(form) for form in mentions}
    house = {plain(k): v for k, v in ctx.config.preferred_spellings.items()}
    for form, found in mentions.items():
        rivals = {
            other
            for bucket in buckets(name_key(form))
            for other in index.get(bucket, ())
            if bare(other) not in own_spellings and same_name(form, other)
        }
        if not rivals:
            continue
        own = stats.names[form]
        best = max(rivals, key=lambda o: (stats.names[o], o))
        top = stats.names[best]
        if top < own:
            continue
        target, verdict = best, "the more common spelling is offered"
        if top == own:
            wanted = house.get(plain(form)) or canonical_form(form)
            choice = next((r for r in rivals if wanted and plain(r) == plain(wanted)), None)
            if wanted and plain(wanted) == plain(form):
                target, verdict = None, "the corpus is split; this is the usual spelling (kept)"
            elif choice:
                target, verdict = choice, "the corpus is split; the usual spelling is offered"
            else:
                target, verdict = None, "the corpus is split; choose one spelling"
        args = {
            "variant": form,
            "other": best,
            "others": _documents(top),
            "own": _documents(own),
            "verdict": verdict,
        }
        for mention in found:
            fix = None
            if target is not None:
                start, end, replacement = _edit(mention, _written(mention.text, target))
                fix = Fix.replace(
                    start, end, replacement, f"Write '{target}'", Applicability.UNSAFE
                )
            yield Hit(mention.start, mention.end, args, fix)
