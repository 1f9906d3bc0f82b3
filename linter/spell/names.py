"""Words that are names, not misspellings: the names pack, user dictionaries and the
gazetteer, each loaded once and only when a word survives the cheaper checks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from ..gazetteer import fold, lookup, name_words
from ..packs import RULES_DIR, load_yaml

NAMES_PACK = RULES_DIR / "lexicons" / "names.yaml"
# Particles of Arabic names written with a hyphen: al-Jawlani, el-Sisi, Abu-Mohammed, as-Sham.
ARABIC_PARTICLES = frozenset(
    "al el ad adh ar as ash at ath az an ud ul abu abi bin ibn bint umm abd".split()
)
_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _strings(node: object) -> Iterator[str]:
    """Every string in a YAML document, keys included."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def _words(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for text in texts for w in _WORD.findall(text) if len(w) > 2)


@lru_cache(maxsize=1)
def pack_words() -> frozenset[str]:
    """Folded words of every name in the names pack (empty when there is no pack)."""
    try:
        data = load_yaml(NAMES_PACK)
    except (OSError, yaml.YAMLError):
        return frozenset()
    return _words(_strings(data))


@lru_cache(maxsize=16)
def dictionary_words(paths: tuple[Path, ...]) -> frozenset[str]:
    """Folded words of user dictionaries: one word (or name) a line, ``#`` starts a comment."""
    lines = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            lines.append(line.split("#", 1)[0])
    return _words(lines)


def is_place_word(word: str) -> bool:
    """Is ``word`` a known place or a word of one (loads the gazetteer)? A word of three
    letters or more names a place only if it is a word of a place name: it needs no look-up."""
    folded = fold(word)
    if folded in name_words():
        return True
    return not (len(folded) > 2 and folded.isalpha()) and bool(lookup(word))
