"""``GET /questions/targeted-after-law``: which (foreign) firms suffered an enforcement event
of a kind after a law was revised - the question enforcegraph is built to answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api import params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES
from api.models import TargetedFirmPage
from api.models.types import EventType
from api.params import ArgumentFilter, CursorParam, Limit, MinArgumentProbability, UnscoredArguments
from api.services import revisions

DEFAULT_EVENT_TYPE = EventType("Raid")

router = APIRouter(tags=["questions"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)


@router.get("/questions/targeted-after-law", response_model=TargetedFirmPage,
            summary="Firms targeted after a law's revision")
def targeted_after_law(
    graph: GraphDep,
    law: Annotated[str | None, Query(min_length=1, max_length=300, description=(
        "The law: its id, name or an alias, case-insensitive (e.g. Counter-Espionage Law). "
        "Without it, every law with a revision in the graph is considered and each row names its law."))] = None,
    event_type: Annotated[EventType, Query(description="The kind of enforcement event.")] = DEFAULT_EVENT_TYPE,
    basis: Annotated[Literal["adopted", "effective"], Query(description=(
        "Measure from the revision's adoption or from the day it took effect."))] = "adopted",
    foreign: Annotated[bool, Query(description=(
        "true: only firms whose home country differs from the jurisdiction of the acting authority."))] = True,
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
    limit: Limit = 50,
    cursor: CursorParam = None,
) -> TargetedFirmPage:
    """Firms (companies) that suffered an event of `event_type` on or after the basis date of a law's
    latest revision, in the law's jurisdiction, with the events that make it true, their dates and sources.

    * The revision: the law's latest one; reports of it at other precisions ("revised in April",
      "took effect on 1 July") are grouped with it (listed in `revisions`).
    * On or after: every day the event's partial date may stand for is on or after the basis date
      (a raid in 2023-08 is after 2023-07-01; a raid in 2023-04 is not known to be after 2023-04-26).
    * Jurisdiction of an event: the countries of its acting authorities, or its location's country
      when no authority is named; it must be the law's country (when the law has one).
    * Foreign: the firm's home country is known and differs from that jurisdiction.
    * With `min_argument_probability` / `unscored_arguments` (the rule of `/events`): an agent or target
      that does not pass counts as not stated. A firm counts only where it passes as the event's target;
      only the authorities that pass are listed and give the jurisdiction (none: the location's country).
      Each agent and the firm as target (`target`) carry the argument model's probability.

    Rows are one per (law, firm), ordered by law id then firm id.
    """
    after = params.decode_cursor(cursor, "targeted-after-law", (str, str))
    return revisions.targeted_after_law(graph, law, event_type.value, basis, foreign=foreign, limit=limit,
                                        after=after,
                                        keep=ArgumentFilter.of(min_argument_probability, unscored_arguments))
