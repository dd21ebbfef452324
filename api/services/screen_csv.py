"""Watchlists as CSV, in and out: the format compliance teams keep them in.

In: a header row naming any of ``name, id, type, country, countries, sector, ref`` (case and
spaces ignored; ``countries`` holds codes separated by spaces, commas, ``;`` or ``|``); one item a
row. A bad row is refused with one line naming its row number and the reason. Out: one row per
item with the match, both sides of any conflict, the score and each reason's points.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pydantic import ValidationError

from api.exc import InvalidParameter
from api.models import MAX_ITEMS, ScreenResult, WatchItem

COLUMNS = ("name", "id", "type", "country", "countries", "sector", "ref")
OUT_COLUMNS = ("row", "ref", "name", "id", "type", "country", "countries", "match_id", "match_name",
               "match_type", "match_country", "confidence", "method", "conflicts", "home_country", "jurisdictions",
               "direct_events", "direct_points", "peer_events", "peer_firms", "peer_points", "score", "level",
               "reasons", "notes")
MAX_BYTES = 2_000_000
_SPLIT = re.compile(r"[\s,;|]+")


def _problem(errors: list[Any]) -> str:
    first = errors[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "__root__")
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def read_items(body: bytes) -> list[WatchItem]:
    """The watchlist items of a CSV document (UTF-8, with or without a byte-order mark)."""
    if len(body) > MAX_BYTES:
        raise InvalidParameter("body", f"the CSV is larger than {MAX_BYTES} bytes")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidParameter("body", "the CSV is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise InvalidParameter("body", "the CSV is empty: expected a header row such as name,country,countries")
    keys = [h.strip().lower() for h in header]
    unknown = [k for k in keys if k not in COLUMNS]
    if unknown or not ({"name", "id"} & set(keys)):
        raise InvalidParameter("body", f"header: expected columns among {', '.join(COLUMNS)} with name or id; "
                                       f"got {', '.join(keys)}")
    items: list[WatchItem] = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(items) >= MAX_ITEMS:
            raise InvalidParameter("body", f"more than {MAX_ITEMS} items")
        raw: dict[str, Any] = {k: v.strip() for k, v in zip(keys, values, strict=False) if v.strip()}
        if "countries" in raw:
            raw["countries"] = [c for c in _SPLIT.split(raw["countries"]) if c]
        try:
            items.append(WatchItem.model_validate(raw))
        except ValidationError as exc:
            raise InvalidParameter("body", f"row {number}: {_problem(exc.errors())}") from None
    if not items:
        raise InvalidParameter("body", "the CSV has a header but no items")
    return items


def _points(result: ScreenResult, component: str) -> str:
    return "".join(f"{r.points:g}" for r in result.reasons if r.component == component)


def _count(result: ScreenResult, component: str) -> int:
    return sum(r.count for r in result.reasons if r.component == component)


def write_results(results: list[ScreenResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUT_COLUMNS)
    for r in results:
        q, m = r.query, r.match
        writer.writerow([
            r.row, q.get("ref", ""), q.get("name", ""), q.get("id", ""), q.get("type", ""), q.get("country", ""),
            " ".join(q.get("countries", [])),
            m.entity.id if m else "", m.entity.name if m else "", m.entity.type if m else "",
            (m.entity.country or "") if m else "", f"{m.confidence:g}" if m else "", m.method if m else "",
            "; ".join(r.conflicts), r.home_country or "", " ".join(r.jurisdictions),
            _count(r, "direct"), _points(r, "direct"), r.peer_event_count, r.peer_firm_count, _points(r, "peer"),
            f"{r.score:g}", r.level, "; ".join(x.reason for x in r.reasons), "; ".join(r.notes)])
    return out.getvalue()
