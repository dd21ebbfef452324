"""Graph building end to end on the live Neo4j: resolution, cross-source merging, judgements,
splitting, removal and interrupted runs.

Hand-made extractions (our own sentences) pin the rules exactly; the sample corpus, run
through the real extractor, shows them at work on whole articles.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from api import graph as api_graph
from api.convert import event_detail
from enforcegraph.settings import Settings
from ingest.graph.entity_resolution import Judgements
from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from queries import run
from tests.helpers import SAMPLE_CORPUS, cli, cli_env, snapshot

pytestmark = pytest.mark.neo4j
NOW = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)


def extraction(doc_id: str, text: str, entities: list[tuple[str, str, list[str], str | None]],
               events: list[dict[str, Any]], published: str = "2024-04-30") -> Extraction:
    """An extraction of our own text; each event's evidence is the whole text."""
    ev = Evidence(text=text, start=0, end=len(text))
    return Extraction(
        document=Document(id=doc_id, text=text, published=dt.date.fromisoformat(published)),
        entities=[ExtractedEntity(name=n, type=t, aliases=a, country=c) for n, t, a, c in entities],
        events=[ExtractedEvent(evidence=ev, **e) for e in events],
    )


BAIN_FULL = extraction(
    "bain-a", "Police questioned staff of US consultancy Bain & Company (Bain) in Shanghai in April.",
    [("Bain & Company", "Company", ["Bain"], "US"), ("Shanghai police", "GovernmentBody", [], "CN")],
    [{"type": "Questioning", "date": "2024-04", "agents": ["Shanghai police"], "targets": ["Bain & Company"]}])
BAIN_SHORT = extraction(
    "bain-b", "Bain said on Monday its Shanghai staff had been questioned by police.",
    [("Bain", "Company", [], None), ("Shanghai police", "GovernmentBody", [], "CN")],
    [{"type": "Questioning", "date": "2024-04-29", "agents": ["Shanghai police"], "targets": ["Bain"]}])
LI_A = extraction("li-a", "Li Wei, an engineer, was detained in Chengdu.",
                  [("Li Wei", "Person", [], None)], [{"type": "Detention", "date": "2024-03", "targets": ["Li Wei"]}])
LI_B = extraction("li-b", "A court sentenced Li Wei, a former diplomat, to ten years.",
                  [("Li Wei", "Person", [], None)], [{"type": "Sentence", "date": "2024-04", "targets": ["Li Wei"]}])


