"""The English lexicon: pyspellchecker's dictionary and wordfreq's frequencies, loaded once."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path

from .. import usercache

# Words that wordfreq rates at least this common (Zipf scale) count as known even when
# pyspellchecker's American dictionary lacks them: British spellings, recent coinages.
KNOWN_ZIPF = 3.3
# Zipf value given to dictionary words that wordfreq does not list.
FLOOR_ZIPF = 1.0
# Candidates below this Zipf value are not searched at edit distance 2.
DISTANCE_TWO_ZIPF = 2.5
CACHE_FORMAT = 1  # of the file that keeps the lexicon's words (see load())


def _per_billion(zipf: float) -> float:
    return 10 ** (zipf - 9)


class Lexicon:
    """Known words (casefolded) and their frequencies on the Zipf scale (log10 per 10⁹ words);
    the frequencies are read when first needed."""

    def __init__(self, known: frozenset[str], by_length: dict[int, list[str]]) -> None:
        self.known = known
        self.by_length = by_length  # corrections searched at edit distance 2 (corrections())

    @cached_property
    def frequencies(self) -> dict[str, float]:
        return frequencies()

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


def frequencies() -> dict[str, float]:
    """wordfreq's English frequencies: the very dictionary wordfreq keeps for its own lookups
    (``zipf_frequency(word, "en")``), so that it is read once however it is asked for."""
    import wordfreq

    return wordfreq.get_frequency_dict("en", "best")


def known_words(dictionary: Iterable[str], frequent: dict[str, float]) -> frozenset[str]:
    """The words of ``dictionary`` and those of ``frequent`` at least KNOWN_ZIPF common, when
    they are letters (and apostrophes)."""
    common = _per_billion(KNOWN_ZIPF)
    words = set(dictionary) | {w for w, f in frequent.items() if f >= common}
    return frozenset(w for w in words if w.replace("'", "").isalpha())


def corrections(known: frozenset[str], frequent: dict[str, float]) -> dict[int, list[str]]:
    """Known words without apostrophes, common enough to be corrections, by length."""
    common = _per_billion(DISTANCE_TWO_ZIPF)
    out: dict[int, list[str]] = {}
    for word in sorted(known.intersection(w for w, f in frequent.items() if f >= common)):
        if word.isalpha():
            out.setdefault(len(word), []).append(word)
    return out


def _cache_file() -> Path:
    thresholds = f"{KNOWN_ZIPF}-{DISTANCE_TWO_ZIPF}"
    stamp = f"{version('pyspellchecker')}-{version('wordfreq')}-{thresholds}-{CACHE_FORMAT}"
    return usercache.folder() / f"lexicon-{stamp}.marshal"


def load(cache: Path) -> Lexicon:
    """The lexicon whose words ``cache`` keeps (each list of words as one string); built from
    pyspellchecker and wordfreq (about half a second) and written there when the file is
    missing or unreadable."""
    known, by_length = usercache.kept(cache, _is_stored, _stored)
    return Lexicon(
        frozenset(known.split("\n")), {n: words.split("\n") for n, words in by_length.items()}
    )


def _stored() -> tuple[str, dict[int, str]]:
    from spellchecker import SpellChecker

    frequent = frequencies()
    known = known_words(SpellChecker(language="en").word_frequency.dictionary, frequent)
    by_length = corrections(known, frequent)
    return "\n".join(sorted(known)), {n: "\n".join(words) for n, words in by_length.items()}


def _is_stored(data: object) -> bool:
    return (
        isinstance(data, tuple)
        and len(data) == 2
        and isinstance(data[0], str)
        and isinstance(data[1], dict)
        and all(isinstance(words, str) for words in data[1].values())
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The English lexicon, loaded on first use and kept; its words are built once and then
    read back from the user's cache folder, several times faster."""
    return load(_cache_file())
