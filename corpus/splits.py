"""Train / tune / test splits of our training corpus, by real event, fixed before any training.

An article's split follows from its ``meta.real_event`` key alone (a SHA-256 bucket), so every
article about one real event lands in the same split, whoever wrote it and whenever, and no
choice made after seeing a model's errors can move it. ``corpus/train/SPLITS.json`` records
the assignment of every article we hold; CI checks that it agrees with the rule and that no
article ever left the test split.

    python corpus/splits.py corpus/train/articles            # check (exit 1 on a disagreement)
    python corpus/splits.py corpus/train/articles --write    # record new articles
    python corpus/splits.py corpus/train/articles --materialise OUT  # OUT/{train,tune,test}/*.json

The test split is read only to report figures, never error by error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "train" / "SPLITS.json"
#: Buckets 0-99 of the real-event hash: [0, TEST) test, [TEST, TUNE) tune, the rest train.
TEST, TUNE = 28, 43
SPLITS = ("train", "tune", "test")


def split_of(real_event: str) -> str:
    bucket = int(hashlib.sha256(real_event.strip().lower().encode()).hexdigest(), 16) % 100
    return "test" if bucket < TEST else "tune" if bucket < TUNE else "train"


class NotAnArticle(ValueError):
    """A file under the folder that is not one of our articles (one line names it and why)."""


def articles(folder: Path) -> dict[str, tuple[Path, str]]:
    """Article id -> (file, real-event key) for every article under ``folder``.

    The manifest itself is skipped (``corpus/train`` given for ``corpus/train/articles``); any
    other JSON file without an article id stops the check with one line naming it."""
    if not folder.is_dir():
        raise NotAnArticle(f"{folder}: not a folder of articles")
    out: dict[str, tuple[Path, str]] = {}
    for path in sorted(folder.rglob("*.json")):
        if path.resolve() == MANIFEST.resolve():
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise NotAnArticle(f"{path}: not readable as JSON ({exc})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise NotAnArticle(f"{path}: not an article (no string \"id\")")
        out[doc["id"]] = (path, (doc.get("meta") or {}).get("real_event", ""))
    return out


def check(found: dict[str, tuple[Path, str]], manifest: dict[str, str]) -> list[str]:
    problems = []
    for doc_id, (path, event) in found.items():
        if not event:
            problems.append(f"{path}: no meta.real_event")
        elif doc_id in manifest and manifest[doc_id] != split_of(event):
            problems.append(f"{path}: recorded in {manifest[doc_id]}, but its event belongs to {split_of(event)}")
        elif doc_id not in manifest:
            problems.append(f"{path}: not recorded in {MANIFEST.name} (run with --write)")
    for doc_id, split in manifest.items():
        if doc_id not in found and split == "test":
            problems.append(f"{doc_id}: left the test split (articles are never removed from it)")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--write", action="store_true", help="record articles not yet in the manifest")
    ap.add_argument("--materialise", type=Path, metavar="OUT", help="copy articles into OUT/<split>/")
    args = ap.parse_args(argv)
    try:
        found = articles(args.folder)
    except NotAnArticle as exc:
        print(exc, file=sys.stderr)
        return 2
    manifest: dict[str, str] = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    if args.write:
        for doc_id, (_, event) in found.items():
            if event and doc_id not in manifest:
                manifest[doc_id] = split_of(event)
        MANIFEST.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")
    problems = check(found, manifest)
    for p in problems:
        print(p, file=sys.stderr)
    if args.materialise and not problems:
        for split in SPLITS:
            shutil.rmtree(args.materialise / split, ignore_errors=True)
            (args.materialise / split).mkdir(parents=True)
        for doc_id, (path, _) in found.items():
            shutil.copy(path, args.materialise / manifest[doc_id] / path.name)
    counts = {s: sum(1 for d in found if manifest.get(d) == s) for s in SPLITS}
    events = {s: len({e for d, (_, e) in found.items() if manifest.get(d) == s}) for s in SPLITS}
    print(f"{len(found)} articles: " + ", ".join(f"{s} {counts[s]} ({events[s]} real events)" for s in SPLITS))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
