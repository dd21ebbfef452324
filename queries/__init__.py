"""Everything that talks to Neo4j: the driver and its errors, the named ``.cypher`` files and the
schema derived from the ontology, and the paged reads of the export."""

from queries.driver import Connection, driver_session, redact
from queries.errors import Neo4jUnavailable, QueriesError, QueryError, QueryTooLarge
from queries.library import Query, get, names, rows, run, stream

__all__ = ["Connection", "Neo4jUnavailable", "QueriesError", "Query", "QueryError", "QueryTooLarge",
           "driver_session", "get",
           "names", "redact", "rows", "run", "stream"]
