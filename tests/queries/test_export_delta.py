"""Deltas by record time on the live Neo4j: old export + delta == new export, applied in pyoxigraph."""

from __future__ import annotations

import datetime as dt
import io
import time

import neo4j
import pyoxigraph as ox
import pytest

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ontology.errors import OptionError
from ontology.rdf import mapping, stream
from ontology.rdf.delta import PROV_INVALIDATED, retraction_graph
from ontology.rdf.describe import description_graph
from queries import export
from tests.helpers import questioning
from tests.sample_graph import SAMPLE_CORPUS, ingested_extractions

pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]


def _quads(driver: neo4j.Driver, settings: Settings, **kw: object) -> list[ox.Quad]:
    buf = io.BytesIO()
    export.export(driver, buf, "nquads", database=settings.neo4j_database, batch_size=5,  # type: ignore[arg-type]
                  description=False, **kw)
    return list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))


def apply_delta(old: list[ox.Quad], delta: list[ox.Quad]) -> set[ox.Quad]:
    """What a partner does: drop every quad of a retracted subject, then add the delta's data quads."""
    m = mapping()
    bookkeeping = {retraction_graph(m), description_graph(m)}
    store = ox.Store()
    store.extend(old)
    for subject in {q.subject for q in delta if q.graph_name == retraction_graph(m)}:
        for q in list(store.quads_for_pattern(subject, None, None, None)):
            store.remove(q)
    store.extend(q for q in delta if q.graph_name not in bookkeeping)
    return set(store)


def test_export_delta_old_plus_delta_is_new(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    writer = GraphWriter(clean_graph, database=neo4j_settings.neo4j_database)
    extractions = list(ingested_extractions())
    assert writer.write(extractions).failed == []
    old = _quads(clean_graph, neo4j_settings)
    time.sleep(1.1)
    since = dt.datetime.now(dt.UTC)
    time.sleep(1.1)
    # one document changed (new title, one event fewer), one removed
    changed = next(e for e in extractions if len(e.events) > 1)
    edited = changed.model_copy(update={
        "document": changed.document.model_copy(update={"title": "A corrected headline"}),
        "events": changed.events[1:]})
    assert writer.write([edited]).failed == []
    removed = next(e for e in extractions if e.document.id != changed.document.id).document.id
    writer.remove([removed])

    delta = _quads(clean_graph, neo4j_settings, changed_since=since)
    new = _quads(clean_graph, neo4j_settings)
    assert set(old) != set(new)
    expected = ox.Store()
    expected.extend(new)  # the store's canonical literals, as in the applied one
    assert apply_delta(old, delta) == set(expected)
    # it is a delta, and it says what was removed
    m = mapping()
    assert 0 < len(delta) < len(new) / 2
    gone = ox.NamedNode(str(m.node("Document", removed)))
    assert any(q.subject == gone and q.predicate == PROV_INVALIDATED for q in delta)
    assert not any(q.subject == gone and q.graph_name != retraction_graph(m) for q in delta)
    # nothing recorded since now: an empty delta
    assert _quads(clean_graph, neo4j_settings, changed_since=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)) == []


def test_export_delta_needs_a_quad_syntax_and_a_time() -> None:
    with pytest.raises(OptionError, match="nquads or trig"):
        stream.export(None, io.BytesIO(), "turtle", changed_since="2026-01-01T00:00:00Z")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="'last tuesday': expected an ISO 8601 date-time") as raised:
        stream.parse_changed_since("last tuesday")
    assert raised.value.option == "changed_since"
    assert stream.parse_changed_since("2026-01-01T01:00:00+01:00") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _assessments(quads: list[ox.Quad]) -> dict[str, tuple[str, str]]:
    """Assessment IRI -> (role, probability) in an export."""
    m = mapping()
    role, prob = ox.NamedNode(str(m.prop("assessedRole"))), ox.NamedNode(str(m.prop("argumentProbability")))
    by: dict[str, dict[ox.NamedNode, str]] = {}
    for q in quads:
        if q.predicate in (role, prob) and q.graph_name == ox.DefaultGraph():
            by.setdefault(q.subject.value, {})[q.predicate] = q.object.value  # type: ignore[union-attr]
    return {s: (v[role], v[prob]) for s, v in by.items()}


def test_export_delta_retracts_an_old_argument_probability(clean_graph: neo4j.Driver,
                                                           neo4j_settings: Settings) -> None:
    """A rewrite that lowers the agent's probability and one that leaves the target unjudged: the delta
    names the old assessments, and old export + delta is the new export."""
    writer = GraphWriter(clean_graph, database=neo4j_settings.neo4j_database)
    first = {"agents": {"Shanghai police": 0.6}, "targets": {"Halvorsen Analytics": 0.9}}
    assert writer.write([questioning("a", first), questioning("b", {"agents": {"Shanghai police": 0.8}})]).failed == []
    old = _quads(clean_graph, neo4j_settings)
    assert sorted(_assessments(old).values()) == [("agent", "0.8"), ("target", "0.9")]
    time.sleep(1.1)
    since = dt.datetime.now(dt.UTC)
    time.sleep(1.1)
    writer.write([questioning("b", {"agents": {"Shanghai police": 0.3}})])  # b less sure: a's 0.6 is the highest
    writer.write([questioning("a", {"agents": {"Shanghai police": 0.7}})])  # a no longer judges the target
    delta = _quads(clean_graph, neo4j_settings, changed_since=since)
    new = _quads(clean_graph, neo4j_settings)
    assert sorted(_assessments(new).values()) == [("agent", "0.7")]
    m = mapping()
    retracted = {q.subject.value for q in delta if q.graph_name == retraction_graph(m)}
    assert set(_assessments(old)) <= retracted  # both old values are named for retraction
    target = next(s for s, (role, _) in _assessments(old).items() if role == "target")
    assert any(q.subject.value == target and q.predicate == PROV_INVALIDATED for q in delta)
    assert not any(q.subject.value == target and q.graph_name != retraction_graph(m) for q in delta)
    expected = ox.Store()
    expected.extend(new)
    assert apply_delta(old, delta) == set(expected)
