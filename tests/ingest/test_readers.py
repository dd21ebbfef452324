"""Readers: every format, folders, stable ids, and bad files reported per file."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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
    assert doc.id.startswith("file-")  # type: ignore[union-attr]
    f.write_text("Police raid office\nPolice raided an office on Monday, officials said.\n")  # corrected
    (again,) = _read(f)
    assert again.id == doc.id and again.text != doc.text  # type: ignore[union-attr]


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


def test_readers_report_an_unreadable_folder_and_read_the_rest(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok" / "a.json").write_text(json.dumps({"id": "a", "text": "Police raided the office."}))
    (tmp_path / "locked" / "b.json").write_text(json.dumps({"id": "b", "text": "Police raided the office."}))
    real = os.scandir

    def scandir(path: Any = ".") -> Any:  # root reads every folder: refuse one as a locked one would be
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _read(tmp_path)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [str(e) for e in errors] == [f"{tmp_path / 'locked'}: cannot read the folder: Permission denied"]
    assert [d.id for d in items if not isinstance(d, ReadError)] == ["a"]  # type: ignore[union-attr]


def test_readers_refuse_implausible_dates_and_warn_on_future_ones(tmp_path: Path) -> None:
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    for name, published in (("far", "9999-12-31"), ("junk", "2023-01-01garbage"), ("soon", soon),
                            ("stamp", "2023-05-09T08:00:00+00:00")):
        (tmp_path / f"{name}.json").write_text(json.dumps({"id": name, "published": published,
                                                           "text": "Police raided the office."}))
    items = {Path(i.path).stem if isinstance(i, ReadError) else i.id: i for i in _read(tmp_path)}
    assert "outside the plausible range" in items["far"].reason  # type: ignore[union-attr]
    assert "is not a date" in items["junk"].reason  # type: ignore[union-attr]
    warned = [i for i in _read(tmp_path) if isinstance(i, ReadError) and i.warning]
    assert len(warned) == 1 and "in the future" in warned[0].reason
    assert str(items["stamp"].published) == "2023-05-09"  # type: ignore[union-attr]


def test_readers_ids_from_canonical_url_when_none_is_given(tmp_path: Path) -> None:
    for name, url in (("a", "https://www.Example.com/news/raid/?utm_source=x&id=7#top"),
                      ("b", "http://example.com/news/raid?id=7")):
        (tmp_path / f"{name}.json").write_text(json.dumps({"url": url, "text": f"Police raided an office ({name})."}))
    a, b = _read(tmp_path / "a.json", tmp_path / "b.json")
    assert a.id == b.id and a.id.startswith("url-")  # type: ignore[union-attr]


def test_readers_publication_dates_in_rfc2822_and_human_forms(tmp_path: Path) -> None:
    from ingest.readers import parse_published

    assert parse_published("Tue, 02 Dec 2025 08:00:00 GMT") == dt.date(2025, 12, 2)
    assert parse_published("5 December 2025") == dt.date(2025, 12, 5)
    assert parse_published("Dec. 5, 2025") == dt.date(2025, 12, 5)
    assert parse_published("Friday, 5th December 2025") == dt.date(2025, 12, 5)
    with pytest.raises(ValueError, match="is not a date"):
        parse_published("next Tuesday")
