"""The LanguageTool backend: a ``/v2/check`` client that sends text in paragraph-aligned chunks
with bounded concurrency, a timeout and one retry, converts LanguageTool's UTF-16 offsets to
code points, maps its categories onto ours, and the probe the command line runs first."""

from __future__ import annotations

import bisect
import http.client
import json
import shutil
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import regex

from . import __version__
from .config import LanguageToolConfig
from .model import Applicability, Category, Fix

CHUNK_LIMIT = 20_000  # UTF-16 code units per request: the public API's limit for one text
MAX_WORKERS = 4  # concurrent requests per client
TIMEOUT = 60.0  # seconds for one request
PROBE_TIMEOUT = 10.0
MAX_CONSECUTIVE_FAILURES = 3  # failed chunks in a row before the backend gives up for the run
CACHE_CHUNKS = 512  # answers kept per client, so fix rounds do not resend unchanged text
MAX_CHOICES = 5  # replacements listed for a suggestion with several choices

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_SENTENCE_CUT = regex.compile(r"[.!?…][\"'”’»)\]]*\s+")

# LanguageTool's ITS issue types that decide the category on their own, then its category ids.
_ISSUE_CATEGORY = {
    "whitespace": Category.WHITESPACE,
    "duplication": Category.REPETITION,
    "misspelling": Category.SPELLING,
}
_LT_CATEGORY = {
    "TYPOS": Category.SPELLING,
    "CASING": Category.SPELLING,
    "COMPOUNDING": Category.SPELLING,
    "PUNCTUATION": Category.PUNCTUATION,
    "TYPOGRAPHY": Category.PUNCTUATION,
    "REPETITIONS": Category.REPETITION,
    "REPETITIONS_STYLE": Category.REPETITION,
}


