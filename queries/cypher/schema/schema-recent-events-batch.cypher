// summary: Migration step (run by `schema.apply` on a graph written before entities kept their newest events, and in full after a restore): the next batch of entities, in id order after `after` (read from the id index), with whether each lacks its kept newest events or sources; the caller recomputes those that do (every one when it repairs) with graph-write-recent-recompute.
// param after: str - the last id of the previous batch ("" for the first)
// param limit: int - batch size
// returns: id, missing (no recentEvents or recentSources yet), in id order
MATCH (x:Entity)
WHERE x.id > $after
RETURN x.id AS id, (x.recentEvents IS NULL OR x.recentSources IS NULL) AS missing
ORDER BY x.id
LIMIT $limit
