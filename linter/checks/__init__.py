"""Python rules, one module per family; importing this package registers them."""

from . import encoding, punctuation, repetition, whitespace

__all__ = ["encoding", "punctuation", "repetition", "whitespace"]
