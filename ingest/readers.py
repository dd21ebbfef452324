"""Readers: files and folders to ``Document`` records, with per-file errors instead of crashes.

Formats: ``.json`` (one SCHEMA.md document, or a list of them), ``.jsonl`` (one per line),
``.txt`` (first line the title; metadata from a ``NAME.meta.json`` sidecar or ``--published``)
and ``.html``/``.htm`` (main text by trafilatura, which drops scripts, navigation and
boilerplate). Folders are read recursively in sorted order. A document without its own id is
known by its canonical URL, else (an article read from a file) by the file's path, so that a
corrected article replaces the earlier one rather than counting as a second source; only a
JSON document with neither id nor URL is known by its text's hash.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import ValidationError

from ingest.records import Document, check_id, content_hash

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR = ".meta.json"
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
#: Publication dates outside this range are typing errors, not news.
EARLIEST = dt.date(1800, 1, 1)
FUTURE_DAYS = 366


@dataclass(frozen=True)
class ReadError:
    """A file (or one item or line of it) that could not be read, and why.

    With ``warning`` set, the document was read all the same and follows; the problem is only
    worth a line (a publication date in the future, a duplicate id).
    """

    path: str
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {'warning: ' if self.warning else ''}{self.reason}"


HUMAN_DATES = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%Y/%m/%d", "%A %d %B %Y", "%A %B %d %Y")


def _date_of(text: str) -> dt.date:
    """ISO dates and timestamps, RFC 2822 ("Tue, 02 Dec 2026 08:00:00 GMT") and common human forms
    ("5 December 2026", "Dec. 5, 2026", "Friday, 5th December 2026")."""
    try:
        return dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    plain = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text.replace(",", " ").replace(".", " "))
    plain = " ".join(plain.split())
    for form in HUMAN_DATES:
        try:
            return dt.datetime.strptime(plain, form).date()
        except ValueError:
            continue
    raise ValueError(f"published {text[:40]!r} is not a date (YYYY-MM-DD, RFC 2822 or '5 December 2026')")


def parse_published(value: Any, *, today: dt.date | None = None) -> dt.date | None:
    """A publication date, None when absent.

    The whole value must be a date: "2023-01-01garbage" is refused, and so is a date before
    1800 or more than a year ahead (a typing error, such as 9999-12-31).
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published {value!r} is not a date (YYYY-MM-DD)")
    date = _date_of(value.strip())
    latest = (today or dt.date.today()) + dt.timedelta(days=FUTURE_DAYS)
    if not EARLIEST <= date <= latest:
        raise ValueError(f"published {date.isoformat()} is outside the plausible range "
                         f"{EARLIEST.isoformat()} to {latest.isoformat()}")
    return date


#: Query parameters that track a reader, not name an article.
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|ocid|cmpid|mc_cid|mc_eid|smid|ref|src|taid|at_.*)$", re.I)


def canonical_url(url: str) -> str:
    """The form of an article's URL that every copy of it shares: scheme and host lower-cased,
    "www." dropped, no fragment, no tracking parameters, no trailing slash, parameters sorted."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return urlunsplit(("https" if parts.scheme in ("http", "https", "") else parts.scheme.lower(), host,
                       parts.path.rstrip("/") or "/", urlencode(query), ""))


def document_id(raw: dict[str, Any], text: str, origin: str | None) -> str:
    """The id a document is known by: its own; else its canonical URL's; else, for an article
    read from a file, the file's path, so that a corrected article replaces the earlier one;
    else its text's hash."""
    given = raw.get("id", raw.get("doc_id"))
    if given not in (None, ""):
        return check_id(given)
    url = raw.get("url")
    if isinstance(url, str) and url.strip():
        return f"url-{content_hash(canonical_url(url))[:16]}"
    if origin:
        return f"file-{content_hash(origin)[:16]}"
    return f"sha256-{content_hash(text)[:16]}"


def _document(raw: dict[str, Any], default_published: dt.date | None, origin: str | None = None) -> Document:
    if not isinstance(raw, dict):
        raise ValueError("a document must be a JSON object")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the document has no text")
    published = parse_published(raw.get("published")) or default_published
    doc_id = document_id(raw, text, origin)
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
            if not isinstance(raw, list):
                yield from _checked(str(path), _document(raw, published))
                return
            for i, item in enumerate(raw):  # a bad item costs that item alone
                try:
                    yield from _checked(f"{path}[{i}]", _document(item, published))
                except (ValueError, RecursionError) as exc:
                    yield ReadError(f"{path}[{i}]", _reason(exc))
        elif suffix in JSONL_SUFFIXES:
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    yield from _checked(f"{path}:{n}", _document(json.loads(line), published))
                except (ValueError, RecursionError) as exc:
                    yield ReadError(f"{path}:{n}", _reason(exc))
        elif suffix in TEXT_SUFFIXES:
            meta = _sidecar(path)
            title = text.strip().splitlines()[0].strip()
            yield from _checked(str(path), _document({**meta, "text": text, "title": meta.get("title") or title},
                                                     published, origin=str(path.resolve())))
        else:
            yield from _checked(str(path), _html_document(path, text, published))
    except (ValueError, OSError, RecursionError) as exc:
        yield ReadError(str(path), _reason(exc))


def _reason(exc: BaseException) -> str:
    """One line for a reading problem."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (line {exc.lineno})"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _checked(where: str, document: Document) -> Iterator[Document | ReadError]:
    """The document, after a warning line when its publication date lies in the future."""
    if document.published and document.published > dt.date.today():
        yield ReadError(where, f"published {document.published.isoformat()} is in the future", warning=True)
    yield document


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
                     published, origin=str(path.resolve()))


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    """Files under a folder, sorted; a subfolder that cannot be listed is reported, not skipped."""
    problems: list[ReadError] = []

    def refused(exc: OSError) -> None:
        problems.append(ReadError(exc.filename or str(folder), f"cannot read the folder: {exc.strerror}"))

    files = [Path(top, name) for top, _, names in os.walk(folder, onerror=refused) for name in names]
    yield from problems
    for f in sorted(files):
        if not f.name.startswith(".") and not f.name.endswith(SIDECAR) and f.is_file():
            yield f


def iter_files(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files named, and files under folders named (recursively, sorted, sidecars skipped)."""
    for p in paths:
        if p.is_dir():
            yield from _walk(p)
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
