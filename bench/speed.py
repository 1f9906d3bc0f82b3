"""Speed benchmark: mtlint against codespell and proselint on a deterministic corpus.

    python bench/speed.py                 # 10 MB corpus, > 4,000 files
    python bench/speed.py --size 100      # 100 MB
    python bench/speed.py --scaling       # 10 MB and 100 MB, and their ratio
    python bench/speed.py --jsonl FILE    # real text instead: a JSONL file with a "text" field

The corpus is built from the paragraphs of seeds/, shuffled with a fixed seed, so every run and
every machine lints the same bytes. Each tool runs in a fresh process (mtlint without its results
cache, so every run lints everything); wall time, throughput and the peak resident memory of the
largest process are printed, with ratios to codespell. The row ``mtlint/1`` is mtlint with a single
cheap rule: the cost of reading, parsing, the process pool and reporting, under the full run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE_BYTES = 2_300  # about 4,150 files for 10 MB
FLOOR_RULE = "WS001"  # trailing whitespace: one regular expression over the text


def build_corpus(folder: Path, megabytes: int, seed: int = 20261129) -> tuple[int, int]:
    """Write ``megabytes`` of shuffled seed paragraphs into files; return (files, bytes)."""
    paragraphs = [
        p
        for f in sorted((ROOT / "seeds").iterdir())
        for p in f.read_text(encoding="utf-8").split("\n")
        if p.strip()
    ]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    target, total, count = megabytes * 1_000_000, 0, 0
    while total < target:
        chosen, size = [], 0
        while size < FILE_BYTES:
            paragraph = rng.choice(paragraphs)
            chosen.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        data = ("\n\n".join(chosen) + "\n").encode("utf-8")
        sub = folder / f"{count // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{count:06d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return count, total


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB of the largest process, exit code) of ``command``."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "w = time.perf_counter() - t\n"
        "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
    wall, rss, code = out.stdout.split()
    return float(wall), float(rss), int(code)


def tools(corpus: Path, jobs: int) -> dict[str, list[str]]:
    """The commands to time, the anchor codespell first."""
    found = {}
    if shutil.which("codespell"):
        found["codespell"] = ["codespell", str(corpus)]
    found["mtlint"] = [sys.executable, "-m", "linter.cli", "check", str(corpus), "--jobs",
                       str(jobs), "-q", "--format", "json", "--no-cache"]  # fmt: skip
    # The same run with one cheap rule: what reading, parsing, the process pool and reporting
    # cost before any rule does real work (the floor under the full run).
    found["mtlint/1"] = [*found["mtlint"], "--select", FLOOR_RULE]
    if shutil.which("proselint"):
        found["proselint"] = ["proselint", "check", str(corpus)]
    return found


def run(megabytes: int, jobs: int, skip: set[str], jsonl: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        if jsonl is None:
            corpus = Path(tmp) / "corpus"
            files, size = build_corpus(corpus, megabytes)
            print(f"corpus: {files:,} files, {size / 1e6:.1f} MB ({megabytes} MB target)")
        else:
            corpus, size = jsonl, jsonl.stat().st_size
            with jsonl.open("rb") as handle:
                records = sum(1 for _ in handle)
            print(f"corpus: {jsonl.name}, {records:,} records, {size / 1e6:.1f} MB")
        print(f"{'tool':<10} {'wall s':>8} {'MB/s':>7} {'peak RSS MB':>12} {'vs codespell':>13}")
        walls: dict[str, float] = {}
        for name, command in tools(corpus, jobs).items():
            if name in skip:
                continue
            wall, rss, code = measure(command)
            walls[name] = wall
            ratio = f"{wall / walls['codespell']:.2f}x" if "codespell" in walls else "-"
            print(f"{name:<10} {wall:8.2f} {size / 1e6 / wall:7.2f} {rss:12.0f} {ratio:>13}"
                  f"{'' if code in (0, 1) else f'  (exit {code})'}")  # fmt: skip
        if "codespell" in walls and "mtlint" in walls:
            print(f"mtlint / codespell wall time: {walls['mtlint'] / walls['codespell']:.2f}")
        return walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10, help="corpus size in MB (default 10)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scaling", action="store_true", help="also run 100 MB and compare")
    parser.add_argument("--skip", action="append", default=[], help="tool to leave out")
    parser.add_argument("--jsonl", type=Path, help="time a JSONL file of real text instead")
    args = parser.parse_args()
    skip = set(args.skip)
    small = run(args.size, args.jobs, skip, args.jsonl)
    if args.scaling:
        big = run(args.size * 10, args.jobs, skip | {"proselint", "mtlint/1"})
        print(f"mtlint {args.size * 10} MB / {args.size} MB wall time: "
              f"{big['mtlint'] / small['mtlint']:.2f} (target at most 11)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
