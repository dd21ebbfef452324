"""``POST /screen`` and ``POST /screen/csv``: screen a compliance watchlist against the graph.

Screening reads and changes nothing, so a read key is enough (it is a POST only because a
watchlist does not fit in a URL). The work is in :mod:`api.services.screening`; this router
checks the request, pages through long lists and speaks JSON or CSV.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import Response

from api import params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES
from api.models import Country, ScreenPage, ScreenRequest
from api.params import CursorParam, ScreenLimit
from api.services import screen_csv, screening

router = APIRouter(tags=["screening"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)


@router.post("/screen", response_model=ScreenPage, summary="Screen a compliance watchlist")
def screen(graph: GraphDep, request: Annotated[ScreenRequest, Body()], limit: ScreenLimit = 100,
           cursor: CursorParam = None) -> ScreenPage:
    """Takes a read key: screening changes nothing.

    For each watchlist item, in the order given (`limit` a page; send the same body with `cursor`
    for the next):

    * **match**: 1 for an id or the same name once normalised (case, accents, Cyrillic
      transliterated, "&" = "and", legal forms such as Ltd/LLC/GmbH dropped), 0.95 for an alias,
      otherwise 0.9 x the name similarity (mean of rapidfuzz token-sort and token-set ratios, so
      word order does not matter); x 0.9 when the graph's home country is not the watchlist's.
      Under 0.6 is no match; `explanation` gives the numbers, `candidates` the runners-up.
    * **analyst wins**: the item's `type` and `country` are used where the graph disagrees;
      `conflicts` shows both.
    * **direct events** against the matched entity, by type (10-25 points each, at most 70).
    * **peer exposure**: events against other firms of the home country by authorities of the
      item's jurisdictions, 2 points each, at most 30 - also for firms absent from the graph.
    * **score** = the sum of the reasons' points (at most 100); level none, low < 25,
      medium < 60, high. With `since`, only events on or after it count, and each reason says
      how many earlier or undated events were left out.

    Country codes must be ISO 3166-1 alpha-2 ("XX" is a 422).
    """
    return screening.screen_page(graph, request, limit, cursor)


@router.post("/screen/csv", summary="Screen a watchlist sent as CSV; answer in CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}},
                                                       "description": "One row per item."}},
             openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {
                 "type": "string", "example": "name,type,country,countries\nBain and Company,Company,US,CN\n"}}}}})
def screen_csv_endpoint(
    graph: GraphDep,
    body: Annotated[bytes, Body(media_type="text/csv")],
    since: Annotated[str | None, Query(description="As `since` of POST /screen.")] = None,
    countries: Annotated[list[Country] | None, Query(description="Default jurisdictions (repeat the parameter).")]
    = None,
) -> Response:
    """Takes a read key. The body is CSV with a header naming any of `name, id, type, country,
    countries, sector, ref` (`countries`: codes separated by spaces, `;` or `|`); at most 1000
    items. The answer is CSV, one row per item in order, with the match, conflicts, event counts,
    each component's points, the score, level, reasons and notes (same rules as POST /screen)."""
    params.partial_date(since, "since")
    items = screen_csv.read_items(body)
    watch = ScreenRequest(items=items, countries=countries, since=since)
    results = screening.screen(graph, watch)
    return Response(screen_csv.write_results(results), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="screening.csv"'})
