"""Every Cypher statement of the product: named ``.cypher`` files and the schema derived from the ontology."""

from queries.library import Query, QueryError, get, names, rows, run, stream

__all__ = ["Query", "QueryError", "get", "names", "rows", "run", "stream"]
