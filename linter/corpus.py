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
from pathlib import Path

import numpy as np
import regex
from datasketch import MinHash

from .document import WORD_RE, Document
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
        stats = cls(1, digests={digest(doc.text)})
        if "lines" in parts:
            lines = {
                normalise_line(doc.text[s.start : s.end])
                for s in doc.lines
                if chrome_candidate(doc.text[s.start : s.end])
            }
            lines.discard("")
            stats.line_documents.update(lines)
        if "vocabulary" in parts:
            stats.vocabulary.update(WORD_RE.findall(doc.text.casefold()))
        if "sketches" in parts:
            stats.sketches[doc.path] = signature(doc.text)
        if "names" in parts:
            from .translit import english, name_mentions

            if english(doc):
                stats.names.update({m.text for m in name_mentions(doc) if " " in m.text})
        return stats

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
    """A MinHash signature of a document's word trigrams (for near-duplicate documents)."""
    words = normalise_line(text).split()
    shingles = {" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))}
    sketch = _empty_sketch().copy()
    sketch.update_batch(list(shingles))
    return sketch.hashvalues.astype("<u4").tobytes()


def minhash(raw: bytes) -> MinHash:
    """The MinHash of a stored signature."""
    values = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=SIGNATURE_PERM, hashvalues=values, scheme=_empty_sketch().scheme)


@lru_cache(maxsize=1)
def _empty_sketch() -> MinHash:
    return MinHash(num_perm=SIGNATURE_PERM, hashfunc=zlib.crc32)


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
