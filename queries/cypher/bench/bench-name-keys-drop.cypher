// summary: NOT for use on a real graph (bench/bench_candidates.py only): delete every NameKey node and its links, in batches of 1,000, to time the migration that links a graph written before the key nodes existed.
// access: destructive
// autocommit: true
// returns: dropped (key nodes deleted)
MATCH (k:NameKey)
CALL (k) { DETACH DELETE k } IN TRANSACTIONS OF 1000 ROWS
RETURN count(k) AS dropped
