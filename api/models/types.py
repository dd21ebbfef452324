"""The API's type vocabulary, built from the ontology (``ontology/schema.yaml``), never retyped.

Entity classes, event classes, the actor classes a watchlist item may claim, the relationship
types of event arguments and the role names the API gives them all come from here, so a class
added to the schema appears in filters, request checks and the OpenAPI document without an
edit to the API. Request fields are enumerations (anything else is a 422); response fields
stay strings whose description lists the ontology's values, so that an older graph's label is
still answered rather than turned into a 500.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from ontology import load as load_ontology
from ontology.types import PARTIAL_DATE_PATTERN

_onto = load_ontology()

#: Concrete entity classes, in schema order.
ENTITY_CLASSES: list[str] = list(_onto.entity_types())
#: Entity classes a filter may name: the concrete ones and the abstract ``Actor``.
ENTITY_TYPES: list[str] = [*ENTITY_CLASSES, "Actor"]
#: Event classes, in schema order.
EVENT_TYPES: list[str] = list(_onto.event_types())
#: The classes a watchlist item may claim: the ontology's actor classes.
ACTOR_TYPES: list[str] = [t for t in ENTITY_CLASSES if _onto.is_a(t, "Actor")]
#: Relationship types from an event to its arguments (not to the documents that report it).
ARGUMENT_TYPES: list[str] = [
    rel for rel, prop in _onto.relation_types().items()
    if "EnforcementEvent" in _onto.domains(prop.name) and prop.range in [*ENTITY_CLASSES, "Actor"]]

#: The API's name for each argument relationship (``underLaw`` reads better as ``law``).
ROLE_OF: dict[str, str] = {"AGENT": "agent", "TARGET": "target", "LOCATION": "location", "UNDER_LAW": "law"}
if set(ROLE_OF) != set(ARGUMENT_TYPES):  # the schema gained or lost an argument: name its role here
    raise RuntimeError(f"api role names {sorted(ROLE_OF)} do not match the ontology's event arguments "
                       f"{sorted(ARGUMENT_TYPES)}")

#: Argument relationships that carry the argument model's probability (a `probability` qualifier).
SCORED_ARGUMENT_TYPES: list[str] = [rel for rel in ARGUMENT_TYPES
                                    if "probability" in _onto.relation_types()[rel].qualifiers]

EntityType = StrEnum("EntityType", [(t, t) for t in ENTITY_TYPES])  # type: ignore[misc]
EventType = StrEnum("EventType", [(t, t) for t in EVENT_TYPES])  # type: ignore[misc]

if TYPE_CHECKING:
    ItemType = str
    Role = str
else:
    ItemType = Literal[tuple(ACTOR_TYPES)]
    Role = Literal[tuple(ROLE_OF.values())]


def _one_of(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


#: A partial ISO date, as precise as the sources: YYYY, YYYY-MM or YYYY-MM-DD.
PARTIAL_DATE = PARTIAL_DATE_PATTERN
#: An ISO 3166-1 alpha-2 code, in either case (upper-cased where it is used).
COUNTRY = r"^[A-Za-z]{2}$"

#: Descriptions of response fields that name ontology classes or relationships.
ENTITY_TYPE_DOC = f"Ontology class: {_one_of(ENTITY_CLASSES)}."
EVENT_TYPE_DOC = f"Ontology event class: {_one_of(EVENT_TYPES)}."
NODE_TYPE_DOC = (f"The node's ontology class: for an entity {_one_of(ENTITY_CLASSES)}; "
                 f"for an event {_one_of(EVENT_TYPES)}.")
ARGUMENT_TYPE_DOC = f"The relationship from the event to the entity: {_one_of(ARGUMENT_TYPES)}."
ROLES_DOC = f"The linked entity's roles in those events ({', '.join(ROLE_OF.values())})."
