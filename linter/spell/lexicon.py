"""The English lexicon: pyspellchecker's dictionary and wordfreq's frequencies, loaded once."""

from __future__ import annotations

import math
from functools import cached_property, lru_cache

# Words that wordfreq rates at least this common (Zipf scale) count as known even when
# pyspellchecker's American dictionary lacks them: British spellings, recent coinages.
KNOWN_ZIPF = 3.3
# Zipf value given to dictionary words that wordfreq does not list.
FLOOR_ZIPF = 1.0
# Candidates below this Zipf value are not searched at edit distance 2.
DISTANCE_TWO_ZIPF = 2.5


def _per_billion(zipf: float) -> float:
    return 10 ** (zipf - 9)


class Lexicon:
    """Known words (casefolded) and their frequencies on the Zipf scale (log10 per 10⁹ words)."""

    def __init__(self, dictionary: set[str], frequencies: dict[str, float]) -> None:
        self.frequencies = frequencies
        common = _per_billion(KNOWN_ZIPF)
        words = dictionary | {w for w, f in frequencies.items() if f >= common}
        self.known = frozenset(w for w in words if w.replace("'", "").isalpha())

    def zipf(self, word: str) -> float:
        """How common ``word`` is: its Zipf value, FLOOR_ZIPF for a known word wordfreq lacks,
        0 for an unknown word."""
        f = self.frequencies.get(word)
        if f:
            return math.log10(f) + 9
        return FLOOR_ZIPF if word in self.known else 0.0

    def attested(self, word: str) -> float:
        """wordfreq's Zipf value for any word (0 when wordfreq never saw it)."""
        f = self.frequencies.get(word)
        return math.log10(f) + 9 if f else 0.0

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        """Known words without apostrophes, common enough to be corrections, by length."""
        common = _per_billion(DISTANCE_TWO_ZIPF)
        out: dict[int, list[str]] = {}
        for word in self.known:
            if self.frequencies.get(word, 0.0) >= common and word.isalpha():
                out.setdefault(len(word), []).append(word)
        return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The English lexicon, loaded on first use (about a second) and kept."""
    import wordfreq
    from spellchecker import SpellChecker

    dictionary = set(SpellChecker(language="en").word_frequency.dictionary)
    return Lexicon(dictionary, wordfreq.get_frequency_dict("en", wordlist="large"))
