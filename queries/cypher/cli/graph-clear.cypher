// summary: Delete every node and relationship, in batches (schema kept). For tests and `reset`.
// access: destructive
// autocommit: true
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
