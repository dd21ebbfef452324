"""Screening's peer exposure summaries stay exactly what the events say, through every kind of write.

``api-screen-peers`` answers from the ``PeerBucket``/``PeerFirm`` summaries the writer keeps
(:mod:`ingest.graph.exposure`); ``api-screen-peers-scan`` reads the events themselves. These tests
write articles about firms of two countries and a firm of no known country, acted against by
authorities of several countries on dates of every precision, then rewrite, join two firms, give
the country-less firm a country and retract documents; after each step both queries must give the
same answer for every home country, jurisdiction set, ``since`` and excluded firm, and the
summaries must equal their full recompute (``schema.migrate_peer_exposure(full=True)``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import neo4j
import pytest

from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from queries import run, schema
from tests.helpers import firms

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 6, 4, tzinfo=dt.UTC)
FIRMS = {"Hanil Steel": "KR", "Daesan Chemical": "KR", "Mirae Optics": "KR", "Kobe Rail": "JP",
         "Osaka Marine": "JP", "Nameless Works": None}
AGENCIES = {"Ministry of State Security": "CN", "Federal Security Service": "RU", "Department of Justice": "US",
            "City Police": None}
DATES = ["2021", "2022-03", "2022-03-15", "2023", "2023-07-01", "2024-02", "2024-02-20", None]
TYPES = ["Raid", "Fine", "Detention", "Investigation"]
SINCE = [None, "2022", "2022-03-10", "2023-07", "2024"]
JURISDICTIONS = [["CN"], ["RU", "US"], ["CN", "RU", "US"]]


def article(doc_id: str, rng: random.Random, *, firm_names: list[str] | None = None,
            countries: dict[str, str | None] | None = None, aliases: dict[str, list[str]] | None = None) -> Extraction:
    """Three events, each by one or two agencies against one or two firms."""
    countries = {**FIRMS, **(countries or {})}
    names = firm_names or list(FIRMS)
    sentences, events, entities = [], [], {}
    at = 0
    for _ in range(3):
        agents = rng.sample(list(AGENCIES), rng.choice([1, 1, 2]))
        targets = rng.sample(names, min(len(names), rng.choice([1, 1, 2])))
        text = f"The {' and '.join(agents)} acted against {' and '.join(targets)}."
        ev = Evidence(text=text, start=at, end=at + len(text))
        at += len(text) + 1
        sentences.append(text)
        for a in agents:
            entities.setdefault(a, ExtractedEntity(name=a, type="GovernmentBody", country=AGENCIES[a], mentions=[ev]))
        for t in targets:
            entities.setdefault(t, ExtractedEntity(name=t, type="Company", country=countries.get(t),
                                                   aliases=(aliases or {}).get(t, []), mentions=[ev]))
        events.append(ExtractedEvent(type=rng.choice(TYPES), date=rng.choice(DATES), agents=agents, targets=targets,
                                     evidence=ev))
    doc = Document(id=doc_id, text=" ".join(sentences), published=dt.date(2024, 5, 1), source="wire.example")
    return Extraction(document=doc, entities=list(entities.values()), events=events)


def summaries(driver: neo4j.Driver) -> list[dict[str, object]]:
    kept = [r for r in run(driver, "graph-snapshot") if {"PeerBucket", "PeerFirm", "PEER_EVENT"} & set(r["labels"])]
    return sorted(kept, key=lambda r: (r["kind"], str(r["key"]), str(r["props"])))


def assert_answers_equal(driver: neo4j.Driver) -> int:
    """Both queries agree everywhere, and the summaries equal their recompute; returns the events counted."""
    by_home = {home: ["", *sorted(i for i, p in firms(driver).items() if p.get("country") == home)]
               for home in ("KR", "JP")}
    cases = [(home, js, since, exclude) for home, ids in by_home.items()
             for js, since, exclude in itertools.product(JURISDICTIONS, SINCE, ids)]
    counted = 0
    for home, js, since, exclude in [*cases, ("DE", ["CN"], None, ""), ("KR", ["FR"], None, "")]:
        args = {"home": home, "jurisdictions": js, "since": since, "exclude": exclude}
        kept = run(driver, "api-screen-peers", **args, limit=4)
        scanned = run(driver, "api-screen-peers-scan", **args, limit=4)
        assert kept == scanned, (args, kept, scanned)
        counted += int(kept[0]["events"])
    kept_state = summaries(driver)
    changed = schema.migrate_peer_exposure(driver, full=True)
    assert changed["schema-peer-exposure-events"] == changed["schema-peer-exposure-empty"] == 0, \
        "the buckets differed from their recompute"
    assert changed["schema-peer-exposure-orphans"] == 0, "a firm summary outlived its firm"
    assert summaries(driver) == kept_state
    return counted


def test_writer_peer_exposure_equals_the_scan_after_writes_joins_country_changes_and_retractions(
        clean_graph: neo4j.Driver) -> None:
    rng = random.Random(5)
    writer = GraphWriter(clean_graph, group_size=4)
    docs = [article(f"peer-{n:02d}", rng) for n in range(24)]
    writer.write(docs, now=NOW)
    assert assert_answers_equal(clean_graph) > 100
    writer.write([article("peer-03", rng), article("peer-07", rng)], now=NOW)  # rewritten: other events
    assert_answers_equal(clean_graph)

    before = len(firms(clean_graph))
    report = writer.write([article("peer-join", rng, firm_names=["Daesan Chemical"],
                                   aliases={"Daesan Chemical": ["Mirae Optics"]})], now=NOW)
    assert report.rederived, "the alias joins two firms: the losing one's documents are written again"
    assert len(firms(clean_graph)) == before - 1
    assert_answers_equal(clean_graph)

    nameless = [i for i, p in firms(clean_graph).items() if p["name"] == "Nameless Works"]
    assert nameless and firms(clean_graph)[nameless[0]].get("country") is None
    exposed = run(clean_graph, "api-screen-peers", home="KR", jurisdictions=["CN", "RU", "US"], since=None,
                  exclude="", limit=1)[0]["events"]
    writer.write([article("peer-country", rng, firm_names=["Nameless Works"], countries={"Nameless Works": "KR"})],
                 now=NOW)
    assert firms(clean_graph)[nameless[0]]["country"] == "KR"
    assert run(clean_graph, "api-screen-peers", home="KR", jurisdictions=["CN", "RU", "US"], since=None,
               exclude="", limit=1)[0]["events"] > exposed, "its earlier events now count for KR"
    assert_answers_equal(clean_graph)

    writer.remove(["peer-00", "peer-05", "peer-join", "peer-country"])
    assert_answers_equal(clean_graph)
    writer.remove([d.document.id for d in docs])
    assert summaries(clean_graph) == []


def test_writer_peer_exposure_migration_builds_the_summaries_of_an_older_graph(clean_graph: neo4j.Driver) -> None:
    rng = random.Random(9)
    GraphWriter(clean_graph, group_size=8).write([article(f"old-{n:02d}", rng) for n in range(12)], now=NOW)
    kept = summaries(clean_graph)
    assert kept
    run(clean_graph, "graph-peer-exposure-clear")  # as a graph written before the summaries
    assert summaries(clean_graph) == []
    changed = schema.migrate_peer_exposure(clean_graph)
    assert changed["schema-peer-exposure-events"] > 0 and changed["schema-peer-exposure-firms"] > 0
    assert summaries(clean_graph) == kept
    assert schema.migrate_peer_exposure(clean_graph) == dict.fromkeys(schema.PEER_EXPOSURE, 0)  # in step: no work
    assert_answers_equal(clean_graph)
