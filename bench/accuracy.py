"""Accuracy of the SP (spelling and OCR) rules on public evaluation data, with anchors.

    python bench/accuracy.py [--data DIR] [--bln600-split test|train] [--json FILE]
        [--only norvig,acl,bln600,overproof,holbrook,clean,seeds,speed]

DIR holds the evaluation sets (default: $MTLINT_BENCH, else ../shared/bench beside the
project); see docs/accuracy.md for the sets, the measures and the figures.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.config import Config  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.rules_loader import load_registry  # noqa: E402
from linter.runner import Linter, corpus_stats  # noqa: E402
from linter.spell.lexicon import lexicon  # noqa: E402
from linter.spell.ranking import ranked  # noqa: E402

SECTIONS = ("norvig", "acl", "bln600", "overproof", "holbrook", "clean", "seeds", "speed")


def default_data() -> Path:
    return Path(os.environ.get("MTLINT_BENCH", ROOT.parent / "shared" / "bench"))


def sp_linter(texts: Iterable[str] | None = None, fix: bool = False) -> Linter:
    """A linter running the SP rules only; with ``texts``, with corpus statistics over them."""
    rules = load_registry(Config()).select(["SP"])
    corpus = corpus_stats(Document(t) for t in texts) if texts is not None else None
    return Linter(rules, Config(), corpus=corpus, fix=fix, unsafe=fix)


# -- measures ---------------------------------------------------------------------------------
@dataclass
class Counts:
    flagged: int = 0
    true_flags: int = 0
    errors: int = 0
    edits_before: int = 0
    edits_after: int = 0
    gold_chars: int = 0

    @property
    def precision(self) -> float:
        return self.true_flags / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.true_flags / self.errors if self.errors else 0.0

    @property
    def cer_before(self) -> float:
        return self.edits_before / self.gold_chars

    @property
    def cer_after(self) -> float:
        return self.edits_after / self.gold_chars

    def summary(self, detection: bool = True) -> dict:
        out = {
            "cer_before": round(self.cer_before, 5),
            "cer_after": round(self.cer_after, 5),
            "cer_reduction_pct": round(100 * (1 - self.cer_after / self.cer_before), 2),
        }
        if detection:
            out |= {
                "flagged": self.flagged,
                "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "erroneous_tokens": self.errors,
            }
        return out


def erroneous_tokens(doc: Document, gold: str) -> set[int]:
    """Indexes of the document's tokens that an alignment with the gold tokens changes."""
    ocr = [t.text for t in doc.tokens]
    ref = [t.text for t in Document(gold).tokens]
    wrong: set[int] = set()
    matcher = difflib.SequenceMatcher(None, ocr, ref, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op != "equal":
            wrong.update(range(i1, i2))
    return wrong


def flagged_tokens(doc: Document, spans: list[tuple[int, int]]) -> set[int]:
    return {i for i, t in enumerate(doc.tokens) if any(s < t.end and t.start < e for s, e in spans)}


def ocr_pairs(pairs: list[tuple[str, str]], detection: bool = True) -> Counts:
    """Detection against the tokens that differ from the gold, and the CER before and after
    the SP fixes, with corpus statistics over the whole set."""
    texts = [ocr for ocr, _ in pairs]
    checker, fixer = sp_linter(texts), sp_linter(texts, fix=True)
    counts = Counts()
    for ocr, gold in pairs:
        counts.gold_chars += len(gold)
        counts.edits_before += Levenshtein.distance(ocr, gold)
        fixed = fixer.lint_text(ocr, "bench.txt").doc.text
        counts.edits_after += Levenshtein.distance(fixed, gold)
        if detection:
            result = checker.lint_text(ocr, "bench.txt")
            flags = flagged_tokens(result.doc, [(d.start, d.end) for d in result.diagnostics])
            wrong = erroneous_tokens(result.doc, gold)
            counts.flagged += len(flags)
            counts.true_flags += len(flags & wrong)
            counts.errors += len(wrong)
    return counts


# -- sections ---------------------------------------------------------------------------------
def norvig(data: Path) -> dict:
    """Top-1 correction of isolated misspellings: mtlint's SP candidate vs correction()."""
    from spellchecker import SpellChecker

    spell = SpellChecker()
    known = lexicon().known
    out = {}
    for name in ("norvig-testset1", "norvig-testset2"):
        with open(data / "misspellings" / f"{name}.tsv", encoding="utf-8") as f:
            rows = [(r[0], r[1]) for r in list(csv.reader(f, delimiter="\t"))[1:]]
        start = time.perf_counter()
        ours = 0
        for right, wrong in rows:
            if wrong in known:
                ours += wrong == right
            else:
                candidates = ranked(wrong)
                ours += bool(candidates) and candidates[0].word == right
        ours_time = time.perf_counter() - start
        start = time.perf_counter()
        anchor = sum(spell.correction(wrong) == right for right, wrong in rows)
        anchor_time = time.perf_counter() - start
        out[name] = {
            "words": len(rows),
            "mtlint_top1": round(ours / len(rows), 4),
            "pyspellchecker_top1": round(anchor / len(rows), 4),
            "gain_points": round(100 * (ours - anchor) / len(rows), 2),
            "mtlint_ms_per_word": round(1000 * ours_time / len(rows), 2),
            "pyspellchecker_ms_per_word": round(1000 * anchor_time / len(rows), 2),
        }
    return out


def acl(data: Path) -> dict:
    folder = data / "ocr"
    ocr = (folder / "acl-dev.ocr.txt").read_text(encoding="utf-8").splitlines()
    gold = (folder / "acl-dev.correct.txt").read_text(encoding="utf-8").splitlines()
    return ocr_pairs(list(zip(ocr, gold, strict=True))).summary()


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def bln600(data: Path, split: str) -> dict:
    rows = _jsonl(data / "ocr" / f"bln600_{split}.jsonl")
    return {"split": split} | ocr_pairs([(r["text"], r["gold"]) for r in rows]).summary()


def overproof(data: Path) -> dict:
    out = {}
    for name in ("overproof_smh_dataset2_articles", "overproof_chronam_dataset3_articles"):
        rows = _jsonl(data / "ocr" / f"{name}.jsonl")
        pairs = [(r["text"], r["gold"]) for r in rows]
        out[name] = ocr_pairs(pairs, detection=False).summary(detection=False)
    return out


def holbrook(data: Path) -> dict:
    """Single-word misspellings in their sentences: are they flagged, and is the proposed
    candidate the right word? Each sentence is linted on its own (no corpus)."""
    rows = _jsonl(data / "misspellings" / "holbrook_sentences.jsonl")
    checker = sp_linter()
    errors = found = fixed = flagged = false_flags = 0
    for row in rows:
        result = checker.lint_text(row["text"], "bench.txt")
        by_span = {(d.start, d.end): d for d in result.diagnostics}
        wrong = {e["wrong"]: e["right"] for e in row["errors"]}
        tokens = {t.text: t for t in result.doc.tokens}
        for d in result.diagnostics:
            flagged += 1
            covered = [t for t in result.doc.tokens if d.start < t.end and t.start < d.end]
            false_flags += not any(t.text in wrong for t in covered)
        for e in row["errors"]:
            if " " in e["wrong"] or " " in e["right"] or e["wrong"] not in tokens:
                continue
            errors += 1
            token = tokens[e["wrong"]]
            hits = [d for (s, t), d in by_span.items() if s < token.end and token.start < t]
            if hits:
                found += 1
                fix = hits[0].fix
                fixed += bool(fix) and fix.edits[0].replacement == e["right"]
    return {
        "single_word_errors": errors,
        "detection_recall": round(found / errors, 4),
        "top1_fix_accuracy": round(fixed / errors, 4),
        "top1_fix_accuracy_of_detected": round(fixed / found, 4) if found else 0.0,
        "flags": flagged,
        "flags_on_no_listed_error": false_flags,
    }


def clean(data: Path) -> dict:
    """Do no harm: SP findings on edited article bodies (the Scrapinghub gold, some of it
    in other languages), and how much the fixes change them."""
    rows = _jsonl(data / "boilerplate" / "scrapinghub_aeb.jsonl")
    texts = [r["gold"] for r in rows if r.get("gold")]
    checker, fixer = sp_linter(texts), sp_linter(texts, fix=True)
    tokens = findings = fixable = changed = chars = 0
    for text in texts:
        result = checker.lint_text(text, "bench.txt")
        tokens += len(result.doc.tokens)
        findings += len(result.diagnostics)
        fixable += sum(d.fixable for d in result.diagnostics)
        changed += Levenshtein.distance(fixer.lint_text(text, "bench.txt").doc.text, text)
        chars += len(text)
    return {
        "documents": len(texts),
        "tokens": tokens,
        "findings": findings,
        "findings_per_1000_tokens": round(1000 * findings / tokens, 3),
        "unsafe_fixes": fixable,
        "characters_changed_per_100k": round(1e5 * changed / chars, 2),
    }


def seeds() -> dict:
    """SP findings on the seeds, linted together as the CLI does (corpus over the folder)."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    checker, fixer = sp_linter(texts), sp_linter(texts, fix=True)
    findings, others = [], 0
    for path, text in zip(paths, texts, strict=True):
        for d in checker.lint_text(text, str(path)).diagnostics:
            match = text[d.start : d.end]
            findings.append(f"{path.name}: {d.rule} {match!r}: {d.message}")
            others += match != "rrads"
    fixed = fixer.lint_text(texts[3], "003.txt").doc.text
    return {
        "findings": findings,
        "false_alarms": others,
        "rrads_fixed_to_reads": "The statement reads that" in fixed and "rrads" not in fixed,
    }


def speed() -> dict:
    """CPU throughput of the SP rules on the seeds ×100, as one document and as 500 documents,
    once the lexicon is loaded. Tokenising, sentence splitting and URL finding (views every
    rule shares) are timed apart; the lexicon's loading is timed in a fresh process."""
    from linter.engine import Context, lint

    load = subprocess.run(
        [sys.executable, "-c", _LOAD_TIMER], capture_output=True, text=True, check=True, cwd=ROOT
    )
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rules = load_registry(Config()).select(["SP"])
    lint(Document("\n".join(texts)), rules, Context(Config()))  # load and warm the caches
    out = {"lexicon_load_cpu_s": float(load.stdout)}
    cases = {"one_document": ["\n".join(texts * 100)], "500_documents": texts * 100}
    for name, docs in cases.items():
        size = sum(len(t.encode("utf-8")) for t in docs) / 1e6
        documents = [Document(t, f"doc{i}.txt") for i, t in enumerate(docs)]
        start = time.process_time()
        for doc in documents:
            doc.tokens, doc.sentence_starts, doc.urls  # noqa: B018  (shared views)
        views = time.process_time() - start
        start = time.process_time()
        for doc in documents:
            lint(doc, rules, Context(Config()))
        rules_time = time.process_time() - start
        out[name] = {
            "mb": round(size, 2),
            "sp_rules_mb_s": round(size / rules_time, 1),
            "shared_views_mb_s": round(size / views, 1),
            "sp_rules_and_views_mb_s": round(size / (rules_time + views), 1),
        }
    return out


_LOAD_TIMER = """
import time
from linter.spell.lexicon import lexicon
start = time.process_time()
lexicon()
print(round(time.process_time() - start, 2))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--bln600-split", choices=("test", "train"), default="test")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    runs = {
        "norvig": lambda: norvig(args.data),
        "acl": lambda: acl(args.data),
        "bln600": lambda: bln600(args.data, args.bln600_split),
        "overproof": lambda: overproof(args.data),
        "holbrook": lambda: holbrook(args.data),
        "clean": lambda: clean(args.data),
        "seeds": seeds,
        "speed": speed,
    }
    results = {}
    for name in chosen:
        start = time.perf_counter()
        results[name] = runs[name]()
        results[name + "_seconds"] = round(time.perf_counter() - start, 1)
        print(json.dumps({name: results[name]}, indent=2, ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
