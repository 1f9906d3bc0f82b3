"""AC rules: acronym definitions, their later uses, and swapped well-known acronyms."""

from __future__ import annotations

import random

import pytest

from linter.checks.acronyms import (
    LEXICON,
    _Mentions,
    _name_before,
    consistent,
    initials,
    is_acronym,
    key,
    load_lexicon,
)
from linter.config import Config
from linter.document import Document
from linter.packs import RULES_DIR, builtin_packs
from linter.rules_loader import load_registry
from linter.runner import Linter

from .conftest import ROOT

REGISTRY = load_registry(Config())
AC_RULES = REGISTRY.select(["AC"])


def lint(text: str, fix: bool = False) -> tuple[list[tuple[str, str]], str]:
    """(rule, matched text) of every AC finding, and the text after all fixes."""
    result = Linter(AC_RULES, Config(), fix=fix, unsafe=True).lint_text(text, "news.txt")
    found = [(d.rule, result.doc.text[d.start : d.end]) for d in result.diagnostics]
    return found, result.doc.text


def words(text: str):
    doc = Document(text + " (X)")
    return _name_before(doc, len(text) + 1)


# -- the lexicon -------------------------------------------------------------------------------
def test_lexicon_is_found_through_rules_dir_and_is_not_a_rule_pack():
    assert LEXICON.is_relative_to(RULES_DIR) and LEXICON.is_file()
    assert LEXICON not in builtin_packs()


def test_lexicon_knows_the_organisations_of_the_issue():
    lexicon = load_lexicon()
    wanted = (
        "HTS SOHR IAEA RSF SAF ECOWAS UNHCR OCHA AFP NATO ICRC MSF WHO WFP IMF AU EU "
        "ASEAN SADC IGAD SDF YPG PKK ISIS ISIL AQIM JNIM M23 TPLF"
    )
    assert set(wanted.split()) <= lexicon.acronyms
    assert len(lexicon.organisations) >= 40
    assert {o.name for o in lexicon.organisations if o.accepts("RSF")} == {
        "Rapid Support Forces",
        "Reporters Without Borders",
    }


def test_swaps_leave_out_known_acronyms_words_and_unrelated_acronyms():
    lexicon = load_lexicon()
    assert [acronym for _, acronym in lexicon.swapped("HST")] == ["HTS"]
    assert {org.name for org, _ in lexicon.swapped("RFS")} == {
        "Rapid Support Forces",
        "Reporters Without Borders",
    }
    assert not lexicon.swapped("HTS")
    assert not lexicon.swapped("FSA")  # Free Syrian Army, itself in the lexicon
    assert not lexicon.swapped("HOW")  # an English word, not a swapped WHO
    assert not lexicon.swapped("MFI") and not lexicon.swapped("PAF")  # listed as unrelated
    assert not lexicon.swapped("UBS")  # common enough to be something else
    assert not lexicon.swapped("ABC")


# -- letters of names --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,acronym",
    [
        ("Hayat Tahrir al-Sham", "HTS"),
        ("Economic Community of West African States", "ECOWAS"),
        ("Intergovernmental Authority on Development", "IGAD"),
        ("al-Qaeda in the Islamic Maghreb", "AQIM"),
        ("Tehreek-e-Taliban Pakistan", "TTP"),
        ("Lashkar-e-Taiba", "LeT"),
        ("Agence France-Presse", "AFP"),
        ("Tigray People's Liberation Front", "TPLF"),
        ("Organization for Security and Co-operation in Europe", "OSCE"),
    ],
)
def test_consistent_names(name, acronym):
    assert consistent(acronym, words(name))


@pytest.mark.parametrize(
    "name,acronym",
    [
        ("Hayat Tahrir al-Sham", "HST"),
        ("World Health Organization", "WOH"),
        ("Rapid Support Forces", "RFS"),
        ("Kurdistan Workers' Party", "PKK"),
    ],
)
def test_inconsistent_names(name, acronym):
    assert not consistent(acronym, words(name))


