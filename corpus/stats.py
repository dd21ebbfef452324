"""Statistics of an annotated corpus, as the Markdown tables of docs/CORPUS.md.

    python corpus/stats.py corpus/train/articles

Counts articles, real events, gold events per type and per split, acting jurisdictions,
outlet styles, writers and article lengths, from the articles' gold and ``meta`` blocks.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from splits import SPLITS, split_of


def table(title: str, counts: Counter[str], *, top: int = 40) -> str:
    rows = [f"| {k} | {v} |" for k, v in counts.most_common(top)]
    rest = sum(counts.values()) - sum(v for _, v in counts.most_common(top))
    if rest:
        rows.append(f"| (others) | {rest} |")
    return "\n".join([f"| {title} | count |", "|---|---|", *rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.folder.rglob("*.json"))]
    by_split: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    articles: Counter[str] = Counter()
    events: Counter[str] = Counter()
    juris: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    writers: Counter[str] = Counter()
    words = []
    for d in docs:
        meta = d.get("meta") or {}
        split = split_of(meta.get("real_event", d["id"]))
        articles[split] += 1
        juris[meta.get("jurisdiction", "?")] += 1
        styles[meta.get("style", "?")] += 1
        writers[meta.get("writer", "?")] += 1
        words.append(len(d["text"].split()))
        for ev in d["gold"]["events"]:
            events[ev["type"]] += 1
            by_split[split][ev["type"]] += 1
    real = len({(d.get("meta") or {}).get("real_event") for d in docs})
    print(f"{len(docs)} articles about {real} real events; {sum(events.values())} gold events; "
          f"words per article: median {statistics.median(words):.0f}, min {min(words)}, max {max(words)}.\n")
    print("| split | articles | " + " | ".join(sorted(events)) + " |")
    print("|---|---|" + "---|" * len(events))
    for s in SPLITS:
        print(f"| {s} | {articles[s]} | " + " | ".join(str(by_split[s][t]) for t in sorted(events)) + " |")
    print(f"| all | {len(docs)} | " + " | ".join(str(events[t]) for t in sorted(events)) + " |\n")
    print(table("acting jurisdiction", juris, top=25) + "\n")
    print(table("style", styles) + "\n")
    print(table("writer", writers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
