"""Pydantic models of the graph's nodes, derived from ``schema.yaml`` (for the API and exports).

``model_for("Raid")`` is a model with one field per property of the class (own and
inherited): literals by datatype, relations as node ids, ``many`` properties as lists,
``required`` ones without a default. Internal and RDF-only properties are left out.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from ontology.model import Ontology, Property, load

_PY_TYPES: dict[str, Any] = {
    "string": str, "integer": int, "decimal": float, "date": dt.date, "dateTime": dt.datetime,
    "anyURI": str, "partialDate": str, "precision": str, "country": str,
}
_PATTERNS = {"partialDate": r"^\d{4}(-\d{2}(-\d{2})?)?$", "country": r"^[A-Z]{2}$",
             "precision": r"^(year|month|day)$"}


class NodeModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def _field(p: Property) -> tuple[Any, Any]:
    base: Any = str if p.is_relation else _PY_TYPES[p.datatype or "string"]
    pattern = None if p.is_relation else _PATTERNS.get(p.datatype or "")
    if p.many:
        return list[base], Field(default_factory=list, description=p.comment)
    if p.required:
        return base, Field(..., description=p.comment, pattern=pattern)
    return base | None, Field(default=None, description=p.comment, pattern=pattern)


def fields_of(onto: Ontology, cls: str) -> dict[str, Property]:
    return {p.name: p for p in onto.properties_of(cls) if p.exported and not p.rdf_only}


@cache
def model_for(cls: str) -> type[NodeModel]:
    """The pydantic model of nodes of class ``cls``."""
    onto = load()
    if cls not in onto.classes or onto.classes[cls].rdf_only:
        raise KeyError(f"no node class {cls!r}")
    definitions: dict[str, Any] = {name: _field(p) for name, p in fields_of(onto, cls).items()}
    model: type[NodeModel] = create_model(cls, __base__=NodeModel, __doc__=onto.classes[cls].comment,
                                          **definitions)
    return model