def test_name_stops_at_lower_case_words_and_punctuation():
    assert [w.text for w in words("the head of the Islamist group Hayat Tahrir al-Sham")] == [
        "Hayat",
        "Tahrir",
        "al-Sham",
    ]
    assert [w.text for w in words("in Syria, the Syrian Democratic Forces")] == [
        "Syrian",
        "Democratic",
        "Forces",
    ]
    assert initials(words("Jama'at Nusrat al-Islam wal-Muslimin")) == "JNIM"


@pytest.mark.parametrize("token", ["HTS", "LeT", "ECOWAS", "FAMa"])
def test_is_acronym(token):
    assert is_acronym(token)


@pytest.mark.parametrize("token", ["miles", "Iran", "A", "T-55", "BMP-1", "G7"])
def test_is_not_acronym(token):
    assert not is_acronym(token)


# -- the seeds ---------------------------------------------------------------------------------
def test_seed_001_definition_and_uses_are_reported_and_fixed():
    text = (ROOT / "seeds" / "001_9e1bdf19eaf7a455.txt").read_text(encoding="utf-8")
    found, _ = lint(text)
    assert found == [("AC001", "HST"), ("AC002", "HST"), ("AC002", "HST")]
    _, fixed = lint(text, fix=True)
    assert "HST" not in fixed and "Hayat Tahrir al-Sham (HTS)" in fixed


