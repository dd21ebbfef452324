"""Each entity's newest events and newest reporting documents, kept by the writer for its profile.

An entity's profile lists its newest events, the entities it shares the newest 500 with, and the 20
newest documents that report it (``api-entity-profile``). At 1M events, finding those among a hub's
35,000 events and 35,000 reports read every one of them (320,000 db hits per profile). The writer
keeps them on the entity instead, in the profile's order:

* ``recentEvents`` / ``recentRoles`` / ``recentDates``: one entry per (event, role) pair, date newest
  first (undated last), then event id, then role; :data:`KEEP` of them;
* ``recentSources`` / ``recentSourceDates``: documents by publication date newest first (undated
  first, as Cypher sorts null in a descending order), then id; :data:`KEEP_SOURCES` of them.

A group changes few events and documents, so each list is updated from the change alone: entries of
what the group touched are dropped, their current pairs with the entity added, and the list sorted
and cut. That is exact when the old list held every pair of the entity, or when the new list's last
entry still sorts no later than the old one's (every pair never listed sorts after that one).
Otherwise (a hub lost one of its newest events and nothing newer came) the entity is recomputed from
all its events and reports (``graph-write-recent-recompute``), as is an entity with no lists yet.
The entities updated are those the group touched and those linked to an event it touched: an
argument relationship only goes when a document reporting both ends is retracted, and a report
only comes or goes with its entity among the touched.
"""

from __future__ import annotations

import functools
from typing import Any

import neo4j

from queries import run
from queries.schema import RECENT_EVENTS_KEEP as KEEP
from queries.schema import RECENT_SOURCES_KEEP as KEEP_SOURCES

Entry = tuple[str, ...]  # (sort key, id of the event or document, role...)


def _before(a: Entry, b: Entry) -> int:
    """The profile's order: the key (a date) greatest first, then the id, then the role."""
    if a[0] != b[0]:
        return -1 if a[0] > b[0] else 1
    return -1 if a[1:] < b[1:] else (1 if a[1:] > b[1:] else 0)


_KEY = functools.cmp_to_key(_before)


def merged(kept: list[Entry] | None, changed: set[str], fresh: list[Entry], keep: int) -> list[Entry] | None:
    """The new list from the old one (``kept``), the ids of the events (documents) that changed and
    their current entries for the entity (``fresh``); ``None`` when the change alone cannot tell."""
    if kept is None or len(kept) > keep:
        return None
    out = sorted([e for e in kept if e[1] not in changed] + fresh, key=_KEY)[:keep]
    if len(kept) < keep:  # the old list held every entry, so the new one does
        return out
    return out if len(out) == keep and _before(out[-1], kept[-1]) <= 0 else None


def refresh(tx: neo4j.ManagedTransaction, ids: list[str], doc_ids: list[str], keep: int | None = None) -> int:
    """Bring the kept lists of every entity affected by a change up to date: ``ids`` are the entities
    and events a group touched (written or withdrawn), ``doc_ids`` the documents whose reports it
    wrote or retracted. Returns how many entities were recomputed from all their events and reports."""
    if not ids:
        return 0
    keep = KEEP if keep is None else keep
    events, docs = set(ids), set(doc_ids)
    rows, recompute = [], []
    for r in run(tx, "graph-write-recent-read", ids=ids, docIds=doc_ids):
        old = (_kept(r["dates"], r["events"], r["roles"]), _kept(r["sourceDates"], r["sources"]))
        new = (merged(old[0], events, [(f["date"], f["event"], f["role"]) for f in r["fresh"]], keep),
               merged(old[1], docs, [(f["date"], f["document"]) for f in r["freshSources"]], KEEP_SOURCES))
        if new[0] is None or new[1] is None:
            recompute.append(r["id"])
        elif new != old:
            rows.append(_row(r["id"], new[0], new[1]))
    if rows:
        run(tx, "graph-write-recent-set", rows=rows)
    if recompute:
        run(tx, "graph-write-recent-recompute", ids=sorted(recompute), keep=keep, keepSources=KEEP_SOURCES)
    return len(recompute)


def _kept(*lists: list[str] | None) -> list[Entry] | None:
    """A stored list, or ``None`` when the entity has none (or an inconsistent one: recompute)."""
    if any(x is None for x in lists) or len({len(x) for x in lists if x is not None}) != 1:
        return None
    return list(zip(*lists, strict=True))


def _row(entity: str, events: list[Entry], sources: list[Entry]) -> dict[str, Any]:
    return {"id": entity, "dates": [e[0] for e in events], "events": [e[1] for e in events],
            "roles": [e[2] for e in events], "sourceDates": [s[0] for s in sources],
            "sources": [s[1] for s in sources]}
