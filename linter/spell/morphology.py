"""Regular words that no dictionary lists: British spellings, inflections and derivations of
known words ('predications', 'deaccented', 'linearizer', 'idiomaticity')."""

from __future__ import annotations

from functools import lru_cache

import regex
from breame.spelling import get_american_spelling

from .lexicon import lexicon

# Suffix → endings the stem may have had before it ('parsable' → 'parse', 'ities' → 'ity').
_SUFFIXES = (
    ("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ied", ("y",)), ("ed", ("", "e")),
    ("ing", ("", "e")), ("ly", ("", "le")), ("ally", ("",)), ("ness", ("",)), ("ity", ("", "e")),
    ("al", ("", "e")), ("ic", ("", "e")), ("izer", ("", "e", "ize")), ("iser", ("", "e", "ise")),
    ("ization", ("", "e", "ize")), ("isation", ("", "e", "ise")), ("ize", ("", "e")),
    ("ise", ("", "e")), ("able", ("", "e")), ("ible", ("", "e")), ("er", ("", "e")),
    ("ers", ("", "e")), ("hood", ("",)), ("ship", ("",)), ("less", ("",)), ("ment", ("",)),
    ("ism", ("", "e")), ("ist", ("", "e")), ("ation", ("", "e", "ate")), ("ative", ("", "e")),
)  # fmt: skip
_PREFIXES = (
    "anti auto bi co counter de dis extra hyper inter intra macro meta micro mis mono multi "
    "non out over poly post pre pseudo quasi re semi sub super trans tri un under"
).split()
# Stems must be at least this long and this common (Zipf) to carry an affix.
MIN_STEM = 4
MIN_STEM_ZIPF = 2.0
MAX_AFFIXES = 3
_VOWELS = frozenset("aeiou")


def _stem_ok(stem: str) -> bool:
    lex = lexicon()
    return len(stem) >= MIN_STEM and stem in lex.known and lex.zipf(stem) >= MIN_STEM_ZIPF


def _british(word: str) -> bool:
    american = get_american_spelling(word)
    return american != word and american in lexicon().known


def regular(word: str) -> bool:
    """Is the casefolded ``word`` a British spelling of a known word, or a known word with up
    to three affixes (prefixes, inflections, derivational suffixes)?"""
    return _british(word) or _derived(word, MAX_AFFIXES)


def _doubled(base: str) -> bool:
    """Does ``base`` end in a consonant doubled after a single vowel ('stopp', 'modell')?"""
    return (
        len(base) > 3
        and base[-1] == base[-2]
        and base[-1] not in _VOWELS
        and base[-3] in _VOWELS
        and base[-4] not in _VOWELS
    )


def _needs_doubling(stem: str) -> bool:
    """A one-syllable stem ending consonant-vowel-consonant doubles its last letter before a
    vowel: 'stop' → 'stopped', 'run' → 'running'."""
    groups = len(regex.findall(r"[aeiou]+", stem))
    return (
        groups == 1
        and len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-1] not in "wxy"
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
    )


def _base(word: str, depth: int) -> bool:
    return _stem_ok(word) or _british(word) or (depth > 0 and _derived(word, depth))


@lru_cache(maxsize=65536)
def _derived(word: str, depth: int) -> bool:
    """``word`` is a stem with at most ``depth`` affixes."""
    for suffix, endings in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            bare = suffix[0] not in "aeiy" or not _needs_doubling(base)  # 'stoped' ≠ 'stop'
            stems = [base + e for e in endings if e or bare]
            if _doubled(base) and suffix[0] in "aeiy":
                stems.append(base[:-1])  # a doubled consonant: 'stopped', 'modelled'
            if any(_base(s, depth - 1) for s in stems if len(s) >= MIN_STEM):
                return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_STEM and _base(rest, depth - 1):
            return True
    return False
