"""Event candidates by an index seek: cross-source merging finds the events a new report may join
through the join key on the events' target (law) relationships, and the graph is the one the
expansion of every event of the anchor gave before (issue 14, item 3).

The reference is the query as it was (kept here as ``EXPANSION``): from each anchor entity, every
event of the same kind against it, the date filter left to Python. Both write the same documents
(the check articles and a synthetic set built to join: a hub firm, dates of every precision, undated
reports, two jurisdictions) in small groups, so joins go through the graph and not only through the
group's own pool; the whole graphs must be equal.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from typing import Any

import neo4j
import pytest

from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from queries import export, get, run
from queries.library import substituted
from tests.helpers import ROOT, snapshot
from tests.sample_graph import sample_extractions

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 6, 1, tzinfo=dt.UTC)

#: event-candidates before the join keys (b359634): every event of the anchor, expanded.
EXPANSION = """// summary: the expansion of every event of an anchor (reference for the tests)
// param rows: list of {key, type, rel, anchors}
// returns: key, id, date, shared, countries
UNWIND $rows AS row
MATCH (e:EnforcementEvent)-[r]->(x:Entity)
WHERE type(r) = row.rel AND x.id IN row.anchors AND row.type IN labels(e)
  AND EXISTS { (e)-[:REPORTED_IN]->(:Document) }
WITH row, e, count(DISTINCT x) AS shared
RETURN row.key AS key, e.id AS id, e.date AS date, shared,
       COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL RETURN DISTINCT a.country } AS countries
