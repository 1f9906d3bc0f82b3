"""Pass 1: corpus statistics built by map (one document) and merge (many), saved as profiles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from .document import WORD_RE, Document

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

    @classmethod
    def of(cls, doc: Document) -> CorpusStats:
        """The map step: statistics of one document."""
        lines = {
            normalise_line(doc.text[s.start : s.end])
            for s in doc.lines
            if chrome_candidate(doc.text[s.start : s.end])
        }
        lines.discard("")
        return cls(1, Counter(lines), Counter(WORD_RE.findall(doc.text.casefold())))

    def merge(self, other: CorpusStats) -> CorpusStats:
        """The merge step: associative and commutative, so it runs in any order or place."""
        self.documents += other.documents
        self.line_documents.update(other.line_documents)
        self.vocabulary.update(other.vocabulary)
        return self

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "line_documents": dict(self.line_documents),
            "vocabulary": dict(self.vocabulary),
        }

    @classmethod
    def from_json(cls, data: dict) -> CorpusStats:
        return cls(
            int(data["documents"]), Counter(data["line_documents"]), Counter(data["vocabulary"])
        )
