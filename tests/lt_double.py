"""A protocol double of a LanguageTool server, for tests on machines without LanguageTool.

It serves ``POST /v2/check`` (form fields text, language, enabledRules, disabledRules,
level=picky) and ``GET /v2/languages`` on 127.0.0.1 with answers shaped like LanguageTool's
JSON (offsets and lengths in UTF-16 code units), and finds a handful of errors by pattern, under
rule ids, categories and issue types like LanguageTool's, so that it behaves like a server on
real text. It records every check request and can be told to answer late or with an error.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"
_MISSPELLINGS = {
    "teh": ["the", "tea", "ten", "eh"],
    "goverment": ["government"],
    "recieved": ["received"],
    "rrads": ["reads", "roads", "rads"],
    "Araghchi": ["Arachis"],  # LanguageTool's speller does not know most names
}
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]


@dataclass(frozen=True)
class PatternRule:
    id: str
    pattern: re.Pattern[str]
    message: str
    short: str
    description: str
    category: tuple[str, str]
    issue_type: str
    suggest: object  # callable(match) -> list[str]
    group: int = 0  # the marked part of the pattern
    default_on: bool = True  # off: only with level=picky or enabledRules


RULES = [
    PatternRule(
        "BETWEEN_TO_AND",
        re.compile(rf"\bbetween {_NUMBER} (to) (?={_NUMBER}\b)", re.I),
        "Use 'between … and …' for a range, not 'between … to …'.",
        "Wrong preposition",
        "between … to … (and)",
        ("GRAMMAR", "Grammar"),
        "grammar",
        lambda m: ["and"],
        group=1,
    ),
    PatternRule(
        "ENGLISH_WORD_REPEAT_RULE",
        re.compile(r"\b(\w+) \1\b", re.I),
        "Possible typo: you repeated a word.",
        "Word repetition",
        "Word repetition (e.g. 'will will')",
        ("MISC", "Miscellaneous"),
        "duplication",
        lambda m: [m.group(1)],
    ),
    PatternRule(
        "MORFOLOGIK_RULE_EN_US",
        re.compile(r"\b(?:" + "|".join(_MISSPELLINGS) + r")\b"),
        "Possible spelling mistake found.",
        "Spelling mistake",
        "Possible spelling mistake",
        ("TYPOS", "Possible Typo"),
        "misspelling",
        lambda m: list(_MISSPELLINGS[m.group()]),
    ),
    PatternRule(
        "WHITESPACE_RULE",
        re.compile(r"(?<=\S) {2,}(?=\S)"),
        "Possible typo: you repeated a whitespace.",
        "",
        "Whitespace repetition (bad formatting)",
        ("TYPOGRAPHY", "Typography"),
        "whitespace",
        lambda m: [" "],
    ),
    PatternRule(
        "DOUBLE_PUNCTUATION",
        re.compile(r"(?<![.])\.\.(?![.])"),
        "Two consecutive dots.",
        "",
        "Use of two consecutive dots or commas",
        ("PUNCTUATION", "Punctuation"),
        "typographical",
        lambda m: [".", "…"],
    ),
    PatternRule(
        "EN_COMPOUNDS",
        re.compile(r"\bcease fire\b", re.I),
        "This word is normally spelled as one or with a hyphen.",
        "",
        "Hyphenated words, e.g., 'case-sensitive' instead of 'case sensitive'",
        ("MISC", "Miscellaneous"),
        "misspelling",
        lambda m: ["ceasefire", "cease-fire"],
    ),
    PatternRule(
        "IN_ORDER_TO",
        re.compile(r"\bin order to\b", re.I),
        "Consider a shorter alternative to avoid wordiness.",
        "Wordiness",
        "in order to (to)",
        ("STYLE", "Style"),
        "style",
        lambda m: ["to"],
        default_on=False,
    ),
]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def find_matches(text: str, form: dict[str, str]) -> list[dict]:
    """What the double reports for ``text`` under the request's options, LanguageTool-shaped."""
    disabled = set(filter(None, form.get("disabledRules", "").split(",")))
    enabled = set(filter(None, form.get("enabledRules", "").split(",")))
    picky = form.get("level") == "picky"
    out = []
    for r in RULES:
        if r.id in disabled or not (r.default_on or picky or r.id in enabled):
            continue
        for m in r.pattern.finditer(text):
            start, end = m.span(r.group)
            out.append(_match_json(text, start, end, r, r.suggest(m)))
    out.sort(key=lambda item: item["offset"])
    return out


