// summary: Delete screening's peer exposure summaries (PeerBucket, PeerFirm and their links), in batches: a graph as written before the writer kept them (tests; a repair then runs schema.migrate_peer_exposure).
// access: destructive
// autocommit: true
MATCH (n) WHERE n:PeerBucket OR n:PeerFirm
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
