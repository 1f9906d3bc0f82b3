"""DU: repeated paragraphs and headlines, and headlines repeated in the page title."""

from __future__ import annotations

import random
import zlib
from itertools import combinations
from pathlib import Path

import pytest

from linter.checks import duplicates
from linter.corpus import SIGNATURE_PERM, signature
from linter.model import Applicability

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_a909801c9f83239d.txt"
HEADLINE = "Where Is Bashar Al-Assad? Questions Over Syrian President's Whereabouts"
LEDE = "A Syria war monitor said that President Bashar al-Assad has left the country"


def _lint(make_linter, text, fix=False, select=("DU",)):
    return make_linter(select=list(select), fix=fix, unsafe=True).lint_text(text, "t.txt")


def _found(make_linter, text):
    return [(d.rule, text[d.start : d.end]) for d in _lint(make_linter, text).diagnostics]


def test_seed_002_headline_and_lede_second_copies(make_linter):
    text = SEED.read_text(encoding="utf-8")
    diags = _lint(make_linter, text).diagnostics
    assert [(d.rule, d.start) for d in diags] == [
        ("DU001", text.index(HEADLINE, 1)),
        ("DU001", text.index(LEDE, text.index(LEDE) + 1)),
    ]
    assert all(d.fix.applicability is Applicability.SAFE for d in diags)
    assert diags[0].message == "Repeats the paragraph at line 1"
    fixed = _lint(make_linter, text, fix=True).doc.text
    assert fixed.count(HEADLINE) == 1 and fixed.count(LEDE) == 1
    assert fixed.startswith(HEADLINE + "\n\n" + LEDE)
    assert "\n\n\n" not in fixed
    assert fixed.replace(HEADLINE, "").replace(LEDE, "") in text.replace(HEADLINE, "").replace(
        LEDE, ""
    )


LONG = (
    "The Syrian army said on Saturday that it was reinforcing its defence lines around Damascus"
    " and in the south of the country."
)


def test_near_copy_is_unsafe(make_linter):
    text = f"{LONG}\n\nRebels said they were close.\n\n{LONG.replace('defence', 'defense')}\n"
    [diag] = _lint(make_linter, text).diagnostics
    assert diag.fix.applicability is Applicability.UNSAFE
    assert diag.message.startswith("Nearly repeats (9")


def test_copy_differing_in_case_or_punctuation_is_unsafe(make_linter):
    text = f"{LONG}\n\nRebels said they were close.\n\n{LONG.upper().rstrip('.')}\n"
    [diag] = _lint(make_linter, text).diagnostics
    assert diag.message == "Repeats the paragraph at line 1"
    assert diag.fix.applicability is Applicability.UNSAFE


def test_copy_differing_only_in_spacing_is_safe(make_linter):
    text = f"{LONG}\n\nRebels said they were close.\n\n{LONG.replace(' ', '  ', 3)}\n"
    [diag] = _lint(make_linter, text).diagnostics
    assert diag.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        # other figures: another statement
        f"{LONG}\n\n{LONG.replace('Saturday', 'Saturday, 7 December,')}\n",
        # one holds the other: a teaser and its lede with a dateline
        f"{LONG}\n\nDAMASCUS, Syria — {LONG}\n",
        # a quotation reused with another attribution
        '"We will never leave our positions around Damascus and the south, whatever happens,"'
        ' he said.\n\nThe minister said: "We will never leave our positions around Damascus and'
        ' the south, whatever happens."\n',
        # short repeats are chrome or style
        "Comments\n\nThe army withdrew.\n\nComments\n\nAFP\n\nText.\n\nAFP\n",
    ],
)
def test_legitimate_repeats_are_silent(make_linter, text):
    assert _found(make_linter, text) == []


def test_recurring_elements_are_not_duplicates_but_the_headline_is(make_linter):
    day = "Eat every two or three hours and drink plenty of water during the day.\n\n"
    assert _found(make_linter, f"Meal plan\n\n{day * 3}") == []
    headline = "Assad flees Damascus as rebels advance\n"
    found = _found(make_linter, headline + "Text.\n" + headline + "More.\n" + headline)
    assert [rule for rule, _ in found] == ["DU001", "DU001"]


def test_short_labels_repeat_only_as_the_headline(make_linter):
    box = "Apple iPhone 7, GSM Unlocked, 32GB\n"
    text = "Best phones of the year\n" + box + "A fine phone.\n" + box + "Still fine.\n"
    assert _found(make_linter, text) == []
    text = "Best phones of the year\nMenu\nBest phones of the year\nA fine phone.\n"
    assert _found(make_linter, text) == [("DU001", "Best phones of the year")]


