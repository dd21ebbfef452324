// summary: Migration (after schema-peer-exposure-events): drop the PeerBucket nodes no event is linked from any more, in batches of 10,000.
// access: destructive
// autocommit: true
// returns: changed (buckets removed)
MATCH (b:PeerBucket) WHERE NOT EXISTS { (b)-[:PEER_EVENT]->() }
CALL (b) { DELETE b } IN TRANSACTIONS OF 10000 ROWS
RETURN count(b) AS changed
