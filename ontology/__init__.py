"""The enforcegraph domain model: ``schema.yaml`` and what is derived from it."""

from ontology.model import OntClass, Ontology, Property, SchemaError, load

__all__ = ["OntClass", "Ontology", "Property", "SchemaError", "load"]
