"""The data model shared by every part of mtlint: edits, fixes and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Applicability(str, Enum):
    """How far a fix may be trusted (ruff's model): only SAFE runs under plain ``--fix``."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    @property
    def rank(self) -> int:
        return _APPLICABILITY_RANK[self]


_APPLICABILITY_RANK = {Applicability.SAFE: 0, Applicability.UNSAFE: 1, Applicability.DISPLAY: 2}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(str, Enum):
    """The fixed list of finding categories; each owns a two-letter rule-id prefix."""

    MISTRANSLATION = "mistranslation"
    ACRONYM = "acronym"
    TRANSLITERATION = "transliteration"
    SPELLING = "spelling"
    DUPLICATE = "duplicate"
    BOILERPLATE = "boilerplate"
    PUNCTUATION = "punctuation"
    UNITS = "units"
    CONSISTENCY = "consistency"
    REPETITION = "repetition"
    WHITESPACE = "whitespace"
    ENCODING = "encoding"
    GRAMMAR = "grammar"

    @property
    def prefix(self) -> str:
        return CATEGORY_PREFIX[self]


CATEGORY_PREFIX = {
    Category.MISTRANSLATION: "MT",
    Category.ACRONYM: "AC",
    Category.TRANSLITERATION: "TL",
    Category.SPELLING: "SP",
    Category.DUPLICATE: "DU",
    Category.BOILERPLATE: "BP",
    Category.PUNCTUATION: "PU",
    Category.UNITS: "UN",
    Category.CONSISTENCY: "CO",
    Category.REPETITION: "RE",
    Category.WHITESPACE: "WS",
    Category.ENCODING: "EN",
    Category.GRAMMAR: "GR",
}


class Phase(int, Enum):
    """Fix phases: earlier phases win a tie at the same offset, so later rules see clean text."""

    ENCODING = 0
    CHARS = 1
    WORDS = 2
    STRUCTURE = 3
    SPACING = 4


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (code-point offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    description: str

    @classmethod
    def replace(
        cls, start: int, end: int, replacement: str, description: str, applicability: Applicability
    ) -> Fix:
        return cls((Edit(start, end, replacement),), applicability, description)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def with_applicability(self, applicability: Applicability) -> Fix:
        return Fix(self.edits, applicability, self.description)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a rule, a span of the document, a message and maybe a fix."""

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = None
    phase: Phase = field(default=Phase.WORDS, compare=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is not Applicability.DISPLAY
