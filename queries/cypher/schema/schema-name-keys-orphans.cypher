// summary: Migration (run by `schema.apply`, after `schema-name-keys-link`): delete NameKey nodes no entity links any more, in batches of 1,000 (the writer removes them as it goes; this catches what was deleted some other way).
// access: destructive
// autocommit: true
// returns: changed (key nodes deleted)
MATCH (k:NameKey)
WHERE COUNT { (k)<-[:HAS_NAME_KEY]-() } = 0
CALL (k) { DETACH DELETE k } IN TRANSACTIONS OF 1000 ROWS
RETURN count(k) AS changed