@pytest.mark.parametrize(
    "name",
    [
        "000_d63e0e97bfe59d35",
        "002_a909801c9f83239d",
        "003_2cc586ffabee0b7f",
        "004_093832ea78139b12",
    ],
)
def test_other_seeds_are_silent(name):
    text = (ROOT / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    assert lint(text)[0] == []


def test_message_gives_the_evidence():
    result = Linter(AC_RULES, Config()).lint_text(
        "The group Hayat Tahrir al-Sham (HST) said. HST fighters left.", "a.txt"
    )
    messages = [d.message for d in result.diagnostics]
    assert messages == [
        "'HST' does not match the initials of 'Hayat Tahrir al-Sham' (HTS)",
        "'HST' is defined for 'Hayat Tahrir al-Sham' on line 1, whose initials are HTS",
    ]
    assert all(d.fix.applicability.value == "unsafe" for d in result.diagnostics)


# -- realistic paragraphs ----------------------------------------------------------------------
# Each story is written clean; the swapped version injects the errors marked ⟦…⟧, and after
# fixing it must equal the clean story.
STORIES = {
    "sahel": (
        "BAMAKO, Mali — Jama'at Nusrat al-Islam wal-Muslimin ({JNIM}), al-Qaeda's affiliate in "
        "the Sahel, claimed an attack on a military camp near Boulkessi on Tuesday, days after "
        "the Islamic State Sahel Province (ISSP) struck a convoy near Ménaka. The Economic "
        "Community of West African States ({ECOWAS}) has lost three members since Mali, Burkina "
        "Faso and Niger formed the Alliance of Sahel States (AES), whose juntas accuse the bloc of "
        "serving French interests. {JNIM2} fighters also blockaded the road to Kayes, the Armed "
        "Forces of Mali (FAMa) said, while the Strategic Framework for the Defence of the People "
        "of Azawad (CSP-DPA) reported clashes near Kidal with Wagner Group mercenaries, now "
        "rebranded as Africa Corps. The UN Office for the Coordination of Humanitarian Affairs "
        "(OCHA) says more than 400,000 people have fled, AFP reported. The Coordination of "
        "Azawad Movements (CMA) and the National Movement for the Liberation of Azawad (MNLA) "
        "merged into the Azawad Liberation Front (FLA) last year."
    ),
    "sudan": (
        "PORT SUDAN — The Rapid Support Forces ({RSF}) said on Sunday they had taken full "
        "control of El Fasher, the last major city in Darfur held by the Sudanese Armed Forces "
        "(SAF) and allied Joint Forces. The World Food Programme (WFP) warned of famine in the "
        "Zamzam camp, and Médecins Sans Frontières (MSF) said its teams had treated dozens of "
        "wounded. The Intergovernmental Authority on Development (IGAD) called for a ceasefire. "
        "Army chief Abdel Fattah al-Burhan vowed to retake the city, and the {SAF2} said its "
        "drones had struck {RSF2} positions in Kordofan. RSF commander Mohamed Hamdan Dagalo, "
        "known as Hemedti, said his forces would protect civilians. The International Criminal "
        "Court (ICC) has opened an investigation, and Reporters Without Borders (RSF) said two "
        "journalists had been killed. Sudan's Rapid Support Forces (RSF) deny the charges."
    ),
    "ukraine": (
        "KYIV — Russian drones struck energy facilities in five regions overnight, Ukraine's air "
        "force said. The International Atomic Energy Agency ({IAEA}) said the Zaporizhzhia "
        "Nuclear Power Plant (ZNPP) had lost off-site power for the tenth time, and {IAEA2} chief "
        "Rafael Grossi called for restraint. The Security Service of Ukraine (SBU) claimed a "
        "drone attack on a refinery in Russia's Ryazan region, while the Main Intelligence "
        "Directorate (HUR) said it had hit a radar station in Crimea. NATO Secretary-General "
        "Mark Rutte met Volodymyr Zelensky in Kyiv. The Armed Forces of Ukraine (AFU) said "
        "Russian troops had advanced near Pokrovsk. Moscow's Federal Security Service (FSB) "
        "said it had detained a man suspected of spying for the {SBU2}. Observers of the "
        "Organization for Security and Co-operation in Europe (OSCE) left in 2022; the "
        "self-proclaimed Luhansk People's Republic (LNR) and Donetsk People's Republic (DPR) "
        "were annexed that year, and Russia's Main Intelligence Directorate (GRU) was blamed."
    ),
    "myanmar": (
        "YANGON — The Myanmar National Democratic Alliance Army (MNDAA) handed the city of "
        "Lashio back to the junta in April under a China-brokered deal, while the Ta'ang "
        "National Liberation Army ({TNLA}) held on to Mogoke. The National Unity Government "
        "(NUG) said People's Defence Force (PDF) units had attacked a police station in "
        "Sagaing, and the {NUG2} appealed for aid. The Arakan Army (AA) now controls most of "
        "Rakhine State, and the Association of Southeast Asian Nations (ASEAN) urged all sides "
        "to implement its five-point consensus. The UN refugee agency UNHCR said more than 3.5 "
        "million people are displaced. The Kachin Independence Army (KIA) captured the "
        "rare-earth mining hub of Chipwe, the Karen National Union (KNU) said, as the junta's "
        "State Administration Council (SAC) prepared for elections. The Arakan Rohingya "
        "Salvation Army (ARSA) denied the accusation, a PDF report said."
    ),
    "syria": (
        "The Syrian Observatory for Human Rights ({SOHR}) said the Syrian Democratic Forces "
        "(SDF) had withdrawn from Deir ez-Zor, while Turkish-backed factions of the Syrian "
        "National Army (SNA) advanced on Manbij. The Kurdish People's Protection Units (YPG), "
        "which Ankara considers an offshoot of the Kurdistan Workers' Party (PKK), form the "
        "backbone of the SDF. Hayat Tahrir al-Sham leader Ahmed al-Sharaa met the UN envoy in "
        "Damascus, and {HTS} officials promised elections. The Organisation for the "
        "Prohibition of Chemical Weapons (OPCW) sent inspectors. The Lebanese Armed Forces "
        "(LAF) and the Israel Defense Forces (IDF) exchanged fire, and UNHCR said the Islamic "
        "State (ISIS) still holds desert pockets, as the Popular Mobilization Forces (PMF) of "
        "Iraq, Hashd al-Shaabi (PMF), watched the border."
    ),
}
CLEAN = {
    "JNIM": "JNIM",
    "JNIM2": "JNIM",
    "ECOWAS": "ECOWAS",
    "RSF": "RSF",
    "RSF2": "RSF",
    "SAF2": "SAF",
    "IAEA": "IAEA",
    "IAEA2": "IAEA",
    "SBU2": "SBU",
    "TNLA": "TNLA",
    "NUG2": "NUG",
    "SOHR": "SOHR",
    "HTS": "HTS",
}
SWAPPED = {
    "JNIM": "⟦JNMI⟧",
    "JNIM2": "⟦JNMI⟧",
    "ECOWAS": "⟦ECOWSA⟧",
    "RSF": "⟦RFS⟧",
    "RSF2": "⟦RFS⟧",
    "SAF2": "⟦AFS⟧",
    "IAEA": "⟦IEAA⟧",
    "IAEA2": "⟦IEAA⟧",
    "SBU2": "⟦BSU⟧",
    "TNLA": "⟦TLNA⟧",
    "NUG2": "⟦UNG⟧",
    "SOHR": "⟦SORH⟧",
    "HTS": "⟦HST⟧",
}


def _spans(text: str) -> tuple[str, set[int]]:
    """The text without ⟦…⟧ marks, and the offsets of the marked spans."""
    plain, spans = "", set()
    for i, part in enumerate(text.split("⟦")):
        if i:
            wrong, rest = part.split("⟧", 1)
            spans.add(len(plain))
            plain += wrong + rest
        else:
            plain += part
    return plain, spans


def score(stories: dict[str, str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of AC on swapped stories."""
    tp = fp = fn = 0
    for story in stories.values():
        text, expected = _spans(story.format(**SWAPPED))
        result = Linter(AC_RULES, Config()).lint_text(text, "story.txt")
        reported = {d.start for d in result.diagnostics}
        tp += len(reported & expected)
        fp += len(reported - expected)
        fn += len(expected - reported)
    return tp, fp, fn


@pytest.mark.parametrize("name", sorted(STORIES))
def test_clean_story_is_silent(name):
    assert lint(STORIES[name].format(**CLEAN))[0] == []


@pytest.mark.parametrize("name", sorted(STORIES))
def test_swapped_story_is_reported_and_fixed(name):
    text, expected = _spans(STORIES[name].format(**SWAPPED))
    result = Linter(AC_RULES, Config()).lint_text(text, "story.txt")
    assert {d.start for d in result.diagnostics} == expected
    assert lint(text, fix=True)[1] == STORIES[name].format(**CLEAN)


def test_stories_precision_and_recall():
    tp, fp, fn = score(STORIES)
    assert (tp, fp, fn) == (13, 0, 0)


def test_names_found_around_their_words_as_in_the_whole_key():
    """_Mentions keys only windows around a word of the name; the answer is that of the whole
    key, also with respellings, symbols, accents and long texts without spaces."""
    rng = random.Random(5)
    lexicon = load_lexicon()
    names = [n for org in lexicon.organisations for n in org.names]
    extra = "Organisation programme Defence & AND Hay'at Ḥayat Taḥrīr al-Sham UN ﬁeld İ".split()
    glue = [" ", " ", "\n", "-", ", ", "", "'", "’", "  ", " & ", "&"]
    keys = sorted(lexicon.by_name)
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 40)):
            name = rng.choice(names) if rng.random() < 0.5 else rng.choice(extra)
            if rng.random() < 0.3:  # British spellings that key() makes American
                name = name.replace("ization", "isation").replace("Defense", "Defence")
            parts.append(name.upper() if rng.random() < 0.2 else name)
            parts.append(rng.choice(glue))
        text = "".join(parts)
        whole = f" {key(text)} "
        mentions = _Mentions(text)
        assert {k for k in keys if k in mentions} == {k for k in keys if f" {k} " in whole}
    assert "ab and cd" in _Mentions("AB & CD") and "ab and cd" in _Mentions("ab&cd")
    assert "world health organization" in _Mentions("the World Health Organisation")
