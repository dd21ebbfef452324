"""The streamed export with and without argument assessments, side by side in one run (no database).

    .venv/bin/python bench/bench_export_assessments.py [--events 20000] [--runs 3] [--formats ntriples,turtle]

Why in memory: the cost this change adds is the statements the exporter builds and writes for each
judged agent and target (an ``eg:ArgumentAssessment`` with role, entity, probability and judging
documents); the Neo4j side only returns two more fields per argument row. So one synthetic graph
(documents with their reports, entities, events with two agents/targets each and a place) is made as
export rows, and the same composition (:func:`ontology.rdf.stream.export`) writes it to a file under
var/bench/ twice per run, alternately: 'before' with the arguments as graphs written before
probabilities were kept (no ``probability``: what the export stated until now, byte for byte), 'after'
with every agent and target judged by one or two documents. Medians of ``--runs``; statements/s is the
figure of the export target (>= 100k statements/s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ontology.rdf import mapping, stream  # noqa: E402
from ontology.rdf.rows import Kind, Row, Selection  # noqa: E402

OUT = ROOT / "var" / "bench" / "export-assessments"
PAGE = 500


class SyntheticRows:
    """A RowSource over a generated graph: ``events`` events, one document each (a second for every
    third), five firms per agency; ``judged`` gives every agent and target a probability."""

    def __init__(self, events: int, *, judged: bool) -> None:
        onto = mapping().onto
        self.events, self.judged = events, judged
        self.labels = {c: onto.labels(c) for c in ("Raid", "Company", "GovernmentBody", "Place")}

    def _docs(self, i: int) -> list[str]:
        return [f"doc-{i}"] + ([f"doc-{i}-b"] if i % 3 == 0 else [])

    def _rows(self, kind: Kind) -> Iterator[Row]:
        n = self.events
        if kind == "document":
            for i in range(n):
                for d in self._docs(i):
                    yield {"document": {"id": d, "title": f"Report {d}", "published": "2024-05-01",
                                        "recordedAt": "2024-05-01T00:00:00Z"}}
        elif kind == "entity":
            for j in range(n // 5 + 1):
                yield {"entity": {"id": f"agency-{j}", "name": f"Agency {j}", "country": "CN"},
                       "labels": self.labels["GovernmentBody"]}
            for i in range(n):
                yield {"entity": {"id": f"firm-{i}", "name": f"Firm {i}", "country": "US"},
                       "labels": self.labels["Company"]}
            yield {"entity": {"id": "place-0", "name": "Beijing", "country": "CN"}, "labels": self.labels["Place"]}
        else:
            for i in range(n):
                docs = self._docs(i)
                args: list[dict[str, Any]] = [
                    {"type": "AGENT", "entity": f"agency-{i // 5}", "sources": len(docs)},
                    {"type": "TARGET", "entity": f"firm-{i}", "sources": len(docs)},
                    {"type": "LOCATION", "entity": "place-0", "sources": len(docs)}]
                if self.judged:
                    for a, p in zip(args[:2], (0.91, 0.74), strict=True):
                        a.update(probability=p, judgedBy=docs)
                yield {"event": {"id": f"raid-{i}", "date": "2024-04-29", "datePrecision": "day", "confidence": 0.9,
                                 "sourceCount": len(docs)}, "labels": self.labels["Raid"], "arguments": args}

    def pages(self, kind: Kind, selection: Selection) -> Iterator[list[Row]]:
        page: list[Row] = []
        for row in self._rows(kind):
            page.append(row)
            if len(page) == PAGE:
                yield page
                page = []
        if page:
            yield page

    def reports(self, doc_ids: list[str], selection: Selection) -> list[Row]:
        out: list[Row] = []
        for d in doc_ids:
            i = int(d.split("-")[1])
            nodes = ((f"raid-{i}", "Raid"), (f"firm-{i}", "Company"), (f"agency-{i // 5}", "GovernmentBody"))
            for node, labels in nodes:
                out.append({"doc": d, "id": node, "labels": self.labels[labels], "evidence": f"Sentence {i}.",
                            "start": 0, "end": 12, "confidence": 0.9})
        return out

    def subject_reports(self, ids: list[str]) -> list[Row]:
        return []

    def tombstones(self, since: dt.datetime) -> list[Row]:
        return []

    def tombstone_horizon(self) -> dt.datetime | None:
        return None


def measure(events: int, judged: bool, fmt: str) -> tuple[int, float]:
    path = OUT / f"{'after' if judged else 'before'}.{fmt}"
    t = time.perf_counter()
    with path.open("wb") as out:
        stats = stream.export(SyntheticRows(events, judged=judged), out, fmt, description=False)
    return stats.statements, time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="ntriples,turtle")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    formats = args.formats.split(",")
    runs: dict[tuple[str, bool], list[tuple[int, float]]] = {}
    for _ in range(args.runs):
        for fmt in formats:
            for judged in (False, True):
                runs.setdefault((fmt, judged), []).append(measure(args.events, judged, fmt))
    print("| format | version | statements | wall s | statements/s |")
    print("|---|---|---:|---:|---:|")
    for fmt in formats:
        rate = {}
        for judged in (False, True):
            n = runs[(fmt, judged)][0][0]
            sec = statistics.median(s for _, s in runs[(fmt, judged)])
            rate[judged] = n / sec
            print(f"| {fmt} | {'after (assessments)' if judged else 'before'} | {n:,} | {sec:.2f} | {n / sec:,.0f} |")
        print(f"| {fmt} | after/before | | | **{rate[True] / rate[False]:.2f}x** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
