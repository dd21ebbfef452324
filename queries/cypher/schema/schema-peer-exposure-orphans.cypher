// summary: Migration (before schema-peer-exposure-firms): drop the PeerFirm nodes of ids that are no firm with a country any more, in batches of 10,000.
// access: destructive
// autocommit: true
// returns: changed (PeerFirm nodes removed)
MATCH (f:PeerFirm)
WHERE NOT EXISTS { MATCH (c:Entity:Company {id: f.firm}) WHERE c.country IS NOT NULL }
CALL (f) { DELETE f } IN TRANSACTIONS OF 10000 ROWS
RETURN count(f) AS changed
