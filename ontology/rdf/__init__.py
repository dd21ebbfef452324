"""RDF: the terms of the model (:mod:`.terms`), statements from graph rows (:mod:`.quads`, :mod:`.delta`,
:mod:`.describe`), writers per syntax (:mod:`.writers`), the export composition (:mod:`.stream`) and
its atomic file output (:mod:`.files`).

Nothing here talks to Neo4j: the export takes its rows from any :class:`ontology.rdf.stream.RowSource`
(the shells pass the paged reads of :mod:`queries.export`).
"""

from ontology.rdf.terms import (
    COUNTRY_PATTERN,
    PARTIAL_DATE_TYPES,
    PRECISIONS,
    XSD_NS,
    RdfMapping,
    clean_text,
    decimal_text,
    mapping,
)

__all__ = ["COUNTRY_PATTERN", "PARTIAL_DATE_TYPES", "PRECISIONS", "XSD_NS", "RdfMapping", "clean_text",
           "decimal_text", "mapping"]