class RequestError(Exception):
    """A request LanguageTool did not answer usefully; ``transient`` ones are worth a retry."""

    def __init__(self, reason: str, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with code-point offsets into the checked text."""

    start: int
    end: int
    rule_id: str
    message: str
    replacements: tuple[str, ...]
    category_id: str
    issue_type: str

    def shifted(self, by: int) -> Match:
        return replace(self, start=self.start + by, end=self.end + by)


# -- mapping ------------------------------------------------------------------------------------
def category_of(match: Match) -> Category:
    """Our category for a LanguageTool match: by issue type, then category id, else grammar."""
    return (
        _ISSUE_CATEGORY.get(match.issue_type)
        or _LT_CATEGORY.get(match.category_id)
        or Category.GRAMMAR
    )


def describe(match: Match) -> str:
    """LanguageTool's message on one line and, when it offers several replacements, the
    choices (the rule's message template puts the LanguageTool rule id before it)."""
    text = " ".join(match.message.split())
    if len(match.replacements) > 1:
        text += f" Suggestions: {_choices(match.replacements)}."
    return text


def fix_of(match: Match) -> Fix | None:
    """One replacement: an unsafe fix. Several: a suggestion (DISPLAY) listing the choices."""
    if not match.replacements:
        return None
    first = match.replacements[0]
    if len(match.replacements) == 1:
        return Fix.replace(
            match.start, match.end, first, f"Replace with '{first}'", Applicability.UNSAFE
        )
    return Fix.replace(
        match.start,
        match.end,
        first,
        f"Replace with one of {_choices(match.replacements)}",
        Applicability.DISPLAY,
    )


def _choices(values: Sequence[str]) -> str:
    shown = ", ".join(f"'{v}'" for v in values[:MAX_CHOICES])
    return shown + (", ..." if len(values) > MAX_CHOICES else "")


# -- offsets and chunks -------------------------------------------------------------------------
def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as LanguageTool (Java) counts."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class Utf16Offsets:
    """Converts UTF-16 offsets into one text to code-point offsets."""

    def __init__(self, text: str) -> None:
        # The UTF-16 offset just after each astral character (two code units, one code point).
        self._after = (
            []
            if text.isascii()
            else [m.start() + 2 + n for n, m in enumerate(_ASTRAL.finditer(text))]
        )
        self._length = len(text)

    def to_code_points(self, offset: int) -> int:
        code_point = offset - bisect.bisect_right(self._after, offset)
        return max(0, min(code_point, self._length))


def chunk_spans(
    text: str, boundaries: Sequence[int], limit: int = CHUNK_LIMIT
) -> list[tuple[int, int]]:
    """Contiguous spans covering ``text``, each at most ``limit`` UTF-16 units, cut only at
    ``boundaries`` (paragraph starts) unless one paragraph alone exceeds the limit."""
    cuts = sorted({b for b in boundaries if 0 < b < len(text)})
    edges = [0, *cuts, len(text)]
    spans: list[tuple[int, int]] = []
    start, width = 0, 0
    for seg_start, seg_end in zip(edges, edges[1:], strict=False):
        seg_width = utf16_len(text[seg_start:seg_end])
        if width + seg_width <= limit:
            width += seg_width
            continue
        if width:
            spans.append((start, seg_start))
        start, width = seg_start, seg_width
        if seg_width > limit:
            pieces = _split_long(text, seg_start, seg_end, limit)
            spans += pieces[:-1]
            start = pieces[-1][0]
            width = utf16_len(text[start:seg_end])
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut one over-long paragraph into pieces of at most ``limit`` UTF-16 units, after a
    sentence end where there is one in the second half of the window, else after a space."""
    pieces = []
    while True:
        stop = min(end, start + limit)
        while (over := utf16_len(text[start:stop]) - limit) > 0:
            stop -= over
        if stop == end:
            pieces.append((start, end))
            return pieces
        window = text[start:stop]
        cut = max((m.end() for m in _SENTENCE_CUT.finditer(window)), default=0)
        if cut < len(window) // 2:
            cut = max(cut, window.rfind(" ") + 1)
        stop = start + max(1, cut or len(window))
        pieces.append((start, stop))
        start = stop


# -- requests -----------------------------------------------------------------------------------
def service_url(url: str) -> str:
    """The ``/v2`` base of a server URL given with or without it."""
    base = url.rstrip("/")
    return base if base.endswith("/v2") else base + "/v2"


def _request(url: str, timeout: float, form: dict[str, str] | None = None) -> object:
    """GET (or POST ``form``) and decode the JSON answer; failures raise RequestError."""
    data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
    req = urllib.request.Request(
        url,
        data=data,
        headers={"Accept": "application/json", "User-Agent": f"mtlint/{__version__}"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        reason = f"HTTP {exc.code} from {url}" + (f": {detail[0][:200]}" if detail else "")
        raise RequestError(reason, transient=exc.code in _RETRY_STATUS) from exc
    except TimeoutError as exc:
        raise RequestError(f"no answer from {url} within {timeout:g} s", True) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise RequestError(f"no answer from {url} within {timeout:g} s", True) from exc
        raise RequestError(f"cannot reach {url} ({exc.reason})", True) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:  # cut off, or not JSON
        raise RequestError(f"bad answer from {url} ({exc!r})", True) from exc


def _matches(answer: object, text: str) -> tuple[Match, ...]:
    """The matches of a ``/v2/check`` answer, offsets converted to code points of ``text``."""
    if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
        raise RequestError("the answer has no 'matches' list")
    offsets = Utf16Offsets(text)
    out = []
    try:
        for m in answer["matches"]:
            rule = m["rule"]
            offset, length = int(m["offset"]), int(m["length"])
            out.append(
                Match(
                    start=offsets.to_code_points(offset),
                    end=offsets.to_code_points(offset + length),
                    rule_id=str(rule["id"]),
                    message=str(m["message"]),
                    replacements=tuple(str(r["value"]) for r in m.get("replacements", ())),
                    category_id=str(rule.get("category", {}).get("id", "")),
                    issue_type=str(rule.get("issueType", "")),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise RequestError(f"a match in the answer is malformed ({exc!r})") from exc
    return tuple(out)


_failure_lock = threading.Lock()
_failure_reported = False


def _report_failure(reason: str) -> None:
    """Tell the user once per process that some text went unchecked."""
    global _failure_reported
    with _failure_lock:
        if _failure_reported:
            return
        _failure_reported = True
    print(
        f"mtlint: warning: LanguageTool: {reason}; grammar checks skipped for the text concerned",
        file=sys.stderr,
    )


class Client:
    """Checks texts against one server with one set of options."""

    def __init__(
        self,
        config: LanguageToolConfig,
        chunk_limit: int = CHUNK_LIMIT,
        timeout: float = TIMEOUT,
        workers: int = MAX_WORKERS,
    ) -> None:
        self.config = config
        self.chunk_limit = chunk_limit
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="languagetool")
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Match, ...]] = OrderedDict()
        self._failures = 0
        self._base: str | None = None

    def check(self, text: str, boundaries: Sequence[int] = ()) -> list[Match]:
        """All matches in ``text`` (code-point offsets), chunked at ``boundaries``."""
        spans = [
            (s, e) for s, e in chunk_spans(text, boundaries, self.chunk_limit) if text[s:e].strip()
        ]
        if not spans or self._given_up():
            return []
        chunks = [text[s:e] for s, e in spans]
        if len(chunks) == 1:
            answers = [self._chunk(chunks[0])]
        else:
            answers = list(self._pool.map(self._chunk, chunks))
        return [m.shifted(s) for (s, _), found in zip(spans, answers, strict=True) for m in found]

    def _given_up(self) -> bool:
        with self._lock:
            return self._failures >= MAX_CONSECUTIVE_FAILURES

    def _chunk(self, chunk: str) -> tuple[Match, ...]:
        with self._lock:
            if chunk in self._cache:
                self._cache.move_to_end(chunk)
                return self._cache[chunk]
        if self._given_up():
            return ()
        try:
            found = self._ask(chunk)
        except RequestError as exc:
            with self._lock:
                self._failures += 1
            _report_failure(str(exc))
            found = ()
        else:
            with self._lock:
                self._failures = 0
        with self._lock:
            self._cache[chunk] = found
            if len(self._cache) > CACHE_CHUNKS:
                self._cache.popitem(last=False)
        return found

    def _ask(self, chunk: str) -> tuple[Match, ...]:
        """One request, retried once when the failure may pass."""
        url = self._base_url() + "/check"
        form = check_form(self.config, chunk)
        try:
            return _matches(_request(url, self.timeout, form), chunk)
        except RequestError as exc:
            if not exc.transient:
                raise
        return _matches(_request(url, self.timeout, form), chunk)

    def _base_url(self) -> str:
        if self._base is None:
            self._base = base_url(self.config)
        return self._base


def check_form(config: LanguageToolConfig, text: str) -> dict[str, str]:
    """The form fields of a ``/v2/check`` request."""
    form = {"text": text, "language": config.language}
    if config.enabled_rules:
        form["enabledRules"] = ",".join(config.enabled_rules)
    if config.disabled_rules:
        form["disabledRules"] = ",".join(config.disabled_rules)
    if config.picky:
        form["level"] = "picky"
    return form


@lru_cache(maxsize=8)
def _client(
    url: str | None,
    local: bool,
    language: str,
    enabled: tuple[str, ...],
    disabled: tuple[str, ...],
    picky: bool,
) -> Client:
    return Client(LanguageToolConfig(url, local, language, list(enabled), list(disabled), picky))


def client_for(config: LanguageToolConfig) -> Client:
    """The process's client for these settings (its cache and thread pool are shared)."""
    return _client(
        config.url,
        config.local,
        config.language,
        tuple(config.enabled_rules),
        tuple(config.disabled_rules),
        config.picky,
    )


# -- the server: remote, or language-tool-python's managed one ----------------------------------
def base_url(config: LanguageToolConfig) -> str:
    """The ``/v2`` URL to talk to: ``url`` if set, else a local server started through
    language-tool-python (``local = true``). Raises RequestError when there is none."""
    if config.url:
        return service_url(config.url)
    if config.local:
        return service_url(_managed_server(config.language).url)
    raise RequestError("no server is configured (set url or local)")


@lru_cache(maxsize=1)
def _managed_server(language: str) -> Any:
    """language-tool-python's own server, started once per process (the cache keeps it alive;
    the library stops it at exit). Only an installed LanguageTool is used, never downloaded."""
    if shutil.which("java") is None:
        raise RequestError("local = true needs Java, which is not on PATH")
    from language_tool_python import LanguageTool
    from language_tool_python.download_lt import LocalLanguageTool
    from language_tool_python.exceptions import LanguageToolError

    installed = LocalLanguageTool.get_latest_installed_version()
    if installed is None:
        raise RequestError(
            "local = true: no LanguageTool is installed for language-tool-python "
            "(see docs/languagetool.md)"
        )
    try:
        return LanguageTool(language, language_tool_download_version=installed.version_name)
    except (LanguageToolError, OSError, ValueError) as exc:
        raise RequestError(f"the local LanguageTool server did not start ({exc})") from exc


def probe(config: LanguageToolConfig) -> str | None:
    """None when the server answers and knows the language; otherwise a one-line reason.
    With ``local = true`` this starts the managed server and records its URL in ``config.url``,
    so that worker processes share that one server instead of starting their own."""
    try:
        base = base_url(config)
        languages = _request(base + "/languages", PROBE_TIMEOUT)
    except RequestError as exc:
        return str(exc)
    if not isinstance(languages, list):
        return f"{base}/languages did not answer with a list of languages"
    known = {
        str(entry.get(key, "")).casefold()
        for entry in languages
        if isinstance(entry, dict)
        for key in ("code", "longCode")
    }
    if config.language.casefold() not in known | {"auto"}:
        return f"the server at {base} does not support language '{config.language}'"
    config.url = config.url or base
    return None
