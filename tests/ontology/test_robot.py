"""ROBOT (from Maven Central) on the generated ontology: OWL 2 DL, HermiT, the QC report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from enforcegraph import robot
from ontology.rdf import mapping


@pytest.fixture(scope="module")
def robot_jars() -> Path:
    return robot.ensure_robot()


def test_ontology_robot_generated_ontology_is_dl_consistent_and_clean(robot_jars: Path) -> None:
    results = robot.check(robot.ONTOLOGY, robot_jars)
    assert [r.name for r in results] == ["validate-profile DL", "reason (HermiT)", "report"]
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_ontology_robot_catches_undeclared_terms_and_duplicate_labels(robot_jars: Path, tmp_path: Path) -> None:
    m = mapping()
    g = Graph().parse(robot.ONTOLOGY, format="turtle")
    g.add((m.cls("Raid"), RDFS.subClassOf, URIRef("http://example.org/Undeclared")))
    g.add((m.cls("Fine"), RDFS.label, Literal("Raid", lang="en")))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    results = {r.name: r for r in robot.check(broken, robot_jars)}
    assert not results["validate-profile DL"].ok and "Undeclared" in results["validate-profile DL"].detail
    assert not results["report"].ok and "label" in results["report"].detail
