// summary: Migration (run by `schema.apply` on a graph written before events' target and law relationships carried their join key, and in full after a restore): set `joinKey` ("<eventType>|<entity id>|<event date, or empty>", as graph-write-refresh-events keeps it) on every such relationship whose key is missing or differs, in batches of 10,000 events (their own transactions). Idempotent: a graph in step only pays the read.
// access: write
// autocommit: true
// returns: changed (relationships given their join key)
MATCH (e:EnforcementEvent)
CALL (e) {
  MATCH (e)-[a:TARGET|UNDER_LAW]->(x:Entity)
  WITH a, e.eventType + '|' + x.id + '|' + coalesce(e.date, '') AS key
  WHERE a.joinKey IS NULL OR a.joinKey <> key
  SET a.joinKey = key
  RETURN count(a) AS n
} IN TRANSACTIONS OF 10000 ROWS
RETURN coalesce(sum(n), 0) AS changed