@pytest.fixture
def graph(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[tuple[neo4j.Driver, str]]:
    yield clean_graph, neo4j_settings.neo4j_database


def entities_named(driver: neo4j.Driver, db: str, name: str) -> list[dict[str, Any]]:
    """Entity nodes whose name or alias is ``name``."""
    return [r["props"] for r in run(driver, "graph-snapshot", database=db)
            if r["kind"] == "node" and "Entity" in r["labels"]
            and (r["props"].get("name") == name or name in (r["props"].get("aliases") or []))]


def test_graph_building_short_form_in_another_article_is_one_firm(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    report = GraphWriter(driver, database=db).write([BAIN_FULL, BAIN_SHORT], now=NOW)
    assert report.failed == []
    [bain] = entities_named(driver, db, "Bain & Company")
    assert bain["sourceCount"] == 2 and bain["country"] == "US"
    assert bain["merges"] == ["alias: bain"]
    assert len(bain["memberIds"]) == 2


def test_graph_building_same_event_from_two_outlets_is_one_event_with_the_finer_date(
        graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    GraphWriter(driver, database=db).write([BAIN_FULL, BAIN_SHORT], now=NOW)
    events = [r["props"] for r in run(driver, "graph-snapshot", database=db)
              if r["kind"] == "node" and "Questioning" in r["labels"]]
    assert len(events) == 1
    assert events[0]["sourceCount"] == 2
    # "2024-04" and "2024-04-29" agree; the more precise one is chosen
    assert events[0]["date"] == "2024-04-29" and events[0]["datePrecision"] == "day"


def test_graph_building_order_and_batching_do_not_change_the_graph(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    GraphWriter(driver, database=db, group_size=1).write([BAIN_FULL, BAIN_SHORT], now=NOW)
    one_by_one = snapshot(driver, db)
    run(driver, "graph-clear", database=db)
    GraphWriter(driver, database=db, group_size=10).write([BAIN_FULL, BAIN_SHORT], now=NOW)
    assert snapshot(driver, db) == one_by_one


def test_graph_building_same_named_people_merge_unless_judged_different(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    GraphWriter(driver, database=db).write([LI_A, LI_B], now=NOW)
    [li] = entities_named(driver, db, "Li Wei")
    assert li["merges"] == ["alias: li wei"] and len(li["memberIds"]) == 2
    run(driver, "graph-clear", database=db)
    apart = Judgements(different={frozenset(li["memberIds"])})
    GraphWriter(driver, database=db, judgements=apart).write([LI_A, LI_B], now=NOW)
    people = entities_named(driver, db, "Li Wei")
    assert len(people) == 2 and all(p["merges"] == [] for p in people)


def test_graph_building_a_surname_alone_never_joins_people(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    a = extraction("w-a", "Officers detained Wang at the airport.", [("Wang", "Person", [], None)],
                   [{"type": "Detention", "targets": ["Wang"]}])
    b = extraction("w-b", "A court jailed Wang for spying.", [("Wang", "Person", [], None)],
                   [{"type": "Sentence", "targets": ["Wang"]}])
    GraphWriter(driver, database=db).write([a, b], now=NOW)
    assert len(entities_named(driver, db, "Wang")) == 2


def test_graph_building_split_undoes_a_merge_as_if_it_never_happened(
        graph: tuple[neo4j.Driver, str], neo4j_settings: Settings, tmp_path: Path) -> None:
    driver, db = graph
    GraphWriter(driver, database=db).write([BAIN_FULL, BAIN_SHORT], now=NOW)
    [bain] = entities_named(driver, db, "Bain & Company")
    judgements = tmp_path / "judgements.json"
    env = cli_env(neo4j_settings, ENFORCEGRAPH_JUDGEMENTS_PATH=str(judgements))
    proc = subprocess.run(cli("resolve", "--split", bain["id"]), env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    after_split = snapshot(driver, db)
    assert len(entities_named(driver, db, "Bain & Company")) == 1
    assert len(entities_named(driver, db, "Bain")) == 2  # "Bain" alone is its own entity again
    # the same documents ingested from scratch with the saved judgement give the same graph
    run(driver, "graph-clear", database=db)
    GraphWriter(driver, database=db, judgements=Judgements.load(judgements)).write(
        [BAIN_FULL, BAIN_SHORT], now=NOW)
    assert snapshot(driver, db) == after_split


def test_graph_building_resolve_different_keeps_people_apart_in_later_ingests(
        graph: tuple[neo4j.Driver, str], neo4j_settings: Settings, tmp_path: Path) -> None:
    driver, db = graph
    first = extraction("li-c", "Li Wei Chen, a trader, was detained.", [("Li Wei Chen", "Person", [], None)],
                       [{"type": "Detention", "targets": ["Li Wei Chen"]}])
    second = extraction("li-d", "Prosecutors charged Li Wei Chen, a professor.",
                        [("Li Wei Chen", "Person", ["Professor Li Wei Chen"], None)],
                        [{"type": "Charge", "targets": ["Professor Li Wei Chen"]}])
    GraphWriter(driver, database=db).write([first], now=NOW)
    third = extraction("li-e", "Professor Li Wei Chen was questioned.",
                       [("Professor Li Wei Chen", "Person", ["Li Wei Chen"], None)],
                       [{"type": "Questioning", "targets": ["Professor Li Wei Chen"]}])
    GraphWriter(driver, database=db).write([second, third], now=NOW)
    merged = [e for e in entities_named(driver, db, "Li Wei Chen")]
    assert len(merged) == 1
    judgements = tmp_path / "j.json"
    env = cli_env(neo4j_settings, ENFORCEGRAPH_JUDGEMENTS_PATH=str(judgements))
    proc = subprocess.run(cli("resolve", "--split", merged[0]["id"]), env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(entities_named(driver, db, "Li Wei Chen")) >= 2
    # a later ingest of the same documents respects the saved judgement
    GraphWriter(driver, database=db, judgements=Judgements.load(judgements)).write([first, second, third],
                                                                                    now=NOW)
    assert len(entities_named(driver, db, "Li Wei Chen")) >= 2


def test_graph_building_remove_keeps_what_others_corroborate(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    writer = GraphWriter(driver, database=db)
    writer.write([BAIN_FULL, BAIN_SHORT, LI_A], now=NOW)
    writer.remove(["bain-b", "li-a"])
    labels = [r["labels"] for r in run(driver, "graph-snapshot", database=db) if r["kind"] == "node"]
    assert sum("Questioning" in lb for lb in labels) == 1  # bain-a still reports it
    assert not any("Detention" in lb for lb in labels)  # only li-a reported it
    [bain] = entities_named(driver, db, "Bain & Company")
    assert bain["sourceCount"] == 1 and bain["merges"] == []



def test_graph_building_a_story_date_is_shown_as_inferred_never_as_the_date(graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    guessed = extraction("w-c", "Officers also questioned Wang in Suzhou.", [("Wang", "Person", [], None)],
                         [{"type": "Questioning", "date": "2024-03", "date_basis": "story", "targets": ["Wang"]}])
    GraphWriter(driver, database=db).write([guessed], now=NOW)
    [event] = [r["props"] for r in run(driver, "graph-snapshot", database=db)
               if r["kind"] == "node" and "Questioning" in r["labels"]]
    assert event.get("date") is None and event.get("datePrecision") is None
    [row] = api_graph.read(driver, db, "api-event-get", id=event["id"])  # as the API reads it
    detail = event_detail(row["event"])
    assert detail.date is None and detail.reported_dates == []
    assert [(d.document, d.value) for d in detail.inferred_dates] == [("w-c", "2024-03")]

# -- the sample corpus through the real extractor and the CLI -----------------------------------
def _ingest(settings: Settings, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli("ingest", str(SAMPLE_CORPUS), "--quiet", *extra), env=cli_env(settings),
                          capture_output=True, text=True, timeout=600)


#: The graph of one whole, uninterrupted ingest of the sample corpus by the CLI, kept by the first test
#: that makes one: the interrupted-run test compares against it instead of extracting the corpus again.
_UNINTERRUPTED: list[list[tuple[str, str, str, str]]] = []


def _uninterrupted(driver: neo4j.Driver, db: str, settings: Settings) -> list[tuple[str, str, str, str]]:
    """That graph; made here (on the clean graph, then cleared) when no test has made it yet."""
    if not _UNINTERRUPTED:
        done = _ingest(settings)
        assert done.returncode == 0, done.stderr
        _UNINTERRUPTED.append(snapshot(driver, db))
        run(driver, "graph-clear", database=db)
    return _UNINTERRUPTED[0]


def test_graph_building_sample_corpus_twice_is_identical(graph: tuple[neo4j.Driver, str],
                                                        neo4j_settings: Settings) -> None:
    driver, db = graph
    first = _ingest(neo4j_settings)
    assert first.returncode == 0, first.stderr
    assert "ingested 20" in first.stderr and "documents/s" in first.stderr
    before = snapshot(driver, db)
    _UNINTERRUPTED[:] = [before]
    second = _ingest(neo4j_settings)
    assert second.returncode == 0, second.stderr
    assert "ingested 0" in second.stderr and "20 unchanged" in second.stderr
    assert snapshot(driver, db) == before
    forced = _ingest(neo4j_settings, "--force")
    assert forced.returncode == 0, forced.stderr
    assert snapshot(driver, db) == before
    # the whole-corpus facts the issue names
    names = {r["props"]["name"]: r for r in run(driver, "graph-snapshot", database=db) if r["kind"] == "node"
             and "Entity" in r["labels"]}
    assert "Bain" not in names and "Bain & Company" in names
    assert "MSS" not in names and "Ministry of State Security" in names
    mintz_raids = [r for r in run(driver, "graph-snapshot", database=db)
                   if r["kind"] == "relationship" and r["labels"] == ["TARGET"]
                   and r["key"].startswith("raid-") and r["key"].endswith(names["Mintz Group"]["key"])]
    assert len(mintz_raids) == 1
    raid_id = mintz_raids[0]["key"].split(" -> ")[0]
    sources = [r["key"] for r in run(driver, "graph-snapshot", database=db)
               if r["kind"] == "relationship" and r["labels"] == ["REPORTED_IN"] and r["key"].startswith(raid_id)]
    assert any("eastwire-2023-03-24" in s for s in sources) and any("harbourpost-2023-03-25" in s for s in sources)


def test_graph_building_killed_ingest_rerun_matches_an_uninterrupted_run(
        graph: tuple[neo4j.Driver, str], neo4j_settings: Settings) -> None:
    driver, db = graph
    uninterrupted = _uninterrupted(driver, db, neo4j_settings)  # batching does not change the graph (above)
    proc = subprocess.Popen(cli("ingest", str(SAMPLE_CORPUS), "--quiet", "--batch-size", "2"),
                            env=cli_env(neo4j_settings), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        docs = [r for r in run(driver, "graph-counts", database=db) if r["name"] == "Document"]
        if docs and 0 < docs[0]["count"] < 20:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be interrupted"
    again = _ingest(neo4j_settings, "--batch-size", "2")
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stderr
    assert snapshot(driver, db) == uninterrupted


def test_graph_building_bad_file_is_reported_and_the_rest_lands(graph: tuple[neo4j.Driver, str],
                                                               neo4j_settings: Settings, tmp_path: Path) -> None:
    driver, db = graph
    good = json.loads(next(iter(sorted(SAMPLE_CORPUS.glob("*.json")))).read_text())
    good.pop("gold", None)
    (tmp_path / "good.json").write_text(json.dumps(good))
    (tmp_path / "broken.json").write_text("{not json")
    proc = subprocess.run(cli("ingest", str(tmp_path), "--quiet"), env=cli_env(neo4j_settings),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "broken.json" in proc.stderr and "Traceback" not in proc.stderr
    assert run(driver, "document-get", database=db, id=good["id"]) != []


def test_graph_building_a_new_extractor_rereads_unchanged_documents(
        graph: tuple[neo4j.Driver, str], neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.service as runner
    from ingest.readers import ReadError, read_paths

    driver, _db = graph
    docs = [d for d in read_paths([next(iter(sorted(SAMPLE_CORPUS.glob("*.json"))))])
            if not isinstance(d, ReadError)]
    first = runner.ingest_documents(driver, neo4j_settings.ingest_options(), docs)
    assert first.ingested == 1
    assert runner.ingest_documents(driver, neo4j_settings.ingest_options(), docs).unchanged == 1
    monkeypatch.setattr(runner, "extractor_version", lambda model: "a-newer-extractor")
    again = runner.ingest_documents(driver, neo4j_settings.ingest_options(), docs)
    assert again.unchanged == 0 and again.ingested == 1


def test_graph_building_cli_remove_names_unknown_documents(graph: tuple[neo4j.Driver, str],
                                                          neo4j_settings: Settings) -> None:
    driver, db = graph
    GraphWriter(driver, database=db).write([BAIN_FULL, LI_A], now=NOW)
    proc = subprocess.run(cli("remove", "bain-a", "no-such-doc"), env=cli_env(neo4j_settings),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "1 document(s) removed" in proc.stdout
    assert proc.stderr.strip() == "enforcegraph remove: no such document: no-such-doc"
    assert run(driver, "document-get", database=db, id="bain-a") == []
    assert run(driver, "document-get", database=db, id="li-a") != []


def test_graph_building_corrected_txt_article_replaces_its_earlier_version(
        graph: tuple[neo4j.Driver, str], neo4j_settings: Settings, tmp_path: Path) -> None:
    driver, db = graph
    story = tmp_path / "story.txt"
    story.write_text("Consultancy raided in Suzhou\nOfficers of the Suzhou State Security Bureau searched the "
                     "office of Falkenried Consulting on Tuesday, the company said.\n")
    (tmp_path / "story.txt.meta.json").write_text(json.dumps({"published": "2024-03-15"}))
    for _ in range(2):
        proc = subprocess.run(cli("ingest", str(tmp_path), "--quiet"), env=cli_env(neo4j_settings),
                              capture_output=True, text=True, timeout=600, check=False)
        assert proc.returncode == 0, proc.stderr
        docs = [r for r in run(driver, "graph-snapshot", database=db) if r["kind"] == "node"
                and "Document" in r["labels"]]
        assert len(docs) == 1 and docs[0]["key"].startswith("file-")
        raids = [r for r in run(driver, "graph-snapshot", database=db) if r["kind"] == "node"
                 and "Raid" in r["labels"]]
        assert len(raids) == 1 and raids[0]["props"]["sourceCount"] == 1
        story.write_text(story.read_text().replace("on Tuesday", "on Tuesday morning"))  # the correction
