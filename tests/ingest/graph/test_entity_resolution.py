"""Entity resolution rules, on hand-made reports (no model, no database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.errors import IngestInputError
from ingest.graph.entity_resolution import EntityReport, Judgements, resolve


def rep(base: str, type_: str, *names: str, country: str | None = None, gazetteer: bool = False) -> EntityReport:
    return EntityReport(base, type_, names, country, gazetteer)


def test_resolution_short_form_alias_joins_full_name_across_documents() -> None:
    full = rep("c-bain-company", "Company", "Bain & Company", "Bain", country="US")
    short = rep("c-bain", "Company", "Bain")
    res = resolve([short, full])
    assert res.entity_of["c-bain"] == res.entity_of["c-bain-company"] == "c-bain-company"
    [merge] = res.merges
    assert merge.rule == "alias" and merge.names == ("bain",)
    assert merge.explain() == "alias: bain"


def test_resolution_acronym_joins_the_body_it_abbreviates() -> None:
    mss = rep("g-mss", "GovernmentBody", "MSS")
    full = rep("g-ministry", "GovernmentBody", "Ministry of State Security", "MSS", country="CN")
    res = resolve([mss, full])
    assert res.entity_of["g-mss"] == "g-ministry"


def test_resolution_ambiguous_acronym_joins_nothing() -> None:
    a = rep("g-a", "GovernmentBody", "Ministry of State Security", "MSS")
    b = rep("g-b", "GovernmentBody", "Medical Supply Service", "MSS")
    bare = rep("g-mss", "GovernmentBody", "MSS")
    res = resolve([a, b, bare])
    assert len(set(res.entity_of.values())) == 3


def test_resolution_people_need_full_names() -> None:
    a = rep("p-a", "Person", "Daisuke Hirano", "Hirano")
    b = rep("p-b", "Person", "Kenji Hirano", "Hirano")
    c = rep("p-c", "Person", "Daisuke Hirano")
    res = resolve([a, b, c])
    assert res.entity_of["p-a"] == res.entity_of["p-c"]
    assert res.entity_of["p-a"] != res.entity_of["p-b"]


def test_resolution_different_countries_never_merge() -> None:
    a = rep("c-a", "Company", "Apex Partners", country="US")
    b = rep("c-b", "Company", "Apex", "Apex Partners", country="GB")
    assert resolve([a, b]).entity_of["c-a"] != resolve([a, b]).entity_of["c-b"]


def test_resolution_judgement_different_keeps_same_named_people_apart() -> None:
    a = rep("p-1", "Person", "Li Wei", country="CN")
    b = rep("p-2", "Person", "Li Wei")
    assert resolve([a, b]).entity_of["p-2"] == resolve([a, b]).entity_of["p-1"]
    apart = Judgements(different={frozenset({"p-1", "p-2"})})
    res = resolve([a, b], apart)
    assert res.entity_of["p-1"] == "p-1" and res.entity_of["p-2"] == "p-2"
    assert res.merges == []


def test_resolution_judgement_same_joins_what_rules_would_not() -> None:
    a = rep("c-x", "Company", "Capvision")
    b = rep("c-y", "Company", "Kaisiwei")
    res = resolve([a, b], Judgements(same={frozenset({"c-x", "c-y"})}))
    assert res.entity_of["c-x"] == res.entity_of["c-y"]
    assert res.merges[0].rule == "judgement"


def test_resolution_gazetteer_member_names_the_entity() -> None:
    a = rep("g-zzz", "GovernmentBody", "Federal Security Service", "FSB", country="RU", gazetteer=True)
    b = rep("g-aaa", "GovernmentBody", "Federal Security Service of Russia", "Federal Security Service")
    assert resolve([a, b]).entity_of["g-aaa"] == "g-zzz"


def test_resolution_judgements_file_round_trip_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "judgements.json"
    j = Judgements(same={frozenset({"a", "b"})}, different={frozenset({"c", "d"})})
    j.save(path)
    assert Judgements.load(path) == j
    assert Judgements.load(tmp_path / "missing.json") == Judgements()
    path.write_text("{not json")
    with pytest.raises(IngestInputError, match="judgements file"):
        Judgements.load(path)
    path.write_text('{"same": [["a", "b", "c"]]}')
    with pytest.raises(IngestInputError, match="two different ids"):
        Judgements.load(path)


NAMES = st.sampled_from(["Bain", "Bain & Company", "MSS", "Ministry of State Security", "Apex", "Apex Partners",
                         "Li Wei", "Wei"])


@given(st.lists(st.tuples(st.sampled_from(["Company", "GovernmentBody", "Person"]),
                          st.lists(NAMES, min_size=1, max_size=3),
                          st.sampled_from([None, "US", "CN"])), max_size=8),
       st.randoms())
def test_resolution_is_independent_of_input_order(specs: list[tuple[str, list[str], str | None]],
                                                  rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)
    reports = [rep(f"b{i}", t, *names, country=c) for i, (t, names, c) in enumerate(specs)]
    shuffled = reports[:]
    rnd.shuffle(shuffled)
    assert resolve(reports).entity_of == resolve(shuffled).entity_of
