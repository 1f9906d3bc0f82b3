"""GR001 and the LanguageTool client, against a protocol double of the server (tests/lt_double.py);
one test runs against a real server when MTLINT_LT_URL is set."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter import languagetool
from linter.config import Config, LanguageToolConfig
from linter.languagetool import (
    Client,
    Match,
    Utf16Offsets,
    category_of,
    chunk_spans,
    probe,
    service_url,
    utf16_len,
)
from linter.model import Applicability, Category
from linter.rules_loader import load_registry
from linter.runner import Linter

from .conftest import ROOT, run_cli
from .lt_double import LanguageToolDouble

GR001 = load_registry(Config()).get("GR001")
SEED_003 = ROOT / "seeds" / "003_2cc586ffabee0b7f.txt"
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def lt():
    with LanguageToolDouble() as server:
        yield server


@pytest.fixture(autouse=True)
def fresh_backend(monkeypatch):
    """Each test sees a new process as far as the backend is concerned."""
    monkeypatch.setattr(languagetool, "_failure_reported", False)
    languagetool._client.cache_clear()
    languagetool._managed_server.cache_clear()
    yield
    languagetool._client.cache_clear()
    languagetool._managed_server.cache_clear()


def config_for(server: LanguageToolDouble, **options) -> Config:
    config = Config()
    config.languagetool = LanguageToolConfig(url=server.url, **options)
    return config


def lint(config: Config, text: str, select=("GR001",), fix=False, unsafe=False):
    rules = load_registry(config).select(list(select))
    return Linter(rules, config, fix=fix, unsafe=unsafe).lint_text(text, "example.txt")


def found(text: str, matches) -> list[tuple[str, str]]:
    return [(m.rule_id, text[m.start : m.end]) for m in matches]


# -- offsets ------------------------------------------------------------------------------------
def test_utf16_offsets_become_code_points():
    text = "𝒳a😀b"  # UTF-16: 𝒳=0-1, a=2, 😀=3-4, b=5
    offsets = Utf16Offsets(text)
    assert [offsets.to_code_points(u) for u in (0, 2, 3, 5, 6)] == [0, 1, 2, 3, 4]
    assert utf16_len(text) == 6 and utf16_len("plain") == 5


@given(st.text(alphabet=st.sampled_from("ab é\n😀𝒳中")))
def test_every_character_boundary_maps_back(text):
    offsets = Utf16Offsets(text)
    for i in range(len(text) + 1):
        assert offsets.to_code_points(utf16_len(text[:i])) == i


def test_astral_characters_before_a_match(lt):
    text = "𝒳 😀😀 They are between four to 12 miles away; teh 🙂 talks failed."
    matches = Client(config_for(lt).languagetool).check(text)
    assert found(text, matches) == [("BETWEEN_TO_AND", "to"), ("MORFOLOGIK_RULE_EN_US", "teh")]
    assert "😀" in lt.texts()[0]  # sent as is, never normalised


# -- chunks -------------------------------------------------------------------------------------
def _paragraphs(n: int, body: str) -> tuple[str, list[int]]:
    text, starts = "", []
    for i in range(n):
        starts.append(len(text))
        text += f"Paragraph {i}: {body}\n\n"
    return text, starts


def test_chunks_hold_whole_paragraphs_within_the_limit():
    text, starts = _paragraphs(10, "x" * 40)
    spans = chunk_spans(text, starts, limit=150)
    assert len(spans) > 1
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(utf16_len(text[s:e]) <= 150 for s, e in spans)
    assert all(s in starts for s, _ in spans)


def test_a_paragraph_over_the_limit_is_cut_after_sentences():
    text = " ".join(f"Sentence number {i} ends here." for i in range(40))
    spans = chunk_spans(text, [0], limit=100)
    assert len(spans) > 5
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(utf16_len(text[s:e]) <= 100 for s, e in spans)
    assert all(text[s:e].rstrip().endswith(".") for s, e in spans)


def test_the_limit_counts_utf16_units():
    text = "😀" * 30 + "\n\n" + "😀" * 5
    spans = chunk_spans(text, [0, 32], limit=20)
    assert all(utf16_len(text[s:e]) <= 20 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


def test_text_over_the_limit_goes_in_several_requests_with_offsets_right():
    with LanguageToolDouble(max_text_length=200) as server:
        text, starts = _paragraphs(12, "rebels said teh talks failed in the the city.")
        starts.append(len(text))
        text += "They are between four to 12 miles away.\n"
        matches = Client(config_for(server).languagetool, chunk_limit=200).check(text, starts)
        sent = server.texts()
    assert len(sent) > 3 and all(utf16_len(t) <= 200 for t in sent)
    assert "".join(sorted(sent, key=text.index)) == text  # sent concurrently, in any order
    assert found(text, matches).count(("MORFOLOGIK_RULE_EN_US", "teh")) == 12
    assert found(text, matches).count(("ENGLISH_WORD_REPEAT_RULE", "the the")) == 12
    assert found(text, matches)[-1] == ("BETWEEN_TO_AND", "to")


def test_one_long_paragraph_is_split_with_offsets_right(lt):
    text = " ".join(f"In 😀 {i} officials said teh talks failed." for i in range(30))
    matches = Client(config_for(lt).languagetool, chunk_limit=120).check(text, [0])
    assert len(lt.checks) > 5 and all(utf16_len(t) <= 120 for t in lt.texts())
    assert found(text, matches) == [("MORFOLOGIK_RULE_EN_US", "teh")] * 30


def test_text_over_the_server_limit_is_an_error_not_retried(lt, capsys):
    lt.max_text_length = 50
    text = "Officials said teh talks had failed after the meeting in the capital."
    assert Client(config_for(lt).languagetool).check(text) == []
    assert "HTTP 413" in capsys.readouterr().err
    assert len(lt.checks) == 1  # a client error is not retried


def test_unchanged_text_is_not_sent_again(lt):
    client = Client(config_for(lt).languagetool)
    text = "Officials said teh talks failed."
    assert client.check(text) == client.check(text)
    assert len(lt.checks) == 1


# -- mapping ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, rule_id, category",
    [
        ("They are between four to 12 miles away.", "BETWEEN_TO_AND", Category.GRAMMAR),
        ("Officials said teh talks failed.", "MORFOLOGIK_RULE_EN_US", Category.SPELLING),
        ("A cease fire was agreed.", "EN_COMPOUNDS", Category.SPELLING),
        ("The talks  failed.", "WHITESPACE_RULE", Category.WHITESPACE),
        ("The talks failed.. Then", "DOUBLE_PUNCTUATION", Category.PUNCTUATION),
        ("Rebels entered the the city.", "ENGLISH_WORD_REPEAT_RULE", Category.REPETITION),
    ],
)
def test_categories_come_from_languagetool(lt, text, rule_id, category):
    (d,) = lint(config_for(lt), text).diagnostics
    assert d.rule == "GR001" and d.category is category
    assert d.message.startswith(f"[{rule_id}] ")


def _match(category_id: str, issue_type: str) -> Match:
    return Match(0, 1, "X", "m", (), category_id, issue_type)


@pytest.mark.parametrize(
    "category_id, issue_type, category",
    [
        ("TYPOGRAPHY", "typographical", Category.PUNCTUATION),
        ("TYPOGRAPHY", "whitespace", Category.WHITESPACE),
        ("MISC", "duplication", Category.REPETITION),
        ("REPETITIONS_STYLE", "style", Category.REPETITION),
        ("CASING", "typographical", Category.SPELLING),
        ("CONFUSED_WORDS", "grammar", Category.GRAMMAR),
        ("SOMETHING_NEW", "other", Category.GRAMMAR),
    ],
)
def test_category_table(category_id, issue_type, category):
    assert category_of(_match(category_id, issue_type)) is category


def test_one_replacement_is_an_unsafe_fix(lt):
    text = "They are between four to 12 miles away."
    (d,) = lint(config_for(lt), text).diagnostics
    assert d.fix.applicability is Applicability.UNSAFE
    assert [(e.start, e.end, e.replacement) for e in d.fix.edits] == [(22, 24, "and")]
    fixed = lint(config_for(lt), text, fix=True, unsafe=True)
    assert fixed.doc.text == "They are between four and 12 miles away."
    assert lint(config_for(lt), text, fix=True).doc.text == text  # not a safe fix


def test_several_replacements_are_a_suggestion_listing_them(lt):
    (d,) = lint(config_for(lt), "Officials said teh talks failed.").diagnostics
    assert d.fix.applicability is Applicability.DISPLAY
    assert d.message == (
        "[MORFOLOGIK_RULE_EN_US] Possible spelling mistake found. "
        "Suggestions: 'the', 'tea', 'ten', 'eh'."
    )
    assert "'the', 'tea', 'ten', 'eh'" in d.fix.description


def test_our_rule_wins_on_the_same_span(lt):
    text = "Rebels entered the the city. They are between four to 12 miles away."
    result = lint(config_for(lt), text, select=("RE001", "GR001"))
    assert [(d.rule, text[d.start : d.end]) for d in result.diagnostics] == [
        ("RE001", "the the"),
        ("GR001", "to"),
    ]
    assert len(lint(config_for(lt), text).diagnostics) == 2  # LanguageTool did report both


def test_misspelt_names_are_left_out(lt):
    text = "Iran's top diplomat Abbas Araghchi said teh talks failed."
    assert [text[d.start : d.end] for d in lint(config_for(lt), text).diagnostics] == ["teh"]
    assert "Araghchi" in lt.texts()[0]


def test_rule_options_reach_the_server(lt):
    text = "Rebels entered the the city in order to pray."
    config = config_for(lt, disabled_rules=["ENGLISH_WORD_REPEAT_RULE"], picky=True)
    assert [text[d.start : d.end] for d in lint(config, text).diagnostics] == ["in order to"]
    assert lt.checks[-1]["disabledRules"] == "ENGLISH_WORD_REPEAT_RULE"
    assert lt.checks[-1]["level"] == "picky" and lt.checks[-1]["language"] == "en-US"
    config = config_for(lt, enabled_rules=["IN_ORDER_TO"], language="en-GB")
    assert len(lint(config, text).diagnostics) == 2
    assert lt.checks[-1]["enabledRules"] == "IN_ORDER_TO" and "level" not in lt.checks[-1]
    assert len(lint(config_for(lt), text).diagnostics) == 1  # default: off


def test_no_server_no_findings_and_no_request(lt):
    assert lint(Config(), "They are between four to 12 miles away.").diagnostics == []
    assert lt.checks == []


# -- the rule's own examples, against the double ------------------------------------------------
@pytest.mark.parametrize("example", GR001.fails, ids=lambda e: e.plain[:30])
def test_gr001_fails_examples(lt, example):
    result = lint(config_for(lt), example.plain)
    assert sorted((d.start, d.end) for d in result.diagnostics) == sorted(example.marked)
    if example.fixed is not None:
        fixed = lint(config_for(lt), example.plain, fix=True, unsafe=True)
        assert fixed.doc.text == example.fixed
        again = lint(config_for(lt), fixed.doc.text)
        assert not [d for d in again.diagnostics if d.fixable]


@pytest.mark.parametrize("example", GR001.passes, ids=lambda e: e.plain[:30])
def test_gr001_passes_examples(lt, example):
    assert lint(config_for(lt), example.plain).diagnostics == []


# -- failures: HTTP errors, timeouts, one retry, one warning ------------------------------------
def test_a_server_error_is_retried_once(lt, capsys):
    lt.misbehave(times=1, status=503)
    matches = Client(config_for(lt).languagetool).check("Officials said teh talks failed.")
    assert len(matches) == 1 and len(lt.checks) == 2
    assert capsys.readouterr().err == ""


def test_a_failed_chunk_yields_nothing_and_one_warning(lt, capsys):
    lt.misbehave(times=4, status=500)
    client = Client(config_for(lt).languagetool)
    assert client.check("Officials said teh talks failed.") == []
    assert client.check("Rebels entered the the city.") == []
    assert len(lt.checks) == 4  # each chunk: a request and one retry
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("mtlint: warning: LanguageTool: HTTP 500 from")
    assert [m.rule_id for m in client.check("They are between four to 12 miles away.")] == [
        "BETWEEN_TO_AND"
    ]  # the server is back: checking goes on, without another warning
    assert capsys.readouterr().err == ""


def test_a_timeout_is_retried_once(lt, capsys):
    lt.misbehave(times=1, delay=1.5)
    client = Client(config_for(lt).languagetool, timeout=0.5)
    started = time.monotonic()
    assert len(client.check("Officials said teh talks failed.")) == 1
    assert time.monotonic() - started < 1.4 and len(lt.checks) == 2
    assert capsys.readouterr().err == ""


def test_a_server_that_stays_silent_is_given_up(lt, capsys):
    lt.misbehave(times=100, delay=0.6)
    text, starts = _paragraphs(6, "Officials said teh talks failed.")
    client = Client(config_for(lt).languagetool, chunk_limit=60, timeout=0.2, workers=1)
    assert client.check(text, starts) == []
    assert len(lt.checks) == 2 * languagetool.MAX_CONSECUTIVE_FAILURES
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "no answer from" in err[0] and "within 0.2 s" in err[0]


# -- probe and URLs -----------------------------------------------------------------------------
def test_probe(lt):
    assert probe(LanguageToolConfig(url=lt.url)) is None
    assert probe(LanguageToolConfig(url=lt.url + "/v2/", language="de-DE")) is None
    assert "does not support language 'xx'" in probe(LanguageToolConfig(url=lt.url, language="xx"))
    assert probe(LanguageToolConfig(url=UNREACHABLE)).startswith(
        "cannot reach http://127.0.0.1:9/v2/languages"
    )
    assert lt.checks == []  # probing sends no text


def test_service_url():
    assert service_url("http://localhost:8081") == "http://localhost:8081/v2"
    assert service_url("https://api.languagetool.org/v2/") == "https://api.languagetool.org/v2"


def test_local_needs_java(monkeypatch):
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: None)
    assert "needs Java" in probe(LanguageToolConfig(local=True))


def test_local_never_downloads(monkeypatch):
    import language_tool_python
    from language_tool_python.download_lt import LocalLanguageTool

    def refuse(*args, **kwargs):
        raise AssertionError("must not start (and so download) LanguageTool")

    monkeypatch.setattr(languagetool.shutil, "which", lambda name: "/usr/bin/java")
    monkeypatch.setattr(
        LocalLanguageTool, "get_latest_installed_version", classmethod(lambda c: None)
    )
    monkeypatch.setattr(language_tool_python, "LanguageTool", refuse)
    assert "no LanguageTool is installed" in probe(LanguageToolConfig(local=True))


def test_local_uses_the_managed_server(lt, monkeypatch):
    import language_tool_python
    from language_tool_python.download_lt import LocalLanguageTool

    class Installed:
        version_name = "6.6"

    class Managed:  # what language-tool-python's LanguageTool exposes of its server
        def __init__(self, language, language_tool_download_version):
            assert (language, language_tool_download_version) == ("en-US", "6.6")
            self.url = f"{lt.url}/v2/"

    monkeypatch.setattr(languagetool.shutil, "which", lambda name: "/usr/bin/java")
    monkeypatch.setattr(
        LocalLanguageTool, "get_latest_installed_version", classmethod(lambda c: Installed())
    )
    monkeypatch.setattr(language_tool_python, "LanguageTool", Managed)
    settings = LanguageToolConfig(local=True)
    assert probe(settings) is None
    assert settings.url == f"{lt.url}/v2"  # worker processes reuse this one server
    text = "They are between four to 12 miles away."
    assert found(text, Client(settings).check(text)) == [("BETWEEN_TO_AND", "to")]


# -- the command line ---------------------------------------------------------------------------
WARNING = re.compile(r"^mtlint: warning: LanguageTool: .*$", re.M)


def test_unreachable_server_is_one_warning_and_the_rest_goes_on():
    proc = run_cli("check", str(ROOT / "seeds"), "--languagetool", UNREACHABLE, "--no-source")
    err = proc.stderr.decode()
    assert WARNING.findall(err) == [
        "mtlint: warning: LanguageTool: cannot reach http://127.0.0.1:9/v2/languages "
        "([Errno 111] Connection refused); grammar checks skipped"
    ]
    assert proc.returncode == 1 and "Found " in proc.stdout.decode()
    assert "GR001" not in proc.stdout.decode()


def test_unreachable_server_with_require_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A clean sentence.\n", encoding="utf-8")
    proc = run_cli("check", str(path), "--languagetool", UNREACHABLE, "--require-languagetool")
    assert proc.returncode == 2 and "cannot reach" in proc.stderr.decode()


def test_cli_json_and_unsafe_fix(lt, tmp_path):
    path = tmp_path / "story.txt"
    text = "😀 They are between four to 12 miles away.\n\nOfficials said teh talks failed.\n"
    path.write_text(text, encoding="utf-8")
    only_gr = ("--select", "GR001", "--languagetool", lt.url)  # "teh" is also a spelling finding
    proc = run_cli("check", str(path), *only_gr, "--format", "json")
    items = json.loads(proc.stdout)
    assert [(text[i["span"]["start"] : i["span"]["end"]], i["category"]) for i in items] == [
        ("to", "grammar"),
        ("teh", "spelling"),
    ]
    assert items[0]["name"] == "languagetool" and items[0]["span"]["column"] == 25
    assert [i["fix"]["applicability"] for i in items] == ["unsafe", "display"]
    run_cli("check", str(path), *only_gr, "--fix", "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == text.replace("four to 12", "four and 12")


def test_cli_seed_003_between_to(lt):
    proc = run_cli("check", str(SEED_003), "--languagetool", lt.url, "--format", "json")
    text = SEED_003.read_text(encoding="utf-8")
    spans = [(i["span"]["start"], i["span"]["end"]) for i in json.loads(proc.stdout)]
    phrase = text.index("between four to 12 miles")
    assert (phrase + len("between four "), phrase + len("between four to")) in spans


def test_cli_failure_mid_run_is_reported_once_per_process(lt, tmp_path):
    for name in ("a.txt", "b.txt"):
        paragraphs = [f"Officials said teh talks {i} failed." for i in range(3)]
        text = "\n\n".join([*paragraphs, "The army  said so."]) + "\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    lt.misbehave(times=1000, status=500)
    proc = run_cli("check", str(tmp_path), "--languagetool", lt.url, "--no-source", "-j", "1")
    assert len(WARNING.findall(proc.stderr.decode())) == 1
    assert "GR001" not in proc.stdout.decode() and proc.returncode == 1


# -- a real server ------------------------------------------------------------------------------
@pytest.mark.languagetool
@pytest.mark.skipif(not os.environ.get("MTLINT_LT_URL"), reason="MTLINT_LT_URL is not set")
def test_a_real_server():
    settings = LanguageToolConfig(url=os.environ["MTLINT_LT_URL"])
    assert probe(settings) is None
    text = "😀 𝒳 This is is a test.\n\nRebels entered the the city yesterday.\n"
    whole = Client(settings).check(text, [0, text.index("Rebels")])
    assert ("ENGLISH_WORD_REPEAT_RULE", "is is") in found(text, whole)
    assert ("ENGLISH_WORD_REPEAT_RULE", "the the") in found(text, whole)
    one_paragraph_a_request = Client(settings, chunk_limit=40)
    chunked = one_paragraph_a_request.check(text, [0, text.index("Rebels")])
    assert found(text, chunked) == found(text, whole)
