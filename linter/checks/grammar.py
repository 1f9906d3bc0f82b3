"""GR: grammar, from a LanguageTool server when one is configured (see docs/languagetool.md)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..engine import Context
from ..languagetool import Match, category_of, client_for, describe, fix_of
from ..registry import Hit, rule


def _is_name(doc: Document, match: Match) -> bool:
    """A 'misspelling' of a capitalised word: in news copy, nearly always a proper name."""
    return match.category_id == "TYPOS" and any(
        c.isupper() for c in doc.text[match.start : match.end]
    )


@rule(
    id="GR001",
    name="languagetool",
    category="grammar",
    severity="warning",
    message="[{lt_rule}] {lt_message}",
    rationale="""Machine translation produces fluent-looking text with broken idiom and agreement
    ('between four to 12 miles'); LanguageTool's thousands of grammar rules catch much of it.
    Runs only when a LanguageTool server is configured (--languagetool URL, MTLINT_LT_URL or
    [tool.mtlint.languagetool]). Each finding keeps LanguageTool's rule id and takes the category
    of its LanguageTool category; where another mtlint rule reports the same span, that finding
    wins. Misspellings of capitalised words (names) are left out. One suggested replacement is an
    unsafe fix; several are listed as suggestions.""",
    fails=[
        (
            "They are between four ⟦to⟧ 12 miles from the palace.",
            "They are between four and 12 miles from the palace.",
        ),
        "Officials said ⟦teh⟧ talks had failed.",
    ],
    passes=[
        "They are between four and 12 miles from the palace.",
        "Iran's top diplomat Abbas Araghchi said the talks had failed.",
    ],
    fix="unsafe",
    defers=True,
    backend="languagetool",
)
def languagetool(doc: Document, ctx: Context) -> Iterator[Hit]:
    settings = ctx.config.languagetool if ctx.config else None
    if settings is None or not settings.enabled:
        return
    for match in client_for(settings).check(doc.text, [p.start for p in doc.paragraphs]):
        if _is_name(doc, match):
            continue
        yield Hit(
            match.start,
            match.end,
            {"lt_rule": match.rule_id, "lt_message": describe(match)},
            fix=fix_of(match),
            category=category_of(match),
        )
