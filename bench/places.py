"""False alarms of MT001 (a country used as a local place) on real translations and news.

    python bench/places.py [--show]

- MQM zh-en news (WMT 2023): the segments of each (document, system) joined into one text, so the
  rule sees whole articles; a finding is confirmed when it overlaps a rater's
  Accuracy/Mistranslation span.
- MLQE-PE ru-en: each sentence alone; a finding is confirmed when the post-edit drops the word.
- Google News and article-extraction pages (article bodies), BLN600 and Overproof newspaper text
  (the human-corrected gold): no translation, so every finding is a false alarm unless a reader
  says otherwise.

Also counts the country names used as a local place or as the scene of local events (what the
rule looks at), the documents that needed the gazetteer, and the findings of the whole MT
selection (the pack rules included).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.checks import places  # noqa: E402
from linter.config import Config  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.rules_loader import load_registry  # noqa: E402
from linter.runner import Linter  # noqa: E402

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def mqm_documents() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, gold Mistranslation spans) for each (document, system) of the MQM set."""
    segments: dict[tuple[str, str], dict[int, tuple[str, set[tuple[int, int]]]]] = defaultdict(dict)
    with open(BENCH / "mt_errors" / "mqm_generalMT2023_zhen_news.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            seg = segments[(row["doc"], row["system"])]
            text, gold = seg.setdefault(int(row["seg_id"]), (row["text"], set()))
            if row["text"] != text:
                continue
            gold.update(
                (g["start"], g["end"])
                for g in row["gold"]
                if g["category"] == "Accuracy/Mistranslation" and g.get("where") == "target"
            )
    out = []
    for (doc, system), segs in segments.items():
        parts, spans, offset = [], [], 0
        for _, (text, gold) in sorted(segs.items()):
            parts.append(text)
            spans += [(offset + s, offset + e) for s, e in gold]
            offset += len(text) + 1
        out.append((f"{doc}/{system}", "\n".join(parts), spans))
    return out


def jsonl(path: Path, field: str = "text") -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [row for row in map(json.loads, f) if isinstance(row.get(field), str)]


LINTER = Linter(load_registry(Config()).select(["MT"]), Config())
TALLY = Counter()


def run(texts: list[tuple[str, str]]) -> list[tuple[str, str, places.Suspect]]:
    """MT001's suspects in ``texts`` (with or without the pack); tallies the shapes and the
    findings of every MT rule."""
    lex = places.lexicon()
    found = []
    for name, text in texts:
        doc = Document(text, name)
        starts = [s.start for s in doc.sentences]
        for m in places.country_mentions(doc, lex):
            if usage := places.place_usage(doc, m, starts):
                TALLY[f"shape {usage[0]}"] += 1
        for s in places.suspects(doc):
            found.append((name, text, s))
        TALLY.update(d.rule for d in LINTER.lint_text(text, name).diagnostics)
    return found


def context(text: str, s: places.Suspect) -> str:
    return " ".join(text[max(0, s.start - 90) : s.end + 60].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every finding in context")
    show = parser.parse_args().show

    loads = 0
    original = places.dominant_country

    def counting(*args, **kwargs):
        nonlocal loads
        loads += 1
        return original(*args, **kwargs)

    places.dominant_country = counting
    t0 = time.time()

    mqm = mqm_documents()
    gold = {name: spans for name, _, spans in mqm}
    found = run([(name, text) for name, text, _ in mqm])
    confirmed = sum(any(s.start < e and b < s.end for b, e in gold[name]) for name, _, s in found)
    chars = sum(len(t) for _, t, _ in mqm)
    print(
        f"MQM zh-en news: {len(mqm)} documents, {chars:,} characters: "
        f"{len(found)} findings, {confirmed} overlap a gold Mistranslation span"
    )
    for name, text, s in found if show else ():
        print(f"  {name}: {context(text, s)!r} -> {s.place}")

    rows = jsonl(BENCH / "mt_errors" / "mlqepe_ru-en_dev.jsonl")
    found = run([(str(i), r["text"]) for i, r in enumerate(rows)])
    dropped = sum(
        r["text"][s.start : s.end] not in r["gold"]
        for i, s in ((int(n), s) for n, _, s in found)
        for r in [rows[i]]
    )
    print(
        f"MLQE-PE ru-en: {len(rows)} sentences: {len(found)} findings, "
        f"{dropped} of them changed by the post-editor"
    )
    for name, text, s in found if show else ():
        print(f"  {name}: {context(text, s)!r} -> {s.place}")

    news = [
        (f"l3s/{r['id']}", r["gold"])
        for r in jsonl(BENCH / "boilerplate" / "l3s_gn1_googlenews.jsonl", "gold")
    ] + [
        (f"aeb/{r['id'][:12]}", r["gold"])
        for r in jsonl(BENCH / "boilerplate" / "scrapinghub_aeb.jsonl", "gold")
    ]
    found = run(news)
    print(
        f"English news articles: {len(news)} documents: {len(found)} findings (false alarms "
        "unless a reader confirms them)"
    )
    for name, text, s in found if show else ():
        print(f"  {name}: {context(text, s)!r} -> {s.place}")

    ocr = [
        (f"{path.stem}/{i}", r["gold"])
        for path in sorted((BENCH / "ocr").glob("*.jsonl"))
        if "train" not in path.stem
        for i, r in enumerate(jsonl(path, "gold"))
    ]
    found = run(ocr)
    print(f"Newspaper text (BLN600, Overproof gold): {len(ocr)} documents: {len(found)} findings")
    for name, text, s in found if show else ():
        print(f"  {name}: {context(text, s)!r} -> {s.place}")

    total = len(mqm) + len(rows) + len(news) + len(ocr)
    shapes = ", ".join(f"{k[6:]} {v}" for k, v in sorted(TALLY.items()) if k.startswith("shape"))
    rules = ", ".join(f"{k} {v}" for k, v in sorted(TALLY.items()) if k.startswith("MT")) or "none"
    print(f"country names used as a place ({shapes}); findings of all MT rules: {rules}")
    print(f"gazetteer needed in {loads} of {total} documents; {time.time() - t0:.1f} s in all")


if __name__ == "__main__":
    main()
