"""The extractor's vocabulary is data that agrees with the ontology: the trigger rules name exactly
the ontology's event types, every event type a word list names exists, the actor types come
from the ontology, and no module of ``ingest/extract`` keeps a word list of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from ingest.extract import vocabulary
from ingest.extract.triggers import load_config
from ontology import load as load_ontology

EXTRACT = Path(vocabulary.__file__).resolve().parent
#: Module-level collections of strings that are labels, not words of the language: spaCy's
#: dependency, tag and part-of-speech labels, schema types, and the kinds of our own records.
LABELS = {"OBJ_DEPS", "STOP_POS", "VERB_TAGS", "FIRMS", "RULER_LABELS", "SOURCE_WEIGHT", "ABSOLUTE",
          "ANCHORED", "VAGUE_KINDS", "_DASHES", "DATELINE_MARKS", "NOUN_MODIFIER", "KINDS", "STATE",
          # date words the date patterns spell out too (the regular expressions of date_expressions.py)
          "MONTH_ABBR", "WEEKDAYS", "NUMBERS", "MONTHS"}


def test_vocabulary_trigger_rules_cover_exactly_the_ontology_event_types() -> None:
    ruled = {rule.event_type for rule in load_config().rules}
    assert ruled == set(load_ontology().event_types())


def test_vocabulary_event_types_in_word_lists_are_ontology_event_types() -> None:
    known = set(load_ontology().event_types())
    named = (vocabulary.words("person_events") | vocabulary.words("court_events")
             | vocabulary.words("diplomatic_events") | set(vocabulary.kinds("act_body_words")))
    assert named and named <= known, sorted(named - known)


def test_vocabulary_actors_are_the_ontology_actor_entity_types() -> None:
    onto = load_ontology()
    assert {t for t in onto.entity_types() if onto.is_a(t, "Actor")} == vocabulary.ACTORS
    assert {"Company", "GovernmentBody", "Person", "Organization"} == vocabulary.ACTORS


def _string_collection(node: ast.expr) -> bool:
    """A literal set, list, tuple or dict with three or more string constants in it."""
    if not isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
        return False
    strings = [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return len(strings) >= 3


def test_vocabulary_no_word_list_left_in_extract_modules() -> None:
    found = []
    for path in sorted(EXTRACT.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if _string_collection(node.value) and not set(names) <= LABELS:
                    found.append(f"{path.relative_to(EXTRACT)}:{node.lineno} {names}")
    assert not found, found


def test_vocabulary_unknown_list_is_named_in_the_error() -> None:
    try:
        vocabulary.words("no_such_list")
    except KeyError as exc:
        assert "no_such_list" in str(exc) and "words.yaml" in str(exc)
    else:
        raise AssertionError("an unknown word list was accepted")
