"""The two fingerprints of ``ingest/extract/``: what re-extraction and the training parse cache
are keyed by."""

from __future__ import annotations

from pathlib import Path

from ingest.version import _digest, extractor_digest, parse_version


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "learned").mkdir()
    (tmp_path / "nlp.py").write_text("RULES = 1\n")
    (tmp_path / "words.yaml").write_text("raid: [search]\n")
    (tmp_path / "learned" / "model.npz").write_bytes(b"weights-1")
    return tmp_path


def test_version_parse_fingerprint_ignores_retrained_judges(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = parse_version("en_core_web_sm", folder)
    (folder / "learned" / "model.npz").write_bytes(b"weights-2")
    assert parse_version("en_core_web_sm", folder) == before
    assert parse_version("en_core_web_md", folder) != before


def test_version_parse_fingerprint_follows_code_and_vocabulary(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = parse_version("en_core_web_sm", folder)
    (folder / "nlp.py").write_text("RULES = 2\n")
    after_code = parse_version("en_core_web_sm", folder)
    (folder / "words.yaml").write_text("raid: [search, storm]\n")
    assert len({before, after_code, parse_version("en_core_web_sm", folder)}) == 3


def test_version_extractor_fingerprint_follows_the_judges(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = _digest("en_core_web_sm", {".py", ".yaml", ".npz"}, folder)
    (folder / "learned" / "model.npz").write_bytes(b"weights-2")
    assert _digest("en_core_web_sm", {".py", ".yaml", ".npz"}, folder) != before


def test_version_extractor_fingerprint_follows_the_learned_ner_weights(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    weights = folder / "data" / "learned" / "ner" / "ner" / "model"
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"ner-1")
    (folder / "notes.txt").write_text("not read\n")
    before, parse_before = extractor_digest("en_core_web_sm", folder), parse_version("en_core_web_sm", folder)
    (folder / "notes.txt").write_text("still not read\n")
    assert extractor_digest("en_core_web_sm", folder) == before
    weights.write_bytes(b"ner-2")  # a retrained NER changes the output: documents must be re-extracted
    assert extractor_digest("en_core_web_sm", folder) != before
    assert parse_version("en_core_web_sm", folder) == parse_before  # the parses do not depend on it