ORDER BY key, id
"""

AGENCIES = [("Ministry of State Security", "CN"), ("State Security Bureau", "CN"), ("Federal Security Service", "RU")]
FIRMS = ["Hubbard Analytics", "Quillon Partners", "Lone Pine Advisory"]
LAW, LEGISLATURE = "Counter-Espionage Law", "Standing Committee of the National People's Congress"
DATES = [None, "2024", "2024-03", "2024-03-05", "2024-03-06", "2024-04", "2024-04-30", "2023-11-02"]
TYPES = ["Raid", "Raid", "Fine", "LawRevision"]


def _article(n: int, rng: random.Random) -> Extraction:
    """One or two events, most against the hub firm, dates from year to day precision or none."""
    sentences: list[str] = []
    events: list[tuple[str, str | None, str, str | None]] = []  # type, date, agent, target
    for _ in range(rng.choice([1, 1, 2])):
        etype, date = rng.choice(TYPES), rng.choice(DATES)
        if etype == "LawRevision":
            events.append((etype, date, LEGISLATURE, None))
            sentences.append(f"The {LEGISLATURE} revised the {LAW}.")
        else:
            agent = rng.choice(AGENCIES)[0]
            firm = FIRMS[0] if rng.random() < 0.7 else rng.choice(FIRMS[1:])
            events.append((etype, date, agent, firm))
            sentences.append(f"The {agent} acted against {firm} under the {LAW}.")
    text = " ".join(sentences)
    evidence, at = [], 0
    for s in sentences:
        evidence.append(Evidence(text=s, start=at, end=at + len(s)))
        at += len(s) + 1
    entities: dict[str, ExtractedEntity] = {}

    def entity(name: str, type_: str, country: str | None, ev: Evidence) -> None:
        entities.setdefault(name, ExtractedEntity(name=name, type=type_, country=country, mentions=[ev]))

    out = []
    for (etype, date, agent, target), ev in zip(events, evidence, strict=True):
        entity(agent, "GovernmentBody", dict(AGENCIES).get(agent, "CN"), ev)
        entity(LAW, "Law", "CN", ev)
        if target:
            entity(target, "Company", None, ev)
        out.append(ExtractedEvent(type=etype, date=date, agents=[agent], targets=[target] if target else [],
                                  laws=[LAW], evidence=ev, confidence=round(rng.uniform(0.6, 0.95), 2)))
    doc = Document(id=f"join-{n:04d}", text=text, published=dt.date(2024, 5, 1), source="eastwire.example")
    return Extraction(document=doc, entities=list(entities.values()), events=out)


def joining_articles(count: int = 120, seed: int = 3) -> list[Extraction]:
    rng = random.Random(seed)
    return [_article(n, rng) for n in range(count)]


def _write(driver: neo4j.Driver, extractions: list[Extraction], group_size: int) -> int:
    """Write in groups; returns how many event reports joined an event of another report."""
    report = GraphWriter(driver, group_size=group_size).write(extractions, now=NOW)
    assert not report.failed, report.failed[:3]
    return report.merged_events


def test_writer_event_candidates_give_the_graph_the_expansion_gave(clean_graph: neo4j.Driver) -> None:
    sets = {"check articles": [*sample_extractions(), *sample_extractions(ROOT / "tests" / "fixtures" / "validation")],
            "joining articles": joining_articles()}
    for name, extractions in sets.items():
        graphs, merged = [], []
        for source in (EXPANSION, None):  # before, then the current query
            run(clean_graph, "graph-clear")
            with substituted("event-candidates", source):
                merged.append(_write(clean_graph, extractions, group_size=7))
            graphs.append(snapshot(clean_graph, "neo4j"))
        assert merged[0] == merged[1], name
        assert graphs[0] == graphs[1], name
    assert merged[1] > 40  # the joining articles do join, across groups: the graph's candidates decided


def _keys(driver: neo4j.Driver) -> list[tuple[str | None, str]]:
    rows, _, _ = driver.execute_query(
        "MATCH (e:EnforcementEvent)-[a:TARGET|UNDER_LAW]->(x:Entity) "
        "RETURN a.joinKey AS key, e.eventType + '|' + x.id + '|' + coalesce(e.date, '') AS expected")
    return [(r["key"], r["expected"]) for r in rows]


def test_writer_event_candidates_join_keys_follow_event_dates(clean_graph: neo4j.Driver) -> None:
    articles = joining_articles(60)
    writer = GraphWriter(clean_graph, group_size=9)
    writer.write(articles, now=NOW)
    # a rewrite that moves dates (a report of a day where there was only a month), then removals
    moved = [a.model_copy(update={"events": [e.model_copy(update={"date": "2024-03-05"}) for e in a.events]})
             for a in articles[:10]]
    writer.write(moved, now=NOW)
    writer.remove([a.document.id for a in articles[50:]])
    keys = _keys(clean_graph)
    assert len(keys) > 25
    assert [k for k, expected in keys if k != expected] == []
    out = io.BytesIO()  # bookkeeping: in no export
    export.export(clean_graph, out, "ntriples", description=False)
    actors, events = export.ftm_rows(clean_graph)
    for text in (out.getvalue().decode("utf-8"), json.dumps([*actors, *events], default=str)):
        assert "joinKey" not in text and keys[0][0] not in text


def _operators(plan: dict[str, Any]) -> list[str]:
    args = plan.get("args") or {}
    return [f"{plan['operatorType']} {args.get('Details', '')}",
            *(o for c in plan.get("children") or [] for o in _operators(c))]


def test_writer_event_candidates_seek_the_join_key_indexes(neo4j_driver: neo4j.Driver) -> None:
    rows = [{"key": "d\x1fe", "type": "Raid", "rel": "TARGET", "anchors": ["company-x"], "date": "2024-03-05"}]
    def plan_of(prefix: str) -> tuple[list[str], list[str]]:
        summary = neo4j_driver.execute_query(prefix + get("event-candidates").text, rows=rows).summary
        assert summary.plan is not None
        return _operators(summary.plan), [f"{g.gql_status} {g.status_description}" for g in summary.gql_status_objects
                                           if not g.gql_status.startswith("0")]

    ops, statuses = plan_of("EXPLAIN ")  # the cached plan, which the writer runs
    for rel in ("TARGET", "UNDER_LAW"):
        seeks = [o for o in ops if o.startswith("DirectedRelationshipIndex") and f":{rel}(joinKey)" in o]
        if not (any("STARTS WITH" in o for o in seeks) and any("STARTS WITH" not in o for o in seeks)):
            # failed in full CI runs only (cca. 1 in 6), never alone: the whole plan, the server's notes, and
            # whether a fresh plan differs, in a message pytest does not shorten
            fresh, _ = plan_of("EXPLAIN CYPHER replan=force ")
            pytest.fail(f"{rel}: no exact and prefix seek on its join key\ncached plan: {ops}\nnotes: {statuses}\n"
                        f"fresh plan {'equal' if fresh == ops else 'differs'}: {fresh}", pytrace=False)
    assert not any(o.startswith(("NodeByLabelScan", "AllNodesScan", "NodeIndex", "NodeUniqueIndex")) for o in ops), ops
    # the only expansions left start at a candidate (its reports and agents), never at the anchor entity
    assert all(o.split(" ", 1)[1].startswith("(e)-") for o in ops if o.startswith("Expand")), ops


def _db_hits(driver: neo4j.Driver, rows: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """The db hits of one run of the query, and its operators with their hits (for the failure message)."""
    def total(p: dict[str, Any]) -> int:
        return int(p.get("dbHits", 0)) + sum(total(c) for c in p.get("children") or [])

    def ops(p: dict[str, Any]) -> list[str]:
        return [f"{p['operatorType']} {p.get('dbHits', 0)}", *(o for c in p.get("children") or [] for o in ops(c))]

    summary = driver.execute_query("PROFILE " + get("event-candidates").text, rows=rows).summary
    assert summary.profile is not None
    return total(summary.profile), ops(summary.profile)


def test_writer_event_candidates_cost_does_not_follow_the_hub(clean_graph: neo4j.Driver) -> None:
    """A report against a hub firm costs the same db hits when the firm has 60 or 210 events."""
    def raids(start: int, stop: int) -> list[Extraction]:
        day = dt.date(2020, 1, 1)
        out = []
        for n in range(start, stop):  # one raid a day on the hub firm, none of them on the report's day
            s = f"The Ministry of State Security raided {FIRMS[0]}."
            ev = Evidence(text=s, start=0, end=len(s))
            date = (day + dt.timedelta(days=n)).isoformat()
            out.append(Extraction(
                document=Document(id=f"hub-{n:04d}", text=s), events=[ExtractedEvent(
                    type="Raid", date=date, agents=["Ministry of State Security"], targets=[FIRMS[0]], evidence=ev)],
                entities=[ExtractedEntity(name="Ministry of State Security", type="GovernmentBody", country="CN",
                                          mentions=[ev]),
                          ExtractedEntity(name=FIRMS[0], type="Company", mentions=[ev])]))
        return out

    writer = GraphWriter(clean_graph, group_size=50)
    writer.write(raids(0, 60), now=NOW)
    hub = clean_graph.execute_query("MATCH (x:Company) RETURN x.id AS id").records[0]["id"]
    rows = [{"key": "k", "type": "Raid", "rel": "TARGET", "anchors": [hub], "date": "2025-06-01"}]
    small, _ = _db_hits(clean_graph, rows)
    with substituted("event-candidates", EXPANSION):
        small_before, _ = _db_hits(clean_graph, rows)
    writer.write(raids(60, 210), now=NOW)
    large, plan = _db_hits(clean_graph, rows)
    # this failed twice in full CI runs (634 hits against 184: three more per hub event) and never alone;
    # the message says which operator paid them and which join keys the hub's raids carry
    def hub_keys() -> list[tuple[str, int]]:  # read only when the check fails
        return [(r["k"], r["n"]) for r in clean_graph.execute_query(
            "MATCH (:EnforcementEvent)-[r:TARGET]->(:Company {id: $hub}) RETURN r.joinKey AS k, count(*) AS n "
            "ORDER BY n DESC LIMIT 3", hub=hub).records]

    if not large <= small:  # the whole message: pytest shortens an assertion's
        pytest.fail(f"{small} db hits before, {large} after; plan {plan}; hub keys {hub_keys()}", pytrace=False)
    with substituted("event-candidates", EXPANSION):  # the expansion read every event of the hub
        assert _db_hits(clean_graph, rows)[0] > small_before + 150