def _match_json(text: str, start: int, end: int, r: PatternRule, values: list[str]) -> dict:
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    sentence_end = min(
        (i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    return {
        "message": r.message,
        "shortMessage": r.short,
        "replacements": [{"value": v} for v in values],
        "offset": utf16(text[:start]),
        "length": utf16(text[start:end]),
        "context": {
            "text": text[lo:hi],
            "offset": utf16(text[lo:start]),
            "length": utf16(text[start:end]),
        },
        "sentence": text[sentence_start : sentence_end + 1].strip(),
        "type": {"typeName": "Other"},
        "rule": {
            "id": r.id,
            "description": r.description,
            "issueType": r.issue_type,
            "category": {"id": r.category[0], "name": r.category[1]},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


class LanguageToolDouble:
    """The server: ``with LanguageToolDouble() as lt: ... lt.url ...``."""

    def __init__(self, max_text_length: int | None = None) -> None:
        self.max_text_length = max_text_length  # in UTF-16 units, like LanguageTool's
        self.checks: list[dict[str, str]] = []  # form fields of every /v2/check request
        self._plan: deque[tuple[int | None, float]] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def misbehave(self, times: int = 1, status: int | None = None, delay: float = 0.0) -> None:
        """Make the next ``times`` check requests wait ``delay`` seconds and/or fail with
        HTTP ``status``."""
        with self._lock:
            self._plan.extend([(status, delay)] * times)

    def texts(self) -> list[str]:
        with self._lock:
            return [form.get("text", "") for form in self.checks]

    def start(self) -> LanguageToolDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> LanguageToolDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_behaviour(self, form: dict[str, str]) -> tuple[int | None, float]:
        with self._lock:
            self.checks.append(form)
            return self._plan.popleft() if self._plan else (None, 0.0)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                if url.path == "/v2/languages":
                    self._send(200, LANGUAGES)
                elif url.path == "/v2/check":
                    self._check({k: v[0] for k, v in parse_qs(url.query).items()})
                else:
                    self._send(404, "Error: unknown path")

            def do_POST(self) -> None:
                if urlparse(self.path).path != "/v2/check":
                    self._send(404, "Error: unknown path")
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                form = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
                self._check(form)

            def _check(self, form: dict[str, str]) -> None:
                status, delay = double._next_behaviour(form)
                if delay:
                    time.sleep(delay)
                if status is not None:
                    self._send(status, f"Error: internal error (status {status})")
                    return
                text, language = form.get("text", ""), form.get("language", "")
                if language not in {e["longCode"] for e in LANGUAGES} | {"en", "de", "auto"}:
                    self._send(400, f"Error: '{language}' is not a language code known to LT.")
                    return
                limit = double.max_text_length
                if limit is not None and utf16(text) > limit:
                    self._send(
                        413,
                        f"Error: Your text exceeds the limit of {limit} characters "
                        f"(it's {utf16(text)} characters). Please submit a shorter text.",
                    )
                    return
                self._send(200, _answer(text, form))

            def _send(self, status: int, payload: object) -> None:
                is_json = not isinstance(payload, str)
                body = (json.dumps(payload) if is_json else payload).encode("utf-8")
                try:
                    self.send_response(status)
                    kind = "application/json" if is_json else "text/plain"
                    self.send_header("Content-Type", f"{kind}; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

        return Handler


def _answer(text: str, form: dict[str, str]) -> dict:
    return {
        "software": {
            "name": "LanguageTool",
            "version": "6.6",
            "buildDate": "2025-03-27 10:00:00 +0000",
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": "English (US)",
            "code": form.get("language", "en-US"),
            "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99},
        },
        "matches": find_matches(text, form),
    }
