"""Readers: every format, folders, stable ids, and bad files reported per file."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from ingest.readers import ReadError, read_paths


def _read(*paths: Path, published: dt.date | None = None) -> list[object]:
    return list(read_paths(list(paths), published))


def test_readers_json_document(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"id": "doc-1", "title": "T", "published": "2023-05-09", "text": "Body."}))
    (doc,) = _read(f)
    assert not isinstance(doc, ReadError)
    assert doc.id == "doc-1" and doc.published == dt.date(2023, 5, 9)  # type: ignore[union-attr]


def test_readers_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "One."}) + "\n{oops\n" + json.dumps({"text": "Two."}) + "\n")
    items = _read(f)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert str(items[1]).startswith(f"{f}:2")


def test_readers_txt_title_and_published_option(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text("Police raid office\nPolice raided an office on Monday.\n")
    (doc,) = _read(f, published=dt.date(2024, 1, 5))
    assert doc.title == "Police raid office"  # type: ignore[union-attr]
    assert doc.published == dt.date(2024, 1, 5)  # type: ignore[union-attr]
    assert doc.id.startswith("sha256-")  # type: ignore[union-attr]
    (again,) = _read(f)
    assert again.id == doc.id  # type: ignore[union-attr]


def test_readers_txt_sidecar_beats_option(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text("Title\nBody text.\n")
    (tmp_path / "story.meta.json").write_text(json.dumps({"published": "2022-02-02", "id": "s1"}))
    (doc,) = _read(tmp_path, published=dt.date(2024, 1, 5))
    assert doc.published == dt.date(2022, 2, 2) and doc.id == "s1"  # type: ignore[union-attr]


def test_readers_html_drops_scripts_and_navigation(tmp_path: Path) -> None:
    body = " ".join(["Police raided the offices of Acme Consulting in Shanghai on Monday."] * 6)
    f = tmp_path / "page.html"
    f.write_text(f"<html><head><title>Raid</title><script>var x = 'tracking';</script></head><body>"
                 f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                 f"<article><h1>Raid</h1><p>{body}</p><p>{body}</p></article></body></html>")
    (doc,) = _read(f)
    assert not isinstance(doc, ReadError)
    assert "Acme Consulting" in doc.text and "tracking" not in doc.text


def test_readers_bad_files_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "broken.json").write_text("{")
    (tmp_path / "notext.json").write_text(json.dumps({"id": "n"}))
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "good.json").write_text(json.dumps({"id": "g", "text": "Fine."}))
    items = _read(tmp_path, tmp_path / "missing.json")
    errors = {Path(e.path).name: e.reason for e in items if isinstance(e, ReadError)}
    assert errors["empty.txt"] == "empty file"
    assert "UTF-8" in errors["latin1.txt"]
    assert "unknown format" in errors["notes.docx"]
    assert "invalid JSON" in errors["broken.json"]
    assert "no text" in errors["notext.json"]
    assert "no such file" in errors["missing.json"]
    assert [d.id for d in items if not isinstance(d, ReadError)] == ["g"]  # type: ignore[union-attr]


def test_readers_cli_reports_errors_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text(json.dumps({"id": "g", "text": "Police raided Acme Consulting.",
                                                     "published": "2024-01-02"}))
    (tmp_path / "bad.json").write_text("{")
    proc = subprocess.run([sys.executable, "-m", "enforcegraph.cli", "extract", "--format", "jsonl",
                           str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["doc_id"] == "g"
    assert "bad.json" in proc.stderr and "Traceback" not in proc.stderr
