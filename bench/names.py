"""How well the transliteration-aware name key clusters spellings of one name, and only those.

    python bench/names.py [--show N]

- OFAC SDN aliases (people on Middle East sanctions lists): an alias with skeleton_similarity
  >= 0.7 is a likely spelling variant of the person's name and should cluster with it (recall);
  names of different people who share a family name should not (false merges). Aliases under 0.7
  are usually other names altogether and should not cluster either.
- GeoNames city variants: a city's Latin-script alternate names should cluster with its name
  (recall; many are other languages' names, so the transliteration-like subset is reported too);
  different cities of one country should not (false merges).

- TL001 on real articles: machine translations (MQM zh-en news, each document and system joined)
  and article bodies of news pages (no translation). There is no gold for name variants: every
  finding is listed with --show, to be judged by a reader; MQM findings that overlap a rater's
  error span are counted.

Each measure is given for ``similar_spelling`` (the key and the letters alone) and for
``same_name`` (adding the names data and the gazetteer). The gazetteer is built from the same
GeoNames data, so ``same_name`` on GeoNames is not an independent measure. Entries alternate
between a dev half (even lines) and a test half (odd lines).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

from rapidfuzz.fuzz import ratio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.checks.names import name_spelling_variant  # noqa: E402
from linter.config import Config  # noqa: E402
from linter.document import Document  # noqa: E402
from linter.engine import Context  # noqa: E402
from linter.gazetteer import fold  # noqa: E402
from linter.translit import (  # noqa: E402
    cluster_names,
    lexicon,
    name_key,
    plain,
    same_name,
    similar_spelling,
)

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
NAMES = BENCH / "names"
Match = Callable[[str, str], bool]
MATCHERS: dict[str, Match] = {"similar_spelling": similar_spelling, "same_name": same_name}


def person(name: str) -> tuple[str, str]:
    """("SURNAME, Given Names") → (written order without titles, surname)."""
    surname, _, given = name.partition(",")
    titles = lexicon().titles
    words = [w for w in f"{given} {surname}".split() if w.strip(".").casefold() not in titles]
    return " ".join(words), surname.strip()


def halves(path: Path) -> dict[str, list[dict]]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return {"dev": rows[0::2], "test": rows[1::2]}


def merged(a: str, b: str, match: Match) -> bool:
    return plain(a) == plain(b) or bool(cluster_names([a, b], match))


def rate(hits: int, total: int) -> str:
    return f"{hits / total:6.1%} ({hits:,} of {total:,})" if total else "- (none)"


def distinct_names(groups: Iterable[list[str]]) -> list[list[str]]:
    """Each group without repeated names (people or cities that share one name are not counted)."""
    return [list({plain(n): n for n in names}.values()) for names in groups]


def same_keys(groups: list[list[str]]) -> int:
    """Pairs of different names in each group that share a key (before any check)."""
    total = 0
    for names in groups:
        counts = Counter(name_key(n) for n in names)
        total += sum(c * (c - 1) // 2 for c in counts.values())
    return total


def false_merges(groups: list[list[str]], match: Match) -> tuple[int, int, list]:
    """Pairs of different names in each group, and those clustered together (directly or not)."""
    pairs = wrong = 0
    examples = []
    for names in groups:
        pairs += len(names) * (len(names) - 1) // 2
        for cluster in cluster_names(names, match):
            wrong += len(cluster) * (len(cluster) - 1) // 2
            examples += combinations(cluster, 2)
    return pairs, wrong, examples


def ofac(rows: list[dict], show: int) -> None:
    variant_pairs, other_pairs = [], []
    by_surname: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        name, surname = person(row["canonical"])
        by_surname[name_key(surname)].append(name)
        for v in row["variants"]:
            pair = (name, person(v["name"])[0])
            (variant_pairs if v["skeleton_similarity"] >= 0.7 else other_pairs).append(pair)
    same_length = [(a, b) for a, b in variant_pairs if len(a.split()) == len(b.split())]
    keyed = sum(name_key(a) == name_key(b) for a, b in variant_pairs)
    groups = distinct_names(names for names in by_surname.values() if len(names) > 1)
    print(f"  variants (similarity >= 0.7): same key       {rate(keyed, len(variant_pairs))}")
    pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    print(f"  people sharing a surname: same key           {rate(same_keys(groups), pairs)}")
    for label, match in MATCHERS.items():
        hits = [merged(a, b, match) for a, b in variant_pairs]
        even = sum(merged(a, b, match) for a, b in same_length)
        others = [p for p in other_pairs if merged(*p, match)]
        pairs, wrong, examples = false_merges(groups, match)
        print(f"  {label}:")
        print(f"    recall, variants                         {rate(sum(hits), len(hits))}")
        print(f"    recall, variants with as many words      {rate(even, len(same_length))}")
        print(f"    merged, aliases under 0.7 (other names)  {rate(len(others), len(other_pairs))}")
        print(f"    false merges, people sharing a surname   {rate(wrong, pairs)}")
        if show:
            missed = [p for p, hit in zip(variant_pairs, hits, strict=True) if not hit]
            print(f"      missed: {missed[:show]}")
            print(f"      merged: {examples[:show]}")
            print(f"      merged under 0.7: {others[:show]}")


def geonames(rows: list[dict], show: int) -> None:
    pairs = [(r["canonical"], v) for r in rows for v in r["latin_variants"] if v != r["canonical"]]
    close = [(a, b) for a, b in pairs if ratio(fold(a), fold(b)) >= 70]
    by_country: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_country[r["country"]].append(r["canonical"])
    groups = distinct_names(by_country.values())
    pairs_cities = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    print(f"  cities of one country: same key              {rate(same_keys(groups), pairs_cities)}")
    for label, match in MATCHERS.items():
        hits = sum(merged(a, b, match) for a, b in pairs)
        near = [(a, b) for a, b in close if not merged(a, b, match)]
        pairs_cities, wrong, examples = false_merges(groups, match)
        print(f"  {label}:")
        print(f"    recall, all Latin variants               {rate(hits, len(pairs))}")
        found = len(close) - len(near)
        print(f"    recall, variants within ratio 70         {rate(found, len(close))}")
        print(f"    false merges, cities of one country      {rate(wrong, pairs_cities)}")
        if show:
            print(f"      missed: {near[:show]}")
            print(f"      merged: {examples[:show]}")


def mqm_documents() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, gold error spans) for each (document, system) of the MQM set."""
    segments: dict[tuple[str, str], dict[int, tuple[str, list]]] = defaultdict(dict)
    path = BENCH / "mt_errors" / "mqm_generalMT2023_zhen_news.jsonl"
    for row in map(json.loads, path.open(encoding="utf-8")):
        spans = [(g["start"], g["end"]) for g in row["gold"] if g.get("where") == "target"]
        segments[(row["doc"], row["system"])].setdefault(int(row["seg_id"]), (row["text"], spans))
    out = []
    for (doc, system), segs in segments.items():
        parts, gold, offset = [], [], 0
        for _, (text, spans) in sorted(segs.items()):
            parts.append(text)
            gold += [(offset + a, offset + b) for a, b in spans]
            offset += len(text) + 1
        out.append((f"{doc}/{system}", "\n".join(parts), gold))
    return out


