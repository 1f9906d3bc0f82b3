"""Correction candidates for a non-word, ranked by a noisy-channel score: how common the
candidate is (wordfreq, the document, the corpus) minus the weighted cost of the edits that
would turn it into what was written, with cheap OCR confusions (rn↔m, cl↔d, e↔c...)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .lexicon import lexicon

# Character confusions of OCR engines; each costs one cheap edit, in either direction.
OCR_CONFUSIONS = (
    ("rn", "m"), ("cl", "d"), ("li", "h"), ("e", "c"), ("e", "r"), ("h", "b"), ("ri", "n"),
    ("u", "n"), ("vv", "w"), ("1", "l"), ("1", "i"), ("l", "i"), ("0", "o"), ("5", "s"),
    ("ii", "u"), ("in", "m"), ("f", "t"), ("c", "o"), ("l", "t"), ("i", "t"), ("n", "h"),
)  # fmt: skip
_PAIRS = frozenset(OCR_CONFUSIONS) | frozenset((b, a) for a, b in OCR_CONFUSIONS)
_LONG_PAIRS = tuple(p for p in _PAIRS if len(p[0]) + len(p[1]) > 2)
_PHONETIC = frozenset(frozenset(p) for p in ("cs", "sz", "ck", "kq", "gj", "ct", "fv", "mn"))
_VOWELS = frozenset("aeiouy")
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (row, col) for row, keys in enumerate(_KEYBOARD) for col, c in enumerate(keys)}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Costs:
    """Edit costs (in edits) and the Zipf points one edit is worth, tuned on misspelling and
    OCR development sets (see docs/accuracy.md)."""

    ocr = 0.5
    transpose = 0.45
    double = 0.2
    vowel = 0.78
    keyboard = 1.03
    phonetic = 0.76
    substitute = 1.57
    delete = 1.1
    vowel_delete = 0.73
    zipf_per_edit = 3.15


# Search two edits away only when the best candidate one edit away scores below this.
DISTANCE_TWO_BELOW = 2.0


class Candidate(NamedTuple):
    word: str
    score: float
    cost: float


def _adjacent(a: str, b: str) -> bool:
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (r1, c1), (r2, c2) = _KEY_AT[a], _KEY_AT[b]
    return abs(r1 - r2) <= 1 and abs(c1 - c2) <= 1


@lru_cache(maxsize=4096)
def _substitution(a: str, b: str) -> float:
    if (a, b) in _PAIRS:
        return Costs.ocr
    if a in _VOWELS and b in _VOWELS:
        return Costs.vowel
    if frozenset((a, b)) in _PHONETIC:
        return Costs.phonetic
    if _adjacent(a, b):
        return Costs.keyboard
    return Costs.substitute


def _indel(s: str, k: int) -> float:
    """Cost of inserting or deleting ``s[k]``: cheap beside the same letter, or for a vowel."""
    ch = s[k]
    if k > 0 and s[k - 1] == ch:
        return Costs.double
    return Costs.vowel_delete if ch in _VOWELS else Costs.delete


def edit_cost(written: str, intended: str) -> float:
    """Weighted Damerau-Levenshtein cost of misreading ``intended`` as ``written``."""
    w, c = written, intended
    n, m = len(w), len(c)
    # Multi-letter OCR confusions ending at each position of ``written``.
    ending = [
        [(b, len(a)) for a, b in _LONG_PAIRS if i >= len(a) and w.startswith(a, i - len(a))]
        for i in range(n + 1)
    ]
    rows = [[0.0] * (m + 1)]
    for j in range(1, m + 1):
        rows[0][j] = rows[0][j - 1] + _indel(c, j - 1)
    for i in range(1, n + 1):
        prev = rows[i - 1]
        row = [prev[0] + _indel(w, i - 1)] + [0.0] * m
        wi = w[i - 1]
        drop = _indel(w, i - 1)
        for j in range(1, m + 1):
            cj = c[j - 1]
            best = prev[j - 1] if wi == cj else prev[j - 1] + _substitution(wi, cj)
            other = prev[j] + drop
            if other < best:
                best = other
            other = row[j - 1] + _indel(c, j - 1)
            if other < best:
                best = other
            if i > 1 and j > 1 and wi == c[j - 2] and w[i - 2] == cj and wi != cj:
                other = rows[i - 2][j - 2] + Costs.transpose
                if other < best:
                    best = other
            for b, la in ending[i]:
                lb = len(b)
                if j >= lb and c.startswith(b, j - lb):
                    other = rows[i - la][j - lb] + Costs.ocr
                    if other < best:
                        best = other
            row[j] = best
        rows.append(row)
    return rows[n][m]


def _edits1(word: str) -> set[str]:
    """Strings one edit (or one multi-letter OCR confusion) away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + ch + b[1:] for a, b in splits if b for ch in _LETTERS)
    out.update(a + ch + b for a, b in splits for ch in _LETTERS)
    for a, b in _LONG_PAIRS:
        i = word.find(a)
        while i >= 0:
            out.add(word[:i] + b + word[i + len(a) :])
            i = word.find(a, i + 1)
        out.add(word.replace(a, b))  # the same confusion throughout: 'cornrnittee'
    out.discard(word)
    return out


def _distance_two(word: str) -> set[str]:
    """Known words within two edits (optimal string alignment), from the length buckets."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    pools = lexicon().by_length
    found: set[str] = set()
    for length in range(max(1, len(word) - 2), len(word) + 3):
        pool = pools.get(length)
        if pool:
            hits = process.extract(word, pool, scorer=OSA.distance, score_cutoff=2, limit=None)
            found.update(hit[0] for hit in hits)
    return found


def _score(word: str, candidates: set[str], limit: int) -> list[Candidate]:
    """The ``limit`` best of ``candidates``, scored; skips the edit cost of candidates too rare
    to enter the list whatever it is."""
    lex = lexicon()
    scored: list[Candidate] = []
    floor = float("-inf")
    for cand in sorted(candidates, key=lambda c: (-lex.zipf(c), c)):  # ties in word order
        zipf = lex.zipf(cand)
        if zipf <= floor:
            break  # a cost is never negative: no later candidate can enter the list
        cost = edit_cost(word, cand)
        scored.append(Candidate(cand, zipf - Costs.zipf_per_edit * cost, cost))
        if len(scored) >= limit:
            scored.sort(key=_best_first)
            del scored[limit:]
            floor = scored[-1].score
    scored.sort(key=_best_first)
    return scored


def _best_first(c: Candidate) -> tuple[float, str]:
    """Highest score first; equal scores in word order, so every run suggests the same."""
    return -c.score, c.word


@lru_cache(maxsize=65536)
def ranked(word: str, limit: int = 8) -> tuple[Candidate, ...]:
    """The best ``limit`` corrections of a casefolded non-word, best first (cached). Words two
    edits away are searched only when no word one edit away scores well."""
    known = lexicon().known
    near = {e for e in _edits1(word) if e in known}
    scored = _score(word, near, limit)
    if not scored or scored[0].score < DISTANCE_TWO_BELOW:
        scored = _score(word, near | _distance_two(word), limit)
    return tuple(scored)


def rerank(candidates: tuple[Candidate, ...], boost: Callable[[str], float]) -> list[Candidate]:
    """Add each candidate's ``boost`` (Zipf points earned by its use in the document and
    corpus: a word used elsewhere in the text is the likeliest reading of its garbled copy)."""
    boosted = [c._replace(score=c.score + boost(c.word)) for c in candidates]
    return sorted(boosted, key=_best_first)
