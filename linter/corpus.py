"""Pass 1: corpus statistics built by map (one document) and merge (many), saved as profiles."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import numpy as np
import regex

from .document import WORD_RE, Document
from .memo import by_text
from .registry import CORPUS_PARTS
from .sources import write_atomic

PROFILE_FORMAT = "mtlint-profile-3"
SIGNATURE_PERM = 64

_NORMALISE = regex.compile(r"[\W_]+")
MAX_CHROME_WORDS = 12


def normalise_line(line: str) -> str:
    """Case-, space- and punctuation-insensitive key of a line."""
    return _NORMALISE.sub(" ", line.casefold()).strip()


def chrome_candidate(line: str) -> bool:
    """Short lines that could be page chrome (headings and widgets), not prose sentences."""
    words = line.split()
    return 0 < len(words) <= MAX_CHROME_WORDS and len(line) <= 120


@by_text
def chrome_key(line: str) -> str:
    """The normalised line, if it could be page chrome ("" otherwise)."""
    return normalise_line(line) if chrome_candidate(line) else ""


@dataclass
class CorpusStats:
    """What pass 1 learns: documents seen, in how many documents each short line occurs, and
    how often each word (casefolded) occurs in the whole set."""

    documents: int = 0
    line_documents: Counter[str] = field(default_factory=Counter)
    vocabulary: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # name spelling → documents using it
    sketches: dict[str, bytes] = field(default_factory=dict)  # document → MinHash signature
    digests: set[str] = field(default_factory=set)  # of the documents counted, to skip repeats

    @classmethod
    def of(cls, doc: Document, parts: Iterable[str] = CORPUS_PARTS) -> CorpusStats:
        """The map step: the statistics of one document (only the ``parts`` asked for)."""
        return cls().add(doc, parts)

    def add(self, doc: Document, parts: Iterable[str] = CORPUS_PARTS) -> CorpusStats:
        """Count one document in (``merge(CorpusStats.of(doc))`` without the document's own
        counters: a worker folds thousands of documents into one set of statistics)."""
        self.documents += 1
        self.digests.add(digest(doc.text))
        lines = doc.text.split("\n")
        if "lines" in parts:
            chrome = set(map(chrome_key, lines))
            chrome.discard("")
            self.line_documents.update(chrome)
        if "vocabulary" in parts:
            self.vocabulary.update(chain.from_iterable(map(_line_words, lines)))
        if "sketches" in parts:
            self.sketches[doc.path] = signature(doc.text)
        if "names" in parts:
            from .translit import english, name_spellings

            if english(doc):
                self.names.update(name_spellings(doc))
        return self

    def merge(self, other: CorpusStats) -> CorpusStats:
        """The merge step: associative and commutative, so it runs in any order or place."""
        self.documents += other.documents
        self.line_documents.update(other.line_documents)
        self.vocabulary.update(other.vocabulary)
        self.names.update(other.names)
        self.sketches.update(other.sketches)
        self.digests |= other.digests
        return self

    def to_json(self) -> dict:
        return {
            "format": PROFILE_FORMAT,
            "documents": self.documents,
            "line_documents": dict(self.line_documents),
            "vocabulary": dict(self.vocabulary),
            "names": dict(self.names),
            "sketches": {k: base64.b64encode(v).decode() for k, v in self.sketches.items()},
            "digests": sorted(self.digests),
        }

    @classmethod
    def from_json(cls, data: dict) -> CorpusStats:
        if data.get("format") != PROFILE_FORMAT:
            raise ValueError(f"unknown profile format {data.get('format')!r}")
        return cls(
            int(data["documents"]),
            Counter(data["line_documents"]),
            Counter(data["vocabulary"]),
            Counter(data["names"]),
            {k: base64.b64decode(v) for k, v in data["sketches"].items()},
            set(data["digests"]),
        )


def signature(text: str) -> bytes:
    """A MinHash signature of a document's word trigrams (for near-duplicate documents).

    Each distinct line's own trigrams are sketched once (lines repeat across a corpus); the
    document's signature is the minimum of its lines' sketches and the sketch of the trigrams
    that span lines."""
    lines = [_line_shingles(line) for line in text.split("\n")]
    if sum(line.count for line in lines) < 3:
        words = " ".join(w for line in lines for w in line.head)
        return minhash_values({zlib.crc32(words.encode())}).astype("<u4").tobytes()
    across: set[int] = set()
    tail: tuple[str, ...] = ()
    for line in lines:
        if not line.count:
            continue
        seq = tail + line.head
        across.update(
            zlib.crc32(" ".join(seq[i : i + 3]).encode())
            for i in range(len(tail))
            if i + 3 <= len(seq)
        )
        tail = line.last if line.count >= 2 else seq[-2:]
    sketches = [line.sketch for line in lines if line.sketch is not None]
    if across:
        sketches.append(minhash_values(across))
    return np.minimum.reduce(sketches).astype("<u4").tobytes()


class _Shingles(NamedTuple):
    """A line's MinHash sketch of its word trigrams (None without any), its word count and its
    first and last two words."""

    sketch: np.ndarray | None
    count: int
    head: tuple[str, ...]
    last: tuple[str, ...]


@by_text
def _line_shingles(line: str) -> _Shingles:
    words = normalise_line(line).split()
    hashes = {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}
    sketch = minhash_values(hashes) if hashes else None
    if sketch is not None:
        sketch.flags.writeable = False  # shared by every document with this line
    return _Shingles(sketch, len(words), tuple(words[:2]), tuple(words[-2:]))


@by_text
def _line_words(line: str) -> tuple[str, ...]:
    """The casefolded words of a line, for the vocabulary."""
    return tuple(WORD_RE.findall(line.casefold()))


def minhash_values(hashes: set[int]) -> np.ndarray:
    """MinHash of 32-bit hash values in datasketch's "affine32" scheme (seed 1): values mixed
    by the MurmurHash3 finalizer, then ``a * h + b`` modulo 2**32 for each permutation, and the
    minimum kept. Computed here with NumPy so that sketching does not import datasketch (and
    SciPy with it); a test checks the result equals datasketch's ``MinHash``."""
    a, b = _permutations()
    hv = np.fromiter(hashes, dtype=np.uint32, count=len(hashes)).reshape(-1, 1)
    hv ^= hv >> 16
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> 13
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> 16
    return (hv * a + b).min(axis=0)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, SIGNATURE_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, SIGNATURE_PERM, dtype=np.uint32)
    return a, b


def digest(text: str) -> str:
    """A short content hash identifying a document."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def save_profile(stats: CorpusStats, path: Path) -> None:
    """Write statistics as JSON (gzip-compressed when the name ends in .gz)."""
    data = json.dumps(stats.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    write_atomic(path, gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)


def load_profile(path: Path) -> CorpusStats:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return CorpusStats.from_json(json.loads(raw))
