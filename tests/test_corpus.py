"""Corpus runs: parallel output identical to serial, JSONL streamed in chunks, saved profiles."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from linter.corpus import CorpusStats, load_profile, save_profile
from linter.document import Document
from linter.sources import iter_lines

from .conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A small corpus of shuffled seed paragraphs, in files and in one JSONL file."""
    folder = tmp_path_factory.mktemp("corpus")
    paragraphs = [
        p
        for f in sorted((ROOT / "seeds").iterdir())
        for p in f.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    rng = random.Random(7)
    records = []
    for i in range(40):
        rng.shuffle(paragraphs)
        text = "\n\n".join(paragraphs[:8]) + "\n"
        (folder / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
        records.append(
            json.dumps({"id": f"r{i}", "text": text, "source": "test"}, ensure_ascii=False)
        )
    (folder / "records.jsonl").write_text("\n".join(records * 30) + "\n", encoding="utf-8")
    return folder


def test_jobs_1_and_2_print_identical_output(corpus):
    for fmt in ("json", "text"):
        one = run_cli("check", str(corpus), "--format", fmt, "--jobs", "1")
        two = run_cli("check", str(corpus), "--format", fmt, "--jobs", "2")
        assert one.returncode == two.returncode == 1
        assert one.stdout == two.stdout


def test_jsonl_is_linted_in_chunks_with_right_paths(corpus):
    items = json.loads(run_cli("check", str(corpus / "records.jsonl"), "--format", "json").stdout)
    paths = {i["path"].rsplit("#", 1)[1] for i in items}
    assert paths <= {f"r{i}" for i in range(40)} and len(paths) >= 5


def test_jsonl_fix_streams_and_keeps_other_lines(tmp_path, corpus):
    path = tmp_path / "records.jsonl"
    shutil.copy(corpus / "records.jsonl", path)
    before = path.read_text(encoding="utf-8").split("\n")
    run_cli("check", str(path), "--fix", "--select", "WS004,WS002")
    after = path.read_text(encoding="utf-8").split("\n")
    assert len(after) == len(before) == 1201
    for old, new in zip(before, after, strict=False):
        if old:
            a, b = json.loads(old), json.loads(new)
            assert a.keys() == b.keys() and a["id"] == b["id"] and a["source"] == b["source"]
    assert not list(tmp_path.glob(".*.mtlint"))


def test_iter_lines_round_trips_bytes():
    data = b'{"a": 1}\r\n\xff\xfe bad\n\n{"b": 2}'
    chunks = [data[i : i + 3] for i in range(0, len(data), 3)]
    lines = list(iter_lines(chunks))
    assert "\n".join(lines).encode("utf-8", "surrogateescape") == data


def test_profile_round_trip_and_merge(tmp_path):
    a = CorpusStats.of(Document("Top of page\nStory one.\n", "a.txt"))
    b = CorpusStats.of(Document("Top of page\nStory two.\n", "b.txt"))
    merged = CorpusStats().merge(a).merge(b)
    assert merged.documents == 2 and merged.line_documents["top of page"] == 2
    for name in ("p.json", "p.json.gz"):
        save_profile(merged, tmp_path / name)
        loaded = load_profile(tmp_path / name)
        assert loaded.to_json() == merged.to_json()


def test_profile_command_and_check_with_profile(tmp_path, corpus):
    profile = tmp_path / "profile.json.gz"
    proc = run_cli("profile", str(corpus), "-o", str(profile), "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    stats = load_profile(profile)
    assert stats.documents == 40 + 1200
    one = tmp_path / "one.txt"
    one.write_text("Share on Facebook\nStory text.\n", encoding="utf-8")
    assert run_cli("check", str(one), "--profile", str(profile)).returncode in (0, 1)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert run_cli("check", str(one), "--profile", str(bad)).returncode == 2


def test_progress_stays_off_when_not_a_terminal(corpus):
    proc = run_cli("check", str(corpus), "--progress", "-q")
    assert b"docs/s" not in proc.stderr


def test_cache_gives_the_same_findings_and_is_invalidated_by_content(tmp_path, corpus):
    folder = tmp_path / "c"
    shutil.copytree(corpus, folder)
    cold = run_cli("check", ".", "--format", "json", cwd=folder)
    assert (folder / ".mtlint_cache" / "cache.sqlite").is_file()
    warm = run_cli("check", ".", "--format", "json", cwd=folder)
    assert warm.stdout == cold.stdout
    target = folder / "doc000.txt"
    target.write_text(target.read_text(encoding="utf-8") + "Added  text.\n", encoding="utf-8")
    changed = json.loads(run_cli("check", ".", "--format", "json", cwd=folder).stdout)
    fresh = json.loads(run_cli("check", ".", "--format", "json", "--no-cache", cwd=folder).stdout)
    assert changed == fresh
    assert any(i["path"].endswith("doc000.txt") and i["rule"] == "WS002" for i in changed)


def test_near_duplicate_documents_are_reported_once_per_pair(tmp_path):
    story = (ROOT / "seeds" / "002_a909801c9f83239d.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b.txt").write_text(story.replace("Sunday", "Sunday morning", 1), encoding="utf-8")
    (tmp_path / "c.txt").write_text("A different story about floods in Assam.\n", encoding="utf-8")
    items = json.loads(
        run_cli("check", str(tmp_path), "--select", "DU003", "--format", "json").stdout
    )
    assert [(i["path"].rsplit("/", 1)[1], i["rule"]) for i in items] == [("b.txt", "DU003")]
    assert "a.txt (similarity " in items[0]["message"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one",
        "one two",
        "a\n\nb c",
        "a\nb\nc\nd",
        "One, two three.\n\nFour five six seven\n\n\nEight",
        "x y\n z\n\nw v u t\ns",
    ],
)
def test_signature_is_the_minhash_of_all_word_trigrams(text):
    """Trigram hashes are memoised per line; trigrams across lines must still be counted."""
    import zlib

    from datasketch import MinHash

    from linter.corpus import SIGNATURE_PERM, normalise_line, signature

    words = normalise_line(text).split()
    shingles = {" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))}
    direct = MinHash(num_perm=SIGNATURE_PERM, hashfunc=zlib.crc32)
    direct.update_batch(list(shingles))
    assert signature(text) == direct.hashvalues.astype("<u4").tobytes()
    assert signature(text) == signature(text)  # served from the line memo the second time


def test_batches_keep_order_and_respect_count_and_size():
    from linter.parallel import batched

    sizes = [10, 10, 500, 10, 10, 10, 10]
    chunks = list(batched(range(len(sizes)), sizes.__getitem__, count=3, max_bytes=400))
    assert chunks == [[0, 1, 2], [3, 4, 5], [6]]
    chunks = list(batched(range(len(sizes)), sizes.__getitem__, count=10, max_bytes=400))
    assert chunks == [[0, 1, 2], [3, 4, 5, 6]]
    assert list(batched([], len)) == []


def test_jsonl_chunks_end_after_a_megabyte_of_text(tmp_path):
    from linter.runner import CHUNK_CHARS, make_tasks

    record = json.dumps({"id": 1, "text": "x" * (CHUNK_CHARS // 3)})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([record] * 7) + "\n", encoding="utf-8")
    tasks = list(make_tasks([path]))
    assert [sum(1 for line in t.lines if line.strip()) for t in tasks] == [3, 3, 1]
    assert [t.first_line for t in tasks] == [1, 4, 7]
