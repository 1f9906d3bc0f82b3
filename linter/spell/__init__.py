"""Spelling support for the SP rules: the lexicon, ranked corrections and protected names."""
