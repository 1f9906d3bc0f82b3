"""BP: page chrome from the pack (rules/boilerplate.yaml) and learned from the linted set."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks.boilerplate import article_like, headline_keys, is_dateline
from linter.config import Config
from linter.document import Document
from linter.model import Applicability
from linter.runner import corpus_stats

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lint(make_linter, text, fix=False, corpus=(), config=None):
    linter = make_linter(select=["BP"], fix=fix, unsafe=True, config=config)
    if corpus:
        docs = [Document(t, f"c{i}.txt") for i, t in enumerate(corpus)] + [Document(text, "t.txt")]
        linter.corpus = corpus_stats(docs)
    return linter.lint_text(text, "t.txt")


def _found(make_linter, text, **kw):
    return [(d.rule, text[d.start : d.end]) for d in _lint(make_linter, text, **kw).diagnostics]


# -- the pack ------------------------------------------------------------------------------------
def test_seed_004_chrome_is_found_and_deleted_safely(make_linter):
    text = (SEEDS / "004_093832ea78139b12.txt").read_text(encoding="utf-8")
    diags = _lint(make_linter, text).diagnostics
    assert [text[d.start : d.end] for d in diags] == [
        "top of page",
        "2 views0 comments",
        "Comments",
        "bottom of page",
    ]
    assert all(d.fix.applicability is Applicability.SAFE for d in diags)
    fixed = _lint(make_linter, text, fix=True).doc.text
    for chrome in ("top of page", "views0 comments", "\nComments", "bottom of page"):
        assert chrome not in fixed
    article = [line for line in text.splitlines() if len(line) > 60]
    assert all(line in fixed for line in article)
    assert fixed.rstrip("\n").endswith("appears slim.")


@pytest.mark.parametrize(
    "name, chrome",
    [
        ("000_d63e0e97bfe59d35.txt", ["Ask me anything", "Explore related questions"]),
        ("001_9e1bdf19eaf7a455.txt", ["1000+ unique media and news posts every 24 hours…"] * 2),
        (
            "002_a909801c9f83239d.txt",
            [
                "(Except for the headline, this story has not been edited by NDTV staff and is"
                " published from a syndicated feed.)"
            ],
        ),
    ],
)
def test_seed_chrome_is_found(make_linter, name, chrome):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert [m for _, m in _found(make_linter, text)] == chrome
    fixed = _lint(make_linter, text, fix=True).doc.text
    assert not any(c in fixed for c in chrome)


@pytest.mark.parametrize(
    "text, fixed",
    [
        (
            "It has not been seen since that time.top of page\n",
            "It has not been seen since that time.\n",
        ),
        ("AdvertisementThe army said it would regroup.\n", "The army said it would regroup.\n"),
        ("The army regrouped.2 views0 comments\n", "The army regrouped.\n"),
        (
            "Syria is tired of war.(Except for the headline, this story has not been edited by "
            "Example Times staff and is published from a syndicated feed.)\n",
            "Syria is tired of war.\n",
        ),
        (
            "Rebels enter Homs\n\nREAD MORE\n\nThe army withdrew.\n",
            "Rebels enter Homs\n\nThe army withdrew.\n",
        ),
    ],
)
def test_glued_and_whole_line_chrome_is_deleted(make_linter, text, fixed):
    assert _lint(make_linter, text, fix=True).doc.text == fixed


@pytest.mark.parametrize(
    "prose",
    [
        "Officials declined to read more into the comments.",
        "The Advertisement Standards Authority ruled on Monday.",
        "Comments by the minister drew 14 views of protest",
        "He said the plan was at the top of page one of the report.",
        "The station will skip to main content after the break, the producer said.",
        "Share prices fell on Monday.",
        "We use cookies to track visitors, the company admitted.",
        "There were 2 views and 0 comments on the video by Sunday.",
        "Home secretary resigns",
        "The court said all rights reserved to the state would be kept.",
        "Except for the headline, the story had not been edited by our staff.",
    ],
)
def test_prose_with_chrome_words_is_silent(make_linter, prose):
    assert _found(make_linter, prose + "\n") == []


def test_copyright_notice_is_reported_without_a_fix(make_linter):
    text = "The army withdrew.\nCopyright 2008 The Associated Press. All rights reserved.\n"
    [diag] = _lint(make_linter, text).diagnostics
    assert diag.rule == "BP008" and diag.fix is None


# -- learned chrome ------------------------------------------------------------------------------
MENU = "Levant Daily\nWorld\nRegion\nOpinion\n"
CORPUS = [MENU + "Army regroups near Hama.\n", MENU + "Talks stall in Geneva.\n"]


def test_recurring_menu_is_learned_and_deleted_in_one_fix(make_linter):
    text = MENU + "Rebels enter Homs.\n"
    diags = _lint(make_linter, text, corpus=CORPUS).diagnostics
    assert [(d.rule, text[d.start : d.end]) for d in diags] == [
        ("BP010", "Levant Daily"),
        ("BP010", "World"),
        ("BP010", "Region"),
        ("BP010", "Opinion"),
    ]
    assert all(d.fix.applicability is Applicability.UNSAFE for d in diags)
    assert len({d.fix for d in diags}) == 1  # one run, one edit
    assert "recurs in 3 of 3 documents" in diags[0].message
    assert _lint(make_linter, text, fix=True, corpus=CORPUS).doc.text == "Rebels enter Homs.\n"


def test_long_menus_converge(make_linter):
    menu = "".join(f"Section {i}\n\n" for i in range(300))
    corpus = [menu + "Army regroups near Hama.\n", menu + "Talks stall in Geneva.\n"]
    fixed = _lint(make_linter, menu + "Rebels enter Homs.\n", fix=True, corpus=corpus)
    assert fixed.doc.text == "Rebels enter Homs.\n"


def test_threshold_comes_from_the_configuration(make_linter):
    config = Config(boilerplate_min_documents=4)
    assert (
        _lint(make_linter, MENU + "Rebels enter Homs.\n", corpus=CORPUS, config=config).diagnostics
        == []
    )


def test_nothing_is_learned_without_a_corpus(make_linter):
    assert _lint(make_linter, MENU + "Rebels enter Homs.\n").diagnostics == []


def test_pack_chrome_is_not_reported_twice(make_linter):
    corpus = ["Army regroups.\nAdvertisement\n", "Talks stall.\nAdvertisement\n"]
    assert _found(make_linter, "Rebels enter Homs.\nAdvertisement\n", corpus=corpus) == [
        ("BP004", "Advertisement")
    ]


def test_lone_recurring_line_between_paragraphs_is_a_subheading(make_linter):
    body = "The army withdrew overnight, officials said.\nAbout the company\n{}\n"
    corpus = [body.format("It makes remote controls."), body.format("It sells keyboards.")]
    assert _lint(make_linter, body.format("It makes mice."), corpus=corpus).diagnostics == []


def test_syndicated_copies_keep_their_subheadings(make_linter):
    story = (
        "Soldiers fled to Iraq\nAn Iraqi source said hundreds crossed the border.\n"
        "A second source put the figure at 2,000 troops.\nSoldiers fled to Iraq\n"
    )
    assert _lint(make_linter, story, corpus=[story, story]).diagnostics == []


def test_the_documents_own_headline_is_kept(make_linter):
    related = "Related stories\nRebels enter Homs as army withdraws\nTalks stall in Geneva\n"
    corpus = ["Army regroups near Hama.\n" + related, "Talks stall.\n" + related]
    text = (
        "Rebels enter Homs as army withdraws - Levant Daily\nRebels enter Homs as army withdraws\n"
    )
    found = [
        m for _, m in _found(make_linter, text + "The army withdrew.\n" + related, corpus=corpus)
    ]
    assert "Rebels enter Homs as army withdraws" not in found
    assert "Talks stall in Geneva" in found


@pytest.mark.parametrize(
    "line", ["DAMASCUS, Syria", "BEIRUT (Reuters) -", "LONDON", "Homs, Syria —"]
)
def test_datelines(line):
    assert is_dateline(line) and article_like(line)


@pytest.mark.parametrize("line", ["HOME", "World | Region", "Comments (12)", "Levant Daily"])
def test_not_datelines(line):
    assert not is_dateline(line)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Yes.", True),
        ("or", True),
        ("Intel,", True),
        ("“We will not leave”", True),
        ("2008", True),
        ("AFP was unable to confirm the report.", True),
        ("Most Popular", False),
        ("jobs", False),
        ("U.S.", False),
        ("Search:", False),
    ],
)
def test_article_like(line, expected):
    assert article_like(line) is expected


def test_headline_keys_of_a_page_title():
    doc = Document("Rebels enter Homs as army withdraws | World | Levant Daily\nText.\n")
    assert "rebels enter homs as army withdraws" in headline_keys(doc)
    assert "levant daily" not in headline_keys(doc)


# -- HTML left in the text (BP011) ---------------------------------------------------------------
PAGE = (
    '<div class="arr" title="Don\'t miss">\n'
    '<a href="http://example.org/a?x=1&amp;y=2" alt alt="">Cricket</a>\n'
    "</div>\n"
    "Rebels entered the the city on Sunday.\n"
)


def test_only_bp011_reports_inside_markup(make_linter):
    diags = make_linter(fix=False).lint_text(PAGE, "page.txt").diagnostics
    inside = [d for d in diags if d.start < PAGE.index("Rebels")]
    assert {d.rule for d in inside} == {"BP011"}, [(d.rule, d.message) for d in inside]
    assert any(d.rule == "RE001" for d in diags)  # the text after the markup is still read


def test_markup_fixes_delete_markup_lines_and_strip_inline_tags(make_linter):
    safe = make_linter(select=["BP011"], fix=True).lint_text(PAGE, "page.txt").doc.text
    assert safe == '<a href="http://example.org/a?x=1&amp;y=2" alt alt="">Cricket</a>\n' + (
        "Rebels entered the the city on Sunday.\n"
    )
    both = make_linter(select=["BP011"], fix=True, unsafe=True).lint_text(PAGE, "page.txt")
    assert both.doc.text == "Cricket\nRebels entered the the city on Sunday.\n"


def test_markup_in_markdown_is_allowed_but_still_not_prose(make_linter):
    text = '<img src="homs.jpg" alt alt="">Rebels entered Homs.\n'
    diags = make_linter().lint_text(text, "page.md").diagnostics
    assert diags == []
