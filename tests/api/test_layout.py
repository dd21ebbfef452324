"""The API's house rules, checked on the source: routers are thin and independent, models live in
``api/models``, and the type vocabulary is the ontology's, not a copy of it."""

from __future__ import annotations

import ast

from api.models import types
from ontology import load as load_ontology
from tests.helpers import ROOT

API = ROOT / "api"


def _imports(path: str) -> set[str]:
    tree = ast.parse((API / path).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def _classes(path: str) -> list[tuple[str, list[str]]]:
    tree = ast.parse((API / path).read_text(encoding="utf-8"))
    return [(n.name, [ast.unparse(b) for b in n.bases]) for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]


def test_layout_no_router_imports_another_and_none_defines_a_model() -> None:
    routers = sorted(p.relative_to(API).as_posix() for p in (API / "routers").glob("*.py"))
    assert len(routers) >= 10
    for path in routers:
        assert not {m for m in _imports(path) if m.startswith("api.routers")}, path
        assert not [c for c, bases in _classes(path) if "BaseModel" in bases], path


def test_layout_services_and_models_do_not_depend_on_routers() -> None:
    for folder in ("services", "models"):
        for p in (API / folder).glob("*.py"):
            path = p.relative_to(API).as_posix()
            assert not {m for m in _imports(path) if m.startswith("api.routers")}, path


def test_layout_type_vocabulary_is_the_ontologys() -> None:
    onto = load_ontology()
    assert onto.event_types() == types.EVENT_TYPES
    assert onto.entity_types() == types.ENTITY_CLASSES
    assert set(types.ACTOR_TYPES) == set(onto.concrete("Actor"))
    event_args = {p.rel_type for p in onto.relation_types().values()
                  if "EnforcementEvent" in onto.domains(p.name) and p.range != "Document"}
    assert set(types.ARGUMENT_TYPES) == event_args == set(types.ROLE_OF)
    assert [e.value for e in types.EventType] == onto.event_types()
