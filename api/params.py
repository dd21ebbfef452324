"""Request parameters: their types, checks and the values derived from the ontology.

Everything a request says is checked here before it reaches a query, and reaches the query
as a parameter only: entity and event types are enumerations built from the ontology (so the
OpenAPI document lists them and nothing else gets through), dates and countries are checked
by pattern, cursors are opaque tokens the API issued itself, and full-text search terms are
escaped for Lucene.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import unicodedata
from typing import Annotated, Any

from fastapi import Query

from api.exc import InvalidParameter
from api.models.types import ENTITY_CLASSES, EVENT_TYPES, PARTIAL_DATE

_PARTIAL_DATE_RE = re.compile(PARTIAL_DATE)


def partial_date(value: str | None, parameter: str) -> str | None:
    """A checked ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (no 2023-02-30)."""
    if value is None:
        return None
    if not _PARTIAL_DATE_RE.match(value):
        raise InvalidParameter(parameter, "expected YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError as exc:
            raise InvalidParameter(parameter, str(exc)) from None
    return value


def country(value: str | None) -> str | None:
    return value.upper() if value else None


def precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def type_of(labels: list[str], known: list[str]) -> str:
    """The most specific ontology class among a node's labels."""
    for name in reversed(known):
        if name in labels:
            return name
    return labels[-1] if labels else ""


def entity_type(labels: list[str]) -> str:
    return type_of(labels, ENTITY_CLASSES)


def event_type(labels: list[str]) -> str:
    return type_of(labels, EVENT_TYPES)


# -- pagination -------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=200, description="Page size (1-200).")]
CursorParam = Annotated[str | None, Query(max_length=2000, description=(
    "Opaque token from the previous page's `next`, to read the following page."))]
ScreenLimit = Annotated[int, Query(ge=1, le=200, description="Items screened per page (1-200).")]


def encode_cursor(kind: str, key: list[Any]) -> str:
    raw = json.dumps({"k": kind, "v": key}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str | None, kind: str, shape: tuple[type, ...]) -> list[Any] | None:
    """The key a cursor of ``kind`` carries, checked against ``shape`` (types; None allowed)."""
    if token is None or token == "":
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError):
        raise InvalidParameter("cursor", "not a cursor this API issued") from None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("v"), list):
        raise InvalidParameter("cursor", "not a cursor of this list")
    key: list[Any] = data["v"]
    if len(key) != len(shape):
        raise InvalidParameter("cursor", "not a cursor of this list")
    for value, typ in zip(key, shape, strict=True):
        ok = value is None or (isinstance(value, typ) and not isinstance(value, bool))
        if typ is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise InvalidParameter("cursor", "not a cursor of this list")
    return key


def page(rows: list[dict[str, Any]], limit: int, kind: str, key: Any) -> tuple[list[dict[str, Any]], str | None]:
    """The first ``limit`` rows and the cursor of the next page (the query fetched ``limit + 1``)."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(kind, key(rows[-1]))


# -- full-text search -------------------------------------------------------------------------

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
MAX_TERMS = 8


def escape_lucene(text: str) -> str:
    """``text`` with every Lucene query-syntax character escaped by a backslash."""
    return "".join(f"\\{c}" if c in _LUCENE_SPECIAL else c for c in text)


def fold(text: str) -> str:
    """Accents removed (é -> e), for names typed without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _edits(term: str) -> int:
    letters = sum(c.isalnum() for c in term)
    return 0 if letters < 4 else 1 if letters < 8 else 2


def lucene_query(q: str) -> str | None:
    """A Lucene query for a user's search text, ranked: every word matching first, then most words.

    Each word is escaped (no operator, wildcard or field syntax survives from the input),
    lower-cased (so AND/OR/NOT are plain words), tried with and without accents, with one or two
    edits allowed by its length; the last word also matches as a prefix (search as you type).
    Names with every word rank above names with some, and the whole text as a phrase ranks
    first. ``None`` when no word is left.
    """
    words = [w for w in q.split() if any(c.isalnum() for c in w)][:MAX_TERMS]
    if not words:
        return None
    clauses = []
    for i, word in enumerate(words):
        variants = dict.fromkeys([word.casefold(), fold(word).casefold()])
        parts = []
        for v in variants:
            e = escape_lucene(v)
            parts.append(f"{e}^2")
            edits = _edits(v)
            if edits:
                parts.append(f"{e}~{edits}")
            if i == len(words) - 1:
                parts.append(f"{e}*")
        clauses.append("(" + " OR ".join(parts) + ")")
    phrase = escape_lucene(" ".join(fold(w).casefold() for w in words))
    every = f"({' AND '.join(clauses)})^3"
    some = " OR ".join(clauses)
    return f"{every} OR {some} OR \"{phrase}\"^4" if len(clauses) > 1 else f"{some} OR \"{phrase}\"^4"
