"""The enforcegraph domain model, defined once in ``schema.yaml``: the model (``model.py``), its
datatypes (``types.py``), the generated OWL, SHACL and JSON-LD context (``generate.py``) and RDF
(``rdf/``). The lowest layer: it imports nothing from ``queries``, ``ingest`` or the shells."""

from ontology.errors import OntologyError, OptionError, SchemaError
from ontology.model import OntClass, Ontology, Property, load

__all__ = ["OntClass", "Ontology", "OntologyError", "OptionError", "Property", "SchemaError", "load"]