def test_lines_of_a_menu_block_are_compared_one_by_one(make_linter):
    text = (
        "Polish Parliament Confirms Government of New Prime Minister\nText Only\nSearch\n\n"
        "Home\nWorld\nPolish Parliament Confirms Government of New Prime Minister\nBy VOA News\n"
    )
    found = _found(make_linter, text)
    assert found == [("DU001", "Polish Parliament Confirms Government of New Prime Minister")]
    assert _lint(make_linter, text, fix=True).doc.text.count("Polish Parliament") == 1


def test_hard_wrapped_paragraphs_are_compared_whole(make_linter):
    first = (
        "The army said it was reinforcing its lines around the capital\n"
        "as panic spread through the city after rebels said they had\n"
        "reached the suburbs of Damascus on Saturday evening.\n"
    )
    other = (
        "Residents said the roads were blocked by the army and that\n"
        "as panic spread through the city after rebels said they had\n"
        "crossed the river, shops closed early and queues formed.\n"
    )
    assert _found(make_linter, first + "\n" + other) == []
    [(rule, span)] = _found(make_linter, first + "\n" + other + "\n" + first)
    assert span == first.rstrip("\n")


def test_pack_chrome_is_left_to_boilerplate(make_linter):
    text = "Share this article\n\nThe army withdrew.\n\nShare this article\n"
    assert _found(make_linter, text) == []
    text = "Sign up for our newsletter\nThe army withdrew.\nSign up for our newsletter\n"
    assert _found(make_linter, text) == []


def test_chrome_before_the_headline_is_skipped(make_linter):
    headline = "Best phones of the year\n"
    text = "Sign up for our newsletter\n" + headline + "Menu\n" + headline + "A fine phone.\n"
    assert _found(make_linter, text) == [("DU001", headline.strip())]
    text = "Phones we tested this year\n" + headline + "Menu\n" + headline + "A fine phone.\n"
    assert _found(make_linter, text) == []


def test_near_duplicates_are_compared_among_candidates_only(make_linter, monkeypatch):
    calls = []
    ratio = duplicates.fuzz.ratio
    monkeypatch.setattr(duplicates.fuzz, "ratio", lambda *a, **k: calls.append(1) or ratio(*a, **k))
    rng = random.Random(7)
    words = [f"w{i}" for i in range(3000)]
    paragraphs = [" ".join(rng.choice(words) for _ in range(30)) + "." for _ in range(1500)]
    text = "\n\n".join(paragraphs + [paragraphs[10].replace("w", "v", 1)]) + "\n"
    found = _lint(make_linter, text).diagnostics
    assert [d.start for d in found] == [text.rindex("\n\n") + 2]
    assert len(calls) < 100  # all pairs would be over a million


def _scattered_edits(rng, text, rate):
    edit = [c.isalpha() and rng.random() < rate for c in text]
    return "".join(rng.choice("abcdefg") if e else c for c, e in zip(text, edit, strict=True))


def test_near_matching_of_short_and_long_documents_agrees(make_linter, monkeypatch):
    """Few long paragraphs are scored pairwise, many are indexed: the findings are the same,
    and a pair that scores 90 but shares no band of its MinHash is not a candidate in either."""
    rng = random.Random(3)
    base = [LONG, LONG.replace("Syrian army", "government"), *SEED.read_text().split("\n\n")]
    texts = []
    for _ in range(40):
        paragraphs = rng.sample(base, 4)
        paragraphs += [_scattered_edits(rng, rng.choice(paragraphs), 0.04) for _ in range(3)]
        texts.append("\n\n".join(paragraphs) + "\n")
    pairwise = [_found(make_linter, text) for text in texts]
    monkeypatch.setattr(duplicates, "MAX_PAIRWISE", 0)
    assert [_found(make_linter, text) for text in texts] == pairwise
    assert sum(len(found) for found in pairwise) > 20
    close = [
        (a, b)
        for text in texts
        for a, b in combinations(map(duplicates.normalise_line, text.split("\n\n")), 2)
        if duplicates.fuzz.ratio(a, b, score_cutoff=duplicates.NEAR_SIMILARITY)
    ]
    assert any(not duplicates._share_band(a, b) for a, b in close)


