"""The command line, through a subprocess, as users and CI run it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, run_cli

DATA = Path(__file__).parent / "data"
DIRTY = "The army  said.\nIt ended last year.The group left. \n"


@pytest.fixture
def seeds(tmp_path):
    dest = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", dest)
    return dest


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean sentence.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY, encoding="utf-8")
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", str(dirty)).returncode == 1
    assert run_cli("check", str(dirty), "--select", "NOPE").returncode == 2
    assert run_cli("check", str(tmp_path / "missing.txt")).returncode == 2


def test_text_output_like_ruff(tmp_path):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY, encoding="utf-8")
    out = run_cli("check", str(dirty)).stdout.decode()
    assert f"{dirty}:1:9: WS002 [*] [whitespace] 2 spaces in a row inside a line" in out
    assert "1 | The army  said." in out and "^^" in out
    assert "Found 3 findings." in out and "fixable with the `--fix` option" in out


def test_json_contract(seeds):
    proc = run_cli("check", str(seeds), "--format", "json")
    assert proc.returncode == 1
    items = json.loads(proc.stdout)
    assert items
    keys = {"path", "rule", "name", "category", "severity", "message", "span", "fix"}
    for item in items:
        assert set(item) == keys
        assert set(item["span"]) == {"start", "end", "line", "column", "end_line", "end_column"}
        text = Path(item["path"]).read_text(encoding="utf-8")
        start, end = item["span"]["start"], item["span"]["end"]
        assert 0 <= start <= end <= len(text)
        lines = text.split("\n")
        offset = sum(len(line) + 1 for line in lines[: item["span"]["line"] - 1])
        assert offset + item["span"]["column"] - 1 == start
        if item["fix"] is not None:
            assert item["fix"]["applicability"] in {"safe", "unsafe", "display"}
            for edit in item["fix"]["edits"]:
                assert set(edit) == {"start", "end", "replacement"}


def test_jsonl_format_matches_json(seeds):
    as_json = json.loads(run_cli("check", str(seeds), "--format", "json").stdout)
    lines = run_cli("check", str(seeds), "--format", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == as_json


def test_sarif_validates_against_the_official_schema(seeds):
    proc = run_cli("check", str(seeds), "--format", "sarif")
    log = json.loads(proc.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"]


def test_github_annotations(tmp_path):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY, encoding="utf-8")
    out = run_cli("check", str(dirty), "--format", "github").stdout.decode().splitlines()
    assert out[0].startswith(f"::warning file={dirty},line=1,col=9,")
    assert all(line.startswith("::") for line in out)


def test_diff_applies_and_equals_fix(seeds, tmp_path):
    diff = run_cli("check", "seeds", "--diff", cwd=seeds.parent)
    assert diff.returncode == 1
    assert b"# mtlint: safe fixes" in diff.stdout
    copy = tmp_path / "copy"
    shutil.copytree(seeds, copy / "seeds")
    subprocess.run(["patch", "-p0", "-s"], input=diff.stdout, cwd=copy, check=True)
    assert run_cli("check", "seeds", "--fix", "--unsafe-fixes", cwd=seeds.parent).returncode in (
        0,
        1,
    )
    for f in seeds.iterdir():
        assert (copy / "seeds" / f.name).read_bytes() == f.read_bytes(), f.name
    before = {f.name: f.read_bytes() for f in seeds.iterdir()}
    run_cli("check", "seeds", "--fix", "--unsafe-fixes", cwd=seeds.parent)
    assert {f.name: f.read_bytes() for f in seeds.iterdir()} == before
    assert run_cli("check", "seeds", "--diff", cwd=seeds.parent).stdout == b""


def test_fix_keeps_encoding_bom_and_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    raw = "\ufeffThe army  said.\r\nIt left. \r\n".encode("utf-16-le")
    path.write_bytes(b"\xff\xfe" + raw[2:])
    assert run_cli("check", str(path), "--fix").returncode == 0
    assert path.read_bytes() == b"\xff\xfe" + "The army said.\r\nIt left.\r\n".encode("utf-16-le")
    utf8 = tmp_path / "bom.md"
    utf8.write_bytes(b"\xef\xbb\xbfTitle  here.\r\n")
    run_cli("check", str(utf8), "--fix")
    assert utf8.read_bytes() == b"\xef\xbb\xbfTitle here.\r\n"


def test_unreadable_files_are_skipped_with_a_message(tmp_path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9  au lait.\n".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("Fine  text.\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path), "--fix")
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "binary file" in err and "not valid UTF-8" in err
    assert binary.read_bytes() == b"\x00\x01\x02binary"
    assert latin.read_bytes() == "Caf\xe9  au lait.\n".encode("latin-1")
    assert good.read_text(encoding="utf-8") == "Fine text.\n"


def test_too_large_file_is_skipped(tmp_path):
    (tmp_path / "mtlint.toml").write_text("max-file-size = 10\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("x" * 100 + "\n", encoding="utf-8")
    proc = run_cli("check", str(big))
    assert proc.returncode == 2 and "too large" in proc.stderr.decode()


def test_stdin_fix_writes_fixed_text_to_stdout():
    proc = run_cli("check", "-", "--fix", stdin=b"It ended last year.The group left.  \n")
    assert proc.stdout == b"It ended last year. The group left.\n"
    proc = run_cli("check", "-", "--format", "json", stdin=b"the the end.\n")
    assert json.loads(proc.stdout)[0]["rule"] == "RE001"


def test_jsonl_records(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "a1", "text": "Clean text.", "lang": "en"}\n'
        '{"text": "Dirty  text.", "id": "b2", "n": 1.50}\n'
        "not json\n"
        '{"id": "c3", "body": "no text field"}\n',
        encoding="utf-8",
    )
    items = json.loads(run_cli("check", str(corpus), "--format", "json").stdout)
    assert [i["path"] for i in items] == [f"{corpus}#b2"]
    proc = run_cli("check", str(corpus), "--fix")
    assert "line 3: invalid JSON" in proc.stderr.decode()
    lines = corpus.read_text(encoding="utf-8").split("\n")
    assert lines[0] == '{"id": "a1", "text": "Clean text.", "lang": "en"}'
    assert json.loads(lines[1]) == {"text": "Dirty text.", "id": "b2", "n": 1.5}
    assert list(json.loads(lines[1])) == ["text", "id", "n"]
    assert lines[2] == "not json" and lines[3] == '{"id": "c3", "body": "no text field"}'


def test_markdown_code_and_suppressions(tmp_path):
    md = tmp_path / "doc.md"
    md.write_text(
        "# Title\n\n```\ncode  with  spaces\n```\n\nInline `a  b` code.\n\n"
        "<!-- mtlint-disable-next-line WS002 -->\nKept  double.\n\n"
        "<!-- mtlint-disable -->\nOff  here.\n<!-- mtlint-enable -->\n\nOn  here.\n",
        encoding="utf-8",
    )
    items = json.loads(run_cli("check", str(md), "--format", "json").stdout)
    assert [(i["rule"], i["span"]["line"]) for i in items] == [("WS002", 16)]


def test_gitignore_and_exclude(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored/\n*.skip.txt\n", encoding="utf-8")
    for name in ["ignored/a.txt", "b.skip.txt", "keep/c.txt", "keep/d.txt", "e.py"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("Bad  spacing.\n", encoding="utf-8")
    items = json.loads(
        run_cli("check", ".", "--format", "json", "--exclude", "keep/d.txt", cwd=tmp_path).stdout
    )
    assert sorted(Path(i["path"]).as_posix() for i in items) == ["keep/c.txt"]


def test_config_select_and_per_file_ignores(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mtlint]\nignore = ["WS004"]\n'
        '[tool.mtlint.per-file-ignores]\n"legacy/*" = ["whitespace"]\n',
        encoding="utf-8",
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.txt").write_text("Old  text.", encoding="utf-8")
    (tmp_path / "new.txt").write_text("New  text.", encoding="utf-8")
    items = json.loads(run_cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    assert [(Path(i["path"]).name, i["rule"]) for i in items] == [("new.txt", "WS002")]


def test_config_errors_name_file_and_key(tmp_path):
    (tmp_path / "mtlint.toml").write_text('selectt = ["WS"]\n', encoding="utf-8")
    proc = run_cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "mtlint.toml" in proc.stderr.decode() and "unknown key 'selectt'" in proc.stderr.decode()
    (tmp_path / "mtlint.toml").write_text("preview = 3\n", encoding="utf-8")
    proc = run_cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "key 'preview'" in proc.stderr.decode()


def test_baseline_hides_known_findings_even_when_lines_shift(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Some  text.\n", encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert run_cli("check", str(doc), "--write-baseline", str(base)).returncode == 0
    doc.write_text("New first line.\n\nSome  text.\n", encoding="utf-8")
    assert run_cli("check", str(doc), "--baseline", str(base)).returncode == 0
    doc.write_text("New first line.\n\nSome  text.\nMore   text.\n", encoding="utf-8")
    items = json.loads(
        run_cli("check", str(doc), "--baseline", str(base), "--format", "json").stdout
    )
    assert [i["span"]["line"] for i in items] == [4]


def test_rules_and_rule_commands():
    listing = run_cli("rules").stdout.decode()
    assert "WS001" in listing and "trailing-whitespace" in listing
    doc = run_cli("rule", "ws001").stdout.decode()
    assert "# WS001 trailing-whitespace" in doc and "## Why" in doc and "✗" in doc and "✓" in doc
    assert run_cli("rule", "XX999").returncode == 2


def test_statistics(seeds):
    out = run_cli("check", str(seeds), "--statistics", "-q", "--no-source").stdout.decode()
    assert "\tWS004\t[*] missing-final-newline" in out
