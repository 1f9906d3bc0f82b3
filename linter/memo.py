"""Memoised analyses of short texts (paragraphs, lines).

Scraped and syndicated corpora repeat paragraphs and lines across thousands of documents
(boilerplate, wire copy, reused ledes). An analysis that depends only on a paragraph's text is
computed once per distinct paragraph and process; the cache is bounded in entries and in the
length of the texts it keeps, so memory does not grow with the corpus."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

R = TypeVar("R")

MAX_ENTRIES = 4096
MAX_CHARS = 2000  # longer texts are analysed every time, not kept


def by_text(func: Callable[..., R]) -> Callable[..., R]:
    """Memoise ``func(text, *flags)``: it must depend only on its (hashable) arguments and return
    an immutable value, with offsets relative to ``text``."""
    cached = lru_cache(maxsize=MAX_ENTRIES)(func)

    @wraps(func)
    def call(text: str, *flags: object) -> R:
        return cached(text, *flags) if len(text) <= MAX_CHARS else func(text, *flags)

    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    call.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return call