def test_band_condition_is_datasketch_lsh():
    from datasketch import MinHash, MinHashLSH

    rng = random.Random(5)
    keys = [duplicates.normalise_line(LONG)]
    keys += [_scattered_edits(rng, keys[0], rate) for rate in (0.02, 0.05, 0.1, 0.2) * 25]
    lsh = MinHashLSH(num_perm=64, params=(duplicates.LSH_BANDS, duplicates.LSH_ROWS))
    for index, key in enumerate(keys[1:]):
        sketch = MinHash(num_perm=64, hashfunc=zlib.crc32)
        sketch.update_batch([key[i : i + 5].encode() for i in range(len(key) - 4)])
        lsh.insert(index, sketch)
    query = MinHash(num_perm=64, hashfunc=zlib.crc32)
    query.update_batch([keys[0][i : i + 5].encode() for i in range(len(keys[0]) - 4)])
    proposed = {keys[1 + index] for index in lsh.query(query)}
    assert 0 < len(proposed) < len(set(keys[1:]))
    assert {key for key in keys[1:] if duplicates._share_band(keys[0], key)} == proposed


# -- DU002 page titles ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title, affix",
    [
        ("Rebels enter Homs as army withdraws - Levant Daily", "Levant Daily"),
        ("Levant Daily: Rebels enter Homs as army withdraws", "Levant Daily"),
        ("World | Rebels enter Homs as army withdraws | Levant Daily", "World | Levant Daily"),
        ("Rebels enter Homs as army withdraws_English_Xinhua", "English_Xinhua"),
        ("Rebels enter Homs as army withdraws- levant.com", "levant.com"),
    ],
)
def test_page_title_is_reported(make_linter, title, affix):
    text = f"{title}\nMenu\nRebels enter Homs as army withdraws\nThe army withdrew overnight.\n"
    diags = _lint(make_linter, text).diagnostics
    assert [(d.rule, text[d.start : d.end]) for d in diags] == [("DU002", title)]
    assert diags[0].message == f"Page title: the headline at line 3 plus '{affix}'"
    assert diags[0].fix.applicability is Applicability.UNSAFE
    fixed = _lint(make_linter, text, fix=True).doc.text
    assert fixed == "Menu\nRebels enter Homs as army withdraws\nThe army withdrew overnight.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Bush expedites Saudi smart bomb deal — Why?",
        "The headline read: Bush expedites Saudi smart bomb deal.",
        "Bush expedites Saudi smart bomb deal - and the kingdom will pay for the bombs with oil"
        " revenue from its eastern fields over the next years",
    ],
)
def test_lines_that_are_not_page_titles(make_linter, line):
    text = f"{line}\nBush expedites Saudi smart bomb deal\nThe deal was signed.\n"
    assert [r for r, _ in _found(make_linter, text) if r == "DU002"] == []


# -- DU003 near-duplicate documents --------------------------------------------------------------
def test_document_index_is_datasketch_lsh():
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    def minhash(raw):
        values = np.frombuffer(raw, dtype="<u4").astype(np.uint32)
        return MinHash(num_perm=SIGNATURE_PERM, hashvalues=values, scheme="affine32")

    rng = random.Random(11)
    words = SEED.read_text().split()
    texts = {}
    for i in range(60):
        text = words[rng.randrange(200) :][:150]
        for _ in range(rng.choice([0, 2, 5, 10, 20])):
            text[rng.randrange(len(text))] = "changed"
        texts[f"d{rng.randrange(1000):03d}/{i}.txt"] = " ".join(text)
    sketches = {path: signature(text) for path, text in texts.items()}
    lsh = MinHashLSH(threshold=duplicates.NEAR_DOCUMENT, num_perm=SIGNATURE_PERM)
    assert (lsh.b, lsh.r) == duplicates.DOCUMENT_BANDS
    signatures = {path: minhash(raw) for path, raw in sketches.items()}
    for path, sig in signatures.items():
        lsh.insert(path, sig)
    expected = {}
    for path, sig in signatures.items():
        for other in sorted(lsh.query(sig)):
            if other < path and sig.jaccard(signatures[other]) >= duplicates.NEAR_DOCUMENT:
                expected[path] = (other, sig.jaccard(signatures[other]))
                break
    index = duplicates._document_index(sketches)
    found = {path: index.similar(path) for path in sketches}
    assert {path: pair for path, pair in found.items() if pair} == expected
    assert 5 < len(expected) < len(texts)