def articles() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, article body, no gold) for the news pages of the boilerplate sets."""
    out = []
    for name in ("scrapinghub_aeb.jsonl", "l3s_gn1_googlenews.jsonl"):
        for row in map(json.loads, (BENCH / "boilerplate" / name).open(encoding="utf-8")):
            if isinstance(row.get("gold"), str):
                out.append((f"{name.split('_')[0]}/{row['id']}", row["gold"], []))
    return out


def real_text(show: int) -> None:
    ctx = Context(Config())
    for label, docs in (("MQM zh-en news (MT)", mqm_documents()), ("news articles", articles())):
        found, overlapping = [], 0
        for name, text, gold in docs:
            doc = Document(text, name)
            for hit in name_spelling_variant(doc, ctx):
                found.append((name, doc.text[hit.start : hit.end], hit.args["preferred"]))
                overlapping += any(a < hit.end and hit.start < b for a, b in gold)
        chars = sum(len(text) for _, text, _ in docs)
        print(
            f"  {label}: {len(docs)} documents, {chars:,} characters, {len(found)} findings", end=""
        )
        print(f", {overlapping} on a rater's error span" if label.startswith("MQM") else "")
        for name, variant, preferred in found[: show * 4]:
            print(f"      {name[:40]:40} {variant!r} -> {preferred!r}")


def lexicon_overlap() -> int:
    """Spellings in the names data that also occur in the OFAC bench (should be none)."""
    listed = set(lexicon().canonical)
    found = set()
    path = NAMES / "ofac_sdn_me_individual_aliases.jsonl"
    for row in (json.loads(line) for line in path.open(encoding="utf-8")):
        for name in [row["canonical"], *(v["name"] for v in row["variants"])]:
            if plain(person(name)[0]) in listed:
                found.add(name)
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N missed and merged pairs")
    args = parser.parse_args()
    print(f"names data spellings found in the OFAC bench: {lexicon_overlap()}")
    for half, rows in halves(NAMES / "ofac_sdn_me_individual_aliases.jsonl").items():
        print(f"OFAC SDN aliases, {half} half ({len(rows)} people)")
        ofac(rows, args.show)
    for half, rows in halves(NAMES / "geonames_me_city_variants.jsonl").items():
        print(f"GeoNames city variants, {half} half ({len(rows)} cities)")
        geonames(rows, args.show)
    print("TL001 on real text")
    real_text(args.show)


if __name__ == "__main__":
    main()
