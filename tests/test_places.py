"""MT: the mistranslation pack (rules/mistranslations.yaml) and MT001, a country used as a local
place ('the city of Swaziland' for the Syrian province Suwayda)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from linter.checks import places
from linter.document import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = SEEDS / "000_d63e0e97bfe59d35.txt"
OTHER_SEEDS = sorted(p for p in SEEDS.glob("*.txt") if p != SEED_000)


def _swaziland_offsets(text: str) -> list[tuple[int, int]]:
    first = text.index("Swaziland")
    second = text.index("Swaziland", first + 1)
    return [(first, first + 9), (second, second + 9)]


# -- similarity -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Suayda", "Sweida", "Suwayda", "As-Suwayda", "as-Suwaydā’"])
def test_transliterations_of_suwayda_share_one_key(name):
    assert places.phonetic_key(name) == "swd"


@pytest.mark.parametrize(
    "country,place",
    [("Swaziland", "Suayda"), ("Swaziland", "Sweida"), ("Canada", "Kandahar"),
     ("Latvia", "Latakia"), ("Bangladesh", "Benghazi"), ("Malta", "Malatya")],
)  # fmt: skip
def test_look_alikes(country, place):
    assert places.look_alike(places.phonetic_key(country), places.phonetic_key(place))


@pytest.mark.parametrize(
    "country,place",
    [("Honduras", "Homs"), ("Hungary", "Hama"), ("Denmark", "Daraa"), ("Iraq", "Arab"),
     ("Georgia", "Horlivka"), ("Niger", "Niamey"), ("Jordan", "Jisr al-Shughur")],
)  # fmt: skip
def test_not_look_alikes(country, place):
    assert not places.look_alike(places.phonetic_key(country), places.phonetic_key(place))


# -- the country a text is about ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Syrian troops left Homs. Iraqi officials said Syrian soldiers crossed into Iraq.", "SY"),
        ("Burmese troops shelled villages in Burma, Burmese media said.", "MM"),
        ("Fighting continued in Aleppo, Hama and Homs. Iraq and Syria closed the border.", "SY"),
        ("Iraq and Syria signed a deal.", None),
    ],
)
def test_dominant_country(text, expected):
    lex = places.lexicon()
    doc = Document(text)
    dominant, _ = places.dominant_country(doc, lex, places.country_mentions(doc, lex))
    assert dominant == expected


def test_names_inside_longer_names_are_not_mentions():
    text = (
        "Michael Jordan met officials from New Mexico and Papua New Guinea. Jordan Peterson "
        "spoke in the Niger Delta. In Jordan, the talks went on."
    )
    lex = places.lexicon()
    found = [m.name for m in places.country_mentions(Document(text), lex)]
    assert found == ["Papua New Guinea", "Jordan"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rebels entered the city of Swaziland on Monday.", ("local", "the city of Swaziland")),
        ("Rebels captured city of Swaziland.", ("local", "city of Swaziland")),
        ("Clashes spread to Swaziland province.", ("local", "Swaziland province")),
        ("Officials met in Swaziland state.", ("state", "Swaziland state")),
        ("Druze have captured bases in Swaziland", ("event", "in Swaziland")),
        ("Ministers discussed the war in Qatar.", None),
        ("The sperm bank in Yunnan province of China opened.", None),
        ("Jets flew over the US state of Alaska.", None),
        ("It used US state-of-the-art jets.", None),
        ("The state of Israel will respond.", None),
    ],
)
def test_place_usage(text, expected):
    doc = Document(text)
    lex = places.lexicon()
    starts = [s.start for s in doc.sentences]
    (mention,) = places.country_mentions(doc, lex)
    assert places.place_usage(doc, mention, starts) == expected


# -- the seeds ------------------------------------------------------------------------------------
def test_seed_000_generic_detection_finds_both_swazilands():
    text = SEED_000.read_text(encoding="utf-8")
    found = places.suspects(Document(text, SEED_000.name))
    assert [(s.start, s.end) for s in found] == _swaziland_offsets(text)
    assert {s.place for s in found} == {"Suayda"}
    assert {s.dominant for s in found} == {"SY"}
    assert [s.local for s in found] == [False, True]  # 'bases in Swaziland', 'the city of ...'


def test_seed_000_each_swaziland_reported_once(make_linter):
    text = SEED_000.read_text(encoding="utf-8")
    result = make_linter(select=["MT"]).lint_text(text, SEED_000.name)
    assert [(d.start, d.end) for d in result.diagnostics] == _swaziland_offsets(text)
    assert {d.rule for d in result.diagnostics} == {"MT101"}  # MT001 leaves the pack's spans
    assert {d.category.value for d in result.diagnostics} == {"mistranslation"}


def test_mt001_reports_the_seed_when_the_pack_does_not(make_linter, monkeypatch):
    monkeypatch.setattr(places, "_pack_rules", lambda: ())
    text = SEED_000.read_text(encoding="utf-8")
    result = make_linter(select=["MT001"]).lint_text(text, SEED_000.name)
    assert [(d.start, d.end) for d in result.diagnostics] == _swaziland_offsets(text)
    assert all("'Suayda'" in d.message and "Syria" in d.message for d in result.diagnostics)


def test_seed_000_fixed_has_no_swaziland(make_linter):
    text = SEED_000.read_text(encoding="utf-8")
    fixed = make_linter(select=["MT"], fix=True, unsafe=True).lint_text(text, SEED_000.name)
    assert "Swaziland" not in fixed.doc.text
    assert fixed.doc.text.count("Suwayda") == 2


def test_safe_fixes_leave_swaziland(make_linter):
    text = SEED_000.read_text(encoding="utf-8")
    fixed = make_linter(select=["MT"], fix=True).lint_text(text, SEED_000.name)
    assert fixed.doc.text.count("Swaziland") == 2


@pytest.mark.parametrize("path", OTHER_SEEDS, ids=lambda p: p.name[:3])
def test_other_seeds_are_silent(make_linter, path):
    text = path.read_text(encoding="utf-8")
    assert places.suspects(Document(text, path.name)) == []
    assert make_linter(select=["MT"]).lint_text(text, path.name).diagnostics == []


# -- across regions -------------------------------------------------------------------------------
FIRES = [
    (
        "Turkish rescuers searched the rubble in Malatya province. The quake also destroyed "
        "buildings in the city of Malta, Turkish officials said.",
        "Malta",
        "Malatya",
    ),
    (
        "Iraqi Kurdish forces withdrew from Kirkuk on Monday. Iraqi troops took control of "
        "Kyrgyzstan province without a fight.",
        "Kyrgyzstan",
        "Kirkuk",
    ),
    (
        "Houthi fighters attacked government positions around Marib. Yemeni officials said the "
        "clashes in the Morocco governorate killed twenty fighters.",
        "Morocco",
        "Marib",
    ),
    (
        "Mexican army units clashed with cartel gunmen in Sinaloa. The offensive in Senegal "
        "continued on Friday, Mexican officials said.",
        "Senegal",
        "Sinaloa",
    ),
    (
        "Nigerian police said gunmen abducted pupils in Zamfara. Nigerian troops freed them in "
        "Zambia state on Sunday.",
        "Zambia",
        "Zamfara",
    ),
    (
        "Protesters marched again in Mandalay. Burmese soldiers opened fire in the city of "
        "Mongolia, Burmese media said.",
        "Mongolia",
        "Mandalay",
    ),
]


@pytest.mark.parametrize("text,country,place", FIRES, ids=[f[1] for f in FIRES])
def test_country_for_local_place_fires(make_linter, text, country, place):
    result = make_linter(select=["MT"]).lint_text(text, "news.txt")
    start = text.index(country)
    assert [(d.rule, d.start, d.end) for d in result.diagnostics] == [
        ("MT001", start, start + len(country))
    ]
    fixed = make_linter(select=["MT"], fix=True, unsafe=True).lint_text(text, "news.txt")
    assert fixed.doc.text == text.replace(country, place)


SILENT = {
    "syria-diplomacy": "Turkish, Iranian and Russian ministers discussed Syria in Qatar. Syrian "
    "soldiers crossed into Iraq, and the Suayda province borders Jordan. The Hungarian Prime "
    "Minister met Syrian envoys, and Syrian officials thanked the United States and Russia.",
    "refugees-abroad": "Syrian refugees in Sweden protested against the shelling of Sweida.",
    "refugees-abroad-2": "Syrian refugees in Sweden protested on Sunday. Syrian forces shelled "
    "villages near Sweida, Syrian media said.",
    "sudan-chad": "Sudanese refugees fled Darfur into Chad. Sudanese militias captured villages "
    "near the border with Chad, and Chad closed its border near El Geneina.",
    "ukraine-georgia": "Ukrainian troops held positions near Horlivka. Ukrainian volunteers who "
    "fought in Georgia in 2008 joined units in Donetsk province, Ukrainian media said.",
    "myanmar": "Burmese troops shelled villages in Rakhine state near Bangladesh. The Burmese "
    "army also fought in Shan state and in the Mandalay region of Burma.",
    "sahel-niger": "Malian troops patrolled the banks of the Niger near Gao. Malian officials "
    "said militants captured a base in Niger, near Niamey, across the border.",
    "nigeria-niger-state": "Nigerian gunmen attacked villages in Niger state. Nigerian troops "
    "retook the base near Minna, Niger state officials said.",
    "us-states": "Americans in Georgia voted early. Voters in New Mexico and Washington state "
    "followed, American media said, and Georgia state officials counted ballots.",
    "lebanon-pennsylvania": "The American plant in the town of Lebanon, Pennsylvania, closed. "
    "American workers said the plant near Lancaster had been sold.",
    "peru-indiana": "American farmers in the town of Peru, Indiana, sold their land to a firm "
    "from Peoria, American newspapers said.",
    "papua-new-guinea": "Australian miners in Papua New Guinea went on strike near Port Moresby. "
    "Australian officials said the base in New Guinea was closed.",
    "state-of-israel": "Israeli officials said the state of Israel would respond. Israeli troops "
    "captured positions near Jenin.",
    "jordan-a-person": "American fans cheered as Michael Jordan scored. Jordan said the city of "
    "Chicago deserved the title, American reporters wrote.",
    "algeria-with-algiers": "French forces captured positions in Algeria in 1957. French "
    "paratroopers entered the city of Algiers, French archives show.",
    "swaziland-itself": "King Mswati III of Swaziland opened parliament in Mbabane. Swazi "
    "officials said the city of Manzini would host the ceremony.",
    "neighbour-in-local-news": "Syrian warplanes struck rebel bases in Turkey, Syrian media "
    "said. Russian ships docked at Tartus.",
    "georgia-the-us-state": "American soldiers returned to their bases in Georgia on Monday. "
    "The unit later deployed to Greenville, American officials said.",
    "federal-country-state": "Officials from Congo signed the deal in Brazzaville. Congo's "
    "ministers said the Brazil state oil company would drill off Congo.",
    "kuwait-city": "Iraqi forces shelled Kut. Iraqi troops entered the city of Kuwait in 1990, "
    "Iraqi veterans recalled.",
}


@pytest.mark.parametrize("text", SILENT.values(), ids=SILENT.keys())
def test_silent_in_legitimate_contexts(make_linter, text):
    assert make_linter(select=["MT"]).lint_text(text, "news.txt").diagnostics == []


# -- cost -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The council met in Springfield on Monday.",
        "Syria and Iraq signed a trade deal in Baghdad.",
        "Syrian troops clashed with rebels in Syria. Russian minister Sergei Lavrov said so.",
    ],
)
def test_gazetteer_not_loaded_without_a_suspect(monkeypatch, text):
    def unavailable():
        raise AssertionError("the gazetteer was loaded")

    monkeypatch.setattr(places, "places", unavailable)
    assert places.suspects(Document(text)) == []


# -- the fast readings find what the plain patterns find ------------------------------------------
def _texts(seed: int, count: int) -> list[str]:
    """Random texts of country names, demonyms, articles, place words and glue characters."""
    rng = random.Random(seed)
    lex = places.lexicon()
    words = sorted(lex.names)[::3] + sorted(lex.demonyms)[::3] + [
        "Syrians", "Nigerien", "Hong", "Kong", "New", "Papua", "South", "Suayda", "Sweida", "al",
        "as", "ash", "El", "As", "the", "city", "City", "province", "district", "area", "Areas",
        "suburbs", "of", "in", "İn", "inſide", "captured", "bases", "Ḥamāh", "é", "\u0301", "2",
        "_", "(", "’s", "'", "K", "Cityville",
    ]  # fmt: skip
    glue = [" ", " ", " ", "", "\n", "\n\n", "-", "’", "'", ". ", ", ", "\u00a0", "  "]
    return [
        "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 120)))
        for _ in range(count)
    ]


def _spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


def _plain_alternation(words: set[str], plural: bool = False) -> regex.Pattern[str]:
    body = "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    tail = "(?:s|es)?" if plural else ""
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}_])(?:{body}){tail}(?![\p{{L}}\p{{N}}_])")


def test_finders_find_what_the_alternations_find():
    lex = places.lexicon()
    plain = [_plain_alternation(set(lex.names)), _plain_alternation(set(lex.demonyms), True)]
    for text in _texts(1, 150) + [SEED_000.read_text(encoding="utf-8")]:
        letters = places._ascii_letters(text)
        runs = set(letters.split())
        for finder, pattern in zip((lex.names_finder, lex.demonyms_finder), plain, strict=True):
            found = _spans(finder.finditer(text, letters, runs))
            assert found == _spans(pattern.finditer(text)) == _spans(finder.pattern.finditer(text))


def test_names_near_read_what_the_whole_text_reads():
    lex = places.lexicon()
    for text in _texts(2, 40):
        doc = Document(text)
        whole = [(n.start, n.text, n.key) for n in places._Reading(doc, lex).names]
        for lo in range(0, len(text), 3):  # windows starting everywhere, 'as |Suwayda' too
            near = places._Reading(doc, lex).names_near([(lo, lo + 60)])
            inside = [(n.start, n.text, n.key) for n in near if lo <= n.start <= lo + 60]
            assert inside == [n for n in whole if lo <= n[0] <= lo + 60]


_ACROSS_LINES = [
    "Troops entered as\nSuwayda, and ash\nShaddadi fell; Homs-\nSyria and New\nJordan met.",
    "as\nSuayda\nas\n\nSweida el\nHasakah Jordan\nal-\nAssad Foo-\nSyria",
]


def _plain_names(doc: Document, lex: places.Lexicon) -> list[tuple[int, str, str]]:
    """The names as reading the whole text at once finds them."""
    reading = places._Reading(doc, lex)
    covered = sorted((start, end) for start, end, _ in (*reading.countries, *reading.demonyms))
    out, i, reach = [], 0, 0
    for m in places._Y_TOKEN.finditer(doc.text):
        while i < len(covered) and covered[i][0] <= m.start():
            reach = max(reach, covered[i][1])
            i += 1
        if m.start() >= reach and (word := lex.name_word(m.group())):
            out.append((m.start(), *word))
    return out


def test_names_read_line_by_line_are_those_of_the_whole_text():
    """Names are read line by line (and remembered); they are what reading the whole text
    finds, names whose article ends the line before included."""
    lex = places.lexicon()
    for text in _texts(5, 300) + _ACROSS_LINES + [SEED_000.read_text(encoding="utf-8")]:
        doc = Document(text)
        assert [tuple(n) for n in places._Reading(doc, lex).names] == _plain_names(doc, lex)
    names = {n.text for n in places._Reading(Document(_ACROSS_LINES[0]), lex).names}
    assert {"as\nSuwayda", "ash\nShaddadi"} <= names and "Suwayda" not in names


def test_place_phrases_read_what_the_whole_text_reads():
    for text in _texts(3, 300):
        assert _spans(places._place_phrases(text)) == _spans(places._Y_PLACE.finditer(text))


def _plain_place_usage(doc: Document, m: places.Mention, starts: list[int]):
    text = doc.text
    before, after = text[max(0, m.start - 40) : m.start], text[m.end : m.end + 20]
    if found := places._X_BEFORE.search(before):
        return "local", before[found.start() :] + m.name
    if found := places._X_AFTER.match(after):
        return "local", m.name + after[: found.end()]
    if found := places._X_STATE.match(after):
        return "state", m.name + after[: found.end()]
    if found := places._X_LOCATIVE.search(before):
        start, end = places._sentence_span(doc, starts, m.start)
        if places._LOCAL_EVENT.search(text, start, end):
            return "event", before[found.start() :] + m.name
    return None


def test_place_usage_tries_each_pattern_where_it_may_match():
    rng = random.Random(4)
    words = "the city of OF in IN İn İN inſide acroſs Near throughout province state captured"
    words = [*words.split(), "bases", "\x1c", "\u00a0", "\n"]
    lead = ["the city of", "captured town of", "City of", "in", "İn", "inſide", "acroſs", "of"]
    trail = ["province", "state", "state of", "district", "governorate", "x"]
    glue = [" ", "  ", "\n", " \n", "\x1c", "\u00a0", "", "-", ", "]
    for _ in range(3000):
        before = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(0, 4)))
        before += rng.choice(lead) + rng.choice(glue) if rng.random() < 0.7 else ""
        after = rng.choice(glue) + rng.choice(trail) if rng.random() < 0.7 else ""
        after += "".join(rng.choice(glue) + rng.choice(words) for _ in range(rng.randint(0, 2)))
        doc = Document(before + "Syria" + after)
        m = places.Mention(len(before), len(before) + 5, "Syria", "SY")
        starts = [s.start for s in doc.sentences]
        assert places.place_usage(doc, m, starts) == _plain_place_usage(doc, m, starts)


def test_gazetteer_data_is_kept_in_the_cache_folder_and_rebuilt_when_unreadable(tmp_path):
    from linter.usercache import kept

    cache = tmp_path / "mtlint" / "words.marshal"
    built = []

    def is_set(data: object) -> bool:
        return isinstance(data, frozenset)

    def build() -> frozenset[str]:
        built.append(1)
        return frozenset({"homs", "hama"})

    assert kept(cache, is_set, build) == {"homs", "hama"}
    assert kept(cache, is_set, build) == {"homs", "hama"}
    assert len(built) == 1  # the second read came from the file
    cache.write_bytes(b"\x00garbage")
    assert kept(cache, is_set, build) == {"homs", "hama"}
    assert len(built) == 2
    cache.write_bytes(__import__("marshal").dumps({"not": "a set"}))
    assert kept(cache, is_set, build) == {"homs", "hama"}
    assert len(built) == 3


def test_compact_gazetteer_answers_like_a_dict():
    from linter.gazetteer import Place, _packed, _Places

    data = {
        "homs": [Place("Homs", "SY", "city", 775404)],
        "hama": [Place("Hama", "SY", "city", 696863)],
        "tripoli": [
            Place("Tripoli", "LY", "city", 1150989),
            Place("Tripoli", "LB", "city", 229398),
        ],
    }
    places = _Places(*_packed(data))
    assert len(places) == 3 and sorted(places) == list(places) == ["hama", "homs", "tripoli"]
    for name, found in data.items():
        assert places.get(name) == found == places[name]
        assert name in places
    assert places.get("hamah") is None and places.get("zzz", ()) == ()
    assert "hamah" not in places and "" not in places
    with pytest.raises(KeyError):
        places["aleppo"]
    empty = _Places(*_packed({}))
    assert len(empty) == 0 and empty.get("homs") is None
