"""Readers: files and folders to ``Document`` records, with per-file errors instead of crashes.

Formats: ``.json`` (one SCHEMA.md document, or a list of them), ``.jsonl`` (one per line),
``.txt`` (first line the title; metadata from a ``NAME.meta.json`` sidecar or ``--published``)
and ``.html``/``.htm`` (main text by trafilatura, which drops scripts, navigation and
boilerplate). Folders are read recursively in sorted order. A document without its own id gets
a content hash, so the same text always has the same id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ingest.records import Document, content_hash

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR = ".meta.json"
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class ReadError:
    """A file (or one line of it) that could not be read, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def parse_published(value: Any) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` or an ISO timestamp; None when absent."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"published {text!r} is not a date (YYYY-MM-DD)") from exc


def _document(raw: dict[str, Any], default_published: dt.date | None) -> Document:
    if not isinstance(raw, dict):
        raise ValueError("a document must be a JSON object")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the document has no text")
    published = parse_published(raw.get("published")) or default_published
    doc_id = str(raw.get("id") or raw.get("doc_id") or "") or f"sha256-{content_hash(text)[:16]}"
    try:
        return Document(id=doc_id, text=text, title=raw.get("title"), published=published,
                        source=raw.get("source"), url=raw.get("url"))
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ValueError(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}") from exc


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from exc


def _sidecar(path: Path) -> dict[str, Any]:
    for cand in (path.with_name(path.name + SIDECAR), path.with_suffix(SIDECAR)):
        if cand.is_file():
            meta = json.loads(cand.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError(f"sidecar {cand.name} is not a JSON object")
            return meta
    return {}


def read_file(path: Path, published: dt.date | None = None) -> Iterator[Document | ReadError]:
    """The documents of one file, or errors naming the file (and line) and the reason."""
    suffix = path.suffix.casefold()
    try:
        if suffix not in KNOWN:
            raise ValueError(f"unknown format {path.suffix or '(no extension)'!r}")
        text = _read_text(path)
        if suffix in JSON_SUFFIXES:
            raw = json.loads(text)
            for item in raw if isinstance(raw, list) else [raw]:
                yield _document(item, published)
        elif suffix in JSONL_SUFFIXES:
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    yield _document(json.loads(line), published)
                except (ValueError, json.JSONDecodeError) as exc:
                    yield ReadError(f"{path}:{n}", str(exc))
        elif suffix in TEXT_SUFFIXES:
            meta = _sidecar(path)
            title = text.strip().splitlines()[0].strip()
            yield _document({**meta, "text": text, "title": meta.get("title") or title}, published)
        else:
            yield _html_document(path, text, published)
    except json.JSONDecodeError as exc:
        yield ReadError(str(path), f"invalid JSON: {exc.msg} (line {exc.lineno})")
    except (ValueError, OSError) as exc:
        yield ReadError(str(path), str(exc))


def _html_document(path: Path, html: str, published: dt.date | None) -> Document:
    import trafilatura  # imported on first HTML file: it is slow to import

    meta = _sidecar(path)
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False, fast=True)
    if result is None:
        raise ValueError("no article text found in the HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise ValueError("no article text found in the HTML")
    date = meta.get("published") or data.get("date")
    return _document({"text": text, "title": meta.get("title") or data.get("title"),
                      "published": date, "url": meta.get("url") or data.get("url"),
                      "source": meta.get("source") or data.get("sitename"), "id": meta.get("id")},
                     published)


def iter_files(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files named, and files under folders named (recursively, sorted, sidecars skipped)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(SIDECAR):
                    yield f
        elif p.is_file():
            yield p
        else:
            yield ReadError(str(p), "no such file or folder")


def read_paths(paths: Iterable[Path], published: dt.date | None = None) -> Iterator[Document | ReadError]:
    """Every document under ``paths``, in order, with a ``ReadError`` for each bad file."""
    for f in iter_files(paths):
        if isinstance(f, ReadError):
            yield f
        else:
            yield from read_file(f, published)
