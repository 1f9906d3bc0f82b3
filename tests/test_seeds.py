"""The bundled seeds against the acceptance spec (../shared/seeds-expected.json), via the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED, run_cli

SPEC = SHARED / "seeds-expected.json"
pytestmark = pytest.mark.skipif(
    not SPEC.is_file(), reason="acceptance spec not beside the checkout"
)


@pytest.fixture(scope="module")
def spec():
    return json.loads(SPEC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    proc = run_cli("check", str(corpus), "--format", "json")
    assert proc.returncode == 1, proc.stderr.decode()
    return corpus, json.loads(proc.stdout)


def _locate(text: str, find: str, occurrence: int) -> tuple[int, int]:
    index = -1
    for _ in range(occurrence):
        index = text.index(find, index + 1)
    return index, index + len(find)


def test_seed_copies_are_the_spec_seeds():
    for path in (SHARED / "seeds").iterdir():
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_expected_findings_are_found(spec, linted, registry):
    corpus, diags = linted
    categories = {r.category.value for r in registry}
    corpus_rules = any(r.corpus for r in registry)
    missing = []
    for f in spec["findings"]:
        if f["category"] not in categories or (f.get("corpus") and not corpus_rules):
            continue
        text = (corpus / f["file"]).read_text(encoding="utf-8")
        start, end = _locate(text, f["find"], f["occurrence"])
        if not any(
            Path(d["path"]).name == f["file"]
            and d["category"] == f["category"]
            and d["span"]["start"] < end
            and max(d["span"]["end"], d["span"]["start"] + 1) > start
            for d in diags
        ):
            missing.append((f["file"][:3], f["category"], f["find"]))
    assert not missing


def test_seeds_have_no_encoding_findings(linted):
    _, diags = linted
    assert not [d for d in diags if d["category"] == "encoding"], "the seeds are clean UTF-8"
