"""Our training corpus keeps its contract: valid gold, frozen splits, no evaluation source behind it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT, SHARED

ARTICLES = ROOT / "corpus" / "train" / "articles"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def test_train_corpus_gold_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    check = _module(ROOT / "corpus" / "check_gold.py")
    assert check.main([str(ARTICLES)]) == 0, capsys.readouterr().out


def test_train_corpus_splits_are_frozen_by_real_event() -> None:
    splits = _module(ROOT / "corpus" / "splits.py")
    found = splits.articles(ARTICLES)
    manifest = json.loads(splits.MANIFEST.read_text())
    assert splits.check(found, manifest) == []
    by_event: dict[str, set[str]] = {}
    for doc_id, (_, event) in found.items():
        by_event.setdefault(event, set()).add(manifest[doc_id])
    assert all(len(s) == 1 for s in by_event.values())  # no real event in two splits
    assert sum(1 for s in manifest.values() if s == "test") >= 100


def test_train_corpus_shipped_models_manifest_is_a_frozen_part_of_the_splits() -> None:
    """``make train`` trains on the manifest the shipped models were trained with (the corpus may
    grow before retrained models land): every article it names is still in the corpus, in the same
    split, so ``make train`` rebuilds from the very articles the models saw."""
    splits = _module(ROOT / "corpus" / "splits.py")
    found = splits.articles(ARTICLES)
    manifest = json.loads(splits.MANIFEST.read_text())
    trained = json.loads((ROOT / "ingest" / "extract" / "data" / "learned" / "trained-splits.json").read_text())
    assert {"train", "tune"} <= set(trained.values())
    assert [i for i in trained if i not in found] == []
    assert [i for i, split in trained.items() if manifest.get(i) != split] == []


def test_train_corpus_splits_name_a_file_that_is_not_an_article(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    splits = _module(ROOT / "corpus" / "splits.py")
    assert splits.main([str(ROOT / "corpus" / "train")]) == 0  # the manifest beside the articles is skipped
    (tmp_path / "notes.json").write_text('{"title": "not an article"}', encoding="utf-8")
    assert splits.main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f'{tmp_path / "notes.json"}: not an article (no string "id")'
    assert splits.main([str(tmp_path / "absent")]) == 2


def test_train_corpus_never_grounded_in_an_evaluation_source() -> None:
    blocked_py = SHARED / "eval" / "blocked.py"
    if not blocked_py.exists():
        pytest.skip("../shared is absent")
    blocked = _module(blocked_py)
    digests = set((SHARED / "eval" / "blocked-sources.sha256").read_text().split())
    hits = []
    for path in sorted(ARTICLES.rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for source in doc["meta"]["grounding"]:
            for value in (source.get("url"), source.get("title")):
                if value and blocked.digests(value) & digests:
                    hits.append(f"{path.name}: {value}")
    assert hits == []
