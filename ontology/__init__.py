"""The enforcegraph domain model: ``schema.yaml`` and what is derived from it."""

from ontology.errors import OntologyError, OptionError, SchemaError
from ontology.model import OntClass, Ontology, Property, load

__all__ = ["OntClass", "Ontology", "OntologyError", "OptionError", "Property", "SchemaError", "load"]
