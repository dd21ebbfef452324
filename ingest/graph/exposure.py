"""Screening's peer exposure summaries, kept in step by the writer in the group's own transaction.

Screening a firm asks how many events hit the *other* firms of its home country by authorities of
given jurisdictions (``api-screen-peers``). Read from the events themselves, that is every event of
every firm of the country, each one's agents expanded: 340k-1.19M db hits per name at 1M events.
Two summaries answer it from what a page needs instead:

* ``PeerBucket`` (home country, sorted agent countries, date) ``-[:PEER_EVENT]->`` event: each
  event is in one bucket per home country of the firms it targets, so the number of distinct
  events is the sum of the matching buckets' degrees (Neo4j keeps degrees: no event is read) and
  the newest ids come from the newest buckets only;
* ``PeerFirm`` (firm, sorted agent countries) with the firm's latest event date per precision:
  "how many firms were hit on or after ``since``" reads one node per firm and agent set.

What a bucket or a firm summary depends on: the event's targets, agents, date and reports, and
the country and firm label of the entities at either end. A group's writes change the first for
the events it touches (written or retracted) and the second only for entities it writes (a country
is set once, ``coalesce``; labels are only added), so :func:`before` reads those entities first and
:func:`refresh` re-derives the touched events, the events of every entity whose country or label
changed, and the firms at the end of any of them. ``schema.apply`` backfills an older graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j

from queries import run

#: Ids per statement: bounded memory whatever a group touches (a hub that gains a country).
BATCH = 5000

State = dict[str, tuple[str | None, bool]]


def before(tx: neo4j.ManagedTransaction, entity_ids: Iterable[str]) -> State:
    """The country and firm label of these entities as they stand before a group writes them."""
    ids = sorted(set(entity_ids))
    return {r["id"]: (r["country"], bool(r["company"])) for r in _batched(tx, "peer-entity-state", ids)}


def detach(tx: neo4j.ManagedTransaction, ids: Iterable[str]) -> None:
    """Take events about to be pruned out of their buckets (a bucket left empty goes)."""
    for chunk in _chunks(sorted(set(ids))):
        run(tx, "graph-write-peer-events", ids=chunk)


def refresh(tx: neo4j.ManagedTransaction, ids: Iterable[str], prior: State | None = None) -> None:
    """Re-derive the summaries of what a group touched: ``ids`` are its entities and events (either
    kind, existing or not any more); ``prior`` is :func:`before` of the entities it wrote."""
    touched = sorted(set(ids))
    changed = []
    if prior:
        now = before(tx, prior)
        changed = sorted(i for i, state in prior.items() if now.get(i, state) != state)
    events = set(touched) | {r["id"] for r in _batched(tx, "peer-entity-events", changed)}
    event_ids = sorted(events)
    for chunk in _chunks(event_ids):
        run(tx, "graph-write-peer-events", ids=chunk)
    firms = set(touched) | {r["id"] for r in _batched(tx, "peer-event-firms", event_ids)}
    for chunk in _chunks(sorted(firms)):
        run(tx, "graph-write-peer-firms", ids=chunk)


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), BATCH):
        yield ids[i:i + BATCH]


def _batched(tx: neo4j.ManagedTransaction, query: str, ids: list[str]) -> list[dict[str, Any]]:
    return [r for chunk in _chunks(ids) for r in run(tx, query, ids=chunk)]
