"""SP rules: non-words and look-alike characters are found and fixed; names stay silent."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from linter.checks.spelling import _open_parts, _open_tokens
from linter.config import Config
from linter.corpus import CorpusStats
from linter.document import WORD_RE, Document
from linter.model import Applicability
from linter.runner import Linter, corpus_stats
from linter.spell import names, ranking
from linter.spell.lexicon import lexicon, load
from linter.spell.morphology import regular
from linter.spell.ranking import edit_cost, ranked


@pytest.fixture
def sp(registry):
    def run(text, fix=False, config=None, corpus=None):
        linter = Linter(registry.select(["SP"]), config or Config(), corpus=corpus)
        linter.fix = linter.unsafe = fix
        return linter.lint_text(text, "doc.txt")

    return run


def found(result) -> list[str]:
    return [result.doc.text[d.start : d.end] for d in result.diagnostics]


# -- findings and fixes -------------------------------------------------------------------------
def test_ocr_slip_is_fixed_with_unsafe_fix(sp):
    text = "The statement reads in full. The statement rrads that Iraq welcomed the soldiers."
    [d] = sp(text).diagnostics
    assert d.rule == "SP001" and "did you mean 'reads'" in d.message
    assert d.fix.applicability is Applicability.UNSAFE
    assert sp(text, fix=True).doc.text == text.replace("rrads", "reads")


def test_the_document_decides_a_close_call(sp):
    [d] = sp("A statement rrads that Iraq welcomed the soldiers.").diagnostics
    assert d.fix.applicability is Applicability.DISPLAY
    assert "perhaps 'reads', 'rads' or 'roads'" in d.message


def test_plain_fix_leaves_unsafe_spelling_fixes_alone(registry):
    linter = Linter(registry.select(["SP"]), Config(), fix=True, unsafe=False)
    text = "The statement reads in full. The statement rrads that."
    assert linter.lint_text(text, "doc.txt").doc.text == text


def test_capitalised_slip_at_sentence_start_keeps_its_case(sp):
    fixed = sp("Tbe army said it had withdrawn.", fix=True).doc.text
    assert fixed == "The army said it had withdrawn."


def test_unclear_correction_is_display_only_with_three_candidates(sp):
    result = sp("They said the hoice was made.")
    [d] = result.diagnostics
    assert d.fix.applicability is Applicability.DISPLAY
    assert d.message.count("'") >= 8  # the word and three candidates, quoted
    assert sp("They said the hoice was made.", fix=True).doc.text == "They said the hoice was made."


def test_unknown_word_without_candidates_is_reported_without_fix(sp):
    [d] = sp("The convoy xqzvt stopped.").diagnostics
    assert d.fix is None and "no close word" in d.message


def test_lookalike_digits_are_read_as_letters(sp):
    text = "0fficials said Journa1ists and the g0vernment met."
    assert found(sp(text)) == ["0fficials", "Journa1ists", "g0vernment"]
    assert sp(text, fix=True).doc.text == "Officials said Journalists and the government met."


def test_repeated_ocr_slip_of_a_common_word_is_still_reported(sp):
    text = "tbe " + "the cat sat on the mat and the dog. " * 15 + "tbe end"
    assert found(sp(text)) == ["tbe", "tbe"]
    assert found(sp(text, corpus=corpus_stats([Document(text)]))) == ["tbe", "tbe"]


def test_a_name_the_corpus_repeats_is_cleared_without_counting_the_document(sp, monkeypatch):
    """No cheap edit turns 'zorbling' into a word: used twice in the corpus, it is a name,
    which the corpus alone tells."""
    import linter.checks.spelling as checks

    def unread(self, word):
        raise AssertionError("the document was counted")

    monkeypatch.setattr(checks._Protection, "occurrences", unread)
    corpus = corpus_stats([Document("The zorbling club."), Document("A zorbling day.")])
    assert sp("The zorbling club met.", corpus=corpus).diagnostics == []


# -- names and terms stay silent ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Fighting reached Kharkiv, Zaporizhzhia and Mykolaiv, officials said.",
        "The RSF of Hemedti shelled Omdurman, El Fasher and villages across Darfur.",
        "The Tatmadaw bombed Sagaing while generals met in Naypyidaw.",
        "JNIM fighters moved between Ouagadougou, Timbuktu and Ménaka.",
        "Troops left Jableh, Sednaya, Quneitra, Latakia and Hermel; Rahmoun and Kharfan fled.",
        "Abu Mohammed al-Jawlani met Araghchi; Hochstein and the Telegraph reported it.",
        "AFPTV filmed BREM-1 and T-55 vehicles near the D-30A howitzers.",
        "Contact press@example.org, @leksol or https://example.org/rrads for details.",
        "top of page\nleksol\n\nThe president left the country.",
        "At 10am, 5km away, the 21st brigade moved; COVID-19 cases rose in the 1990s.",
        "The colour of the organisation's defence was realised by the synthesised predications.",
        "Kharfan said the talks had failed.",
        "the repair of embank\u00adments and part\u200bners",
        "The discovery has aroused extraordinary in-\nterest throughout the world.",
    ],
)
def test_names_numbers_and_terms_are_silent(sp, text):
    assert sp(text).diagnostics == []


def test_paragraph_in_another_language_is_silent(sp):
    italian = "Il black Friday incombe su di noi: per chi non lo sapesse, negozi e consumi."
    assert found(sp(italian + "\n\nThe statement rrads that.")) == ["rrads"]


def test_a_word_used_twice_is_a_term_but_once_is_reported(sp):
    assert found(sp("The zorbing club met. It was a zorbing day.")) == []
    assert found(sp("The zorbling club met.")) == ["zorbling"]


def test_words_seen_twice_in_the_corpus_are_protected(sp):
    corpus = corpus_stats([Document("The zorbling club."), Document("A zorbling day.")])
    assert sp("The zorbling club met.", corpus=corpus).diagnostics == []


def test_saved_corpus_profile_vocabulary_protects(sp):
    corpus = CorpusStats(documents=10, vocabulary=Counter({"zorbling": 7}))
    assert sp("The zorbling club met.", corpus=corpus).diagnostics == []


def test_user_dictionary_protects(sp, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# house words\nzorbling\n", encoding="utf-8")
    assert sp("The zorbling club met.", config=Config(dictionaries=[words])).diagnostics == []


def test_names_pack_is_read_when_present_and_optional(sp, tmp_path, monkeypatch):
    pack = tmp_path / "names.yaml"
    pack.write_text("- canonical: Zorbling Qaxx\n  variants: [Zorblin]\n", encoding="utf-8")
    monkeypatch.setattr(names, "NAMES_PACK", pack)
    names.pack_words.cache_clear()
    try:
        assert names.pack_words() >= {"zorbling", "qaxx", "zorblin"}
        assert sp("The zorbling club met.").diagnostics == []
        monkeypatch.setattr(names, "NAMES_PACK", tmp_path / "missing.yaml")
        names.pack_words.cache_clear()
        assert names.pack_words() == frozenset()
    finally:
        names.pack_words.cache_clear()


def test_sentence_start_name_is_silent_but_mid_sentence_lowercase_slip_is_not(sp):
    assert sp("Rahmoun said the talks failed.").diagnostics == []
    assert found(sp("They said rahmoun was here and the talks failled.")) == ["rahmoun", "failled"]


# -- candidates and ranking ---------------------------------------------------------------------
def test_ocr_confusions_cost_less_than_other_edits():
    assert edit_cost("rnodern", "modern") < edit_cost("xodexn", "modern")
    assert edit_cost("tbe", "the") < edit_cost("tqe", "the")
    assert edit_cost("the", "the") == 0


@pytest.mark.parametrize(
    "word,best",
    [("rrads", "reads"), ("tbe", "the"), ("cornrnittee", "committee"), ("acess", "access")],
)
def test_ranking_prefers_the_intended_word(word, best):
    assert ranked(word)[0].word == best


def test_context_boost_reorders_candidates():
    plain = ranking.rerank(ranked("hoice"), lambda w: 0.0)
    boosted = ranking.rerank(ranked("hoice"), lambda w: 3.0 if w == "house" else 0.0)
    assert plain[0].word == "choice" and boosted[0].word == "house"


def test_regular_derivations_and_british_spellings():
    assert regular("predications") and regular("synthesised") and regular("deaccented")
    assert not regular("xqzvt") and not regular("staternent")


def test_lexicon_is_loaded_once():
    assert lexicon() is lexicon()
    assert "government" in lexicon().known and "goverment" not in lexicon().known


def test_lexicon_is_built_once_then_read_back_from_its_cache(tmp_path):
    cache = tmp_path / "lexicon.marshal"
    built = load(cache)
    assert cache.is_file()
    read = load(cache)
    assert read.known == built.known == lexicon().known
    assert read.by_length == built.by_length == lexicon().by_length
    cache.write_bytes(b"not a lexicon")
    assert load(cache).known == built.known and load(cache).by_length == built.by_length


def _plain_open_tokens(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in WORD_RE.finditer(text) if _open_parts(m.group())]


def test_open_tokens_read_line_by_line_are_those_of_the_whole_text():
    rng = random.Random(7)
    words = ["rrads", "Tbe", "the", "police-eourt", "al-Jawlani", "zorbling's", "O'Brien",
             "x-'y", "a--b", "cd’s", "Jou1", "é", "staternent"]  # fmt: skip
    glue = [" ", "\n", "\n\n", "-", "'", "’", ", ", "", "\u00ad"]
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 40)))
        assert _open_tokens(text) == _plain_open_tokens(text)


def test_clean_prose_computes_no_candidates(sp, monkeypatch):
    calls = []
    monkeypatch.setattr(ranking, "ranked", lambda *a: calls.append(a) or ())
    import linter.checks.spelling as checks

    monkeypatch.setattr(checks, "ranked", ranking.ranked)
    sp("Officials told Reuters that Hochstein was in Doha and that Iran was leaving.")
    assert calls == []
