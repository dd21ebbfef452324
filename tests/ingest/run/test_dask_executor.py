"""The Dask executor: the same guard, the same order and the same graph as local extraction.

A local Dask cluster of two worker processes is started for these tests; the guard's behaviour
is driven with the stand-in workers of ``tests/isolation_fakes.py``, and the graph comparison
uses the real pipeline on the sample corpus.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from enforcegraph.settings import Settings
from ingest.records import Document, Extraction
from ingest.run.isolation import Failure, Limits
from tests import isolation_fakes
from tests.conftest import cli, cli_env
from tests.helpers import snapshot

pytest.importorskip("distributed")

from ingest.run.dask_executor import DaskExecutor

SAMPLE = Path(__file__).resolve().parents[3] / "corpus" / "sample"


def outcome(items: list[Extraction | Failure]) -> list[str]:
    return [f"fail:{i.id}" if isinstance(i, Failure) else f"ok:{i.document.id}" for i in items]


def test_ingest_executors_dask_failures_cost_one_document_and_keep_order() -> None:
    ids = ["ok-1", "boom-1", "ok-2", "crash-1", "ok-3", "hang-1", "ok-4", "ok-5"] + [f"ok-{n}" for n in range(6, 30)]
    pulled: list[int] = []
    emitted = 0

    def source() -> Iterator[Document]:
        for n, i in enumerate(ids):
            pulled.append(n - emitted)  # documents taken from the input but not yet handed on
            yield Document(id=i, text="Police raided the office.")

    items: list[Extraction | Failure] = []
    with DaskExecutor("fake", workers=2, limits=Limits(seconds=3), load=isolation_fakes.load, window=4) as ex:
        for item in ex.extract_many(source()):
            items.append(item)
            emitted += 1
    assert outcome(items) == [f"fail:{i}" if i.split("-")[0] in {"boom", "crash", "hang"} else f"ok:{i}"
                              for i in ids]
    reasons = {i.id: i.reason for i in items if isinstance(i, Failure)}
    assert "KeyError" in reasons["boom-1"]
    assert "ended unexpectedly" in reasons["crash-1"]
    assert "time budget" in reasons["hang-1"]
    assert max(pulled) <= 4  # the window bounds what is held, whatever the input size


def test_ingest_executors_dask_refuses_oversized_text_before_submitting() -> None:
    big = Document(id="ok-big", text="x" * 2000)
    with DaskExecutor("fake", workers=1, limits=Limits(max_chars=1000), load=isolation_fakes.load) as ex:
        items = list(ex.extract_many([Document(id="ok-1", text="Police raided."), big]))
    assert outcome(items) == ["ok:ok-1", "fail:ok-big"]
    assert "over the limit" in str(items[1])


@pytest.mark.neo4j
def test_ingest_executors_dask_builds_the_same_graph_as_one_process(clean_graph: neo4j.Driver,
                                                                   neo4j_settings: Settings) -> None:
    from ingest.readers import read_paths
    from ingest.service import ingest_documents
    from queries import run

    db = neo4j_settings.neo4j_database
    one = ingest_documents(clean_graph, neo4j_settings.ingest_options(), read_paths([SAMPLE]), workers=1)
    assert one.ok and one.ingested == len(list(SAMPLE.glob("*.json")))
    local = snapshot(clean_graph, db)
    run(clean_graph, "graph-clear", database=db)
    dask = ingest_documents(clean_graph, neo4j_settings.ingest_options(), read_paths([SAMPLE]), workers=2,
                            executor="dask", group_size=3)
    assert dask.ok and dask.ingested == one.ingested
    distributed = snapshot(clean_graph, db)
    assert len(local) > 100
    assert distributed == local


def test_ingest_executors_cli_address_needs_the_dask_executor(neo4j_settings: Settings) -> None:
    proc = subprocess.run(cli("ingest", str(SAMPLE), "--address", "tcp://127.0.0.1:8786"),
                          env=cli_env(neo4j_settings), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "--executor dask" in proc.stderr and "Traceback" not in proc.stderr
