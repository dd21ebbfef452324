// summary: Migration (run by `schema.apply`): link every entity whose NameKey links differ in number from its nameKeys to exactly the key nodes of its nameKeys, in batches of 1,000 entities (a graph written before the key nodes existed, or restored from an older backup). A graph in step only has each entity's nameKeys and link count (its degree, not its relationships) read.
// access: destructive
// autocommit: true
// returns: changed (entities relinked)
MATCH (n:Entity)
WHERE COUNT { (n)-[:HAS_NAME_KEY]->() } <> size(coalesce(n.nameKeys, []))
CALL (n) {
  WITH n, coalesce(n.nameKeys, []) AS keys
  CALL (n, keys) {
    MATCH (n)-[h:HAS_NAME_KEY]->(k:NameKey) WHERE NOT k.key IN keys
    DELETE h
  }
  CALL (n, keys) {
    UNWIND keys AS key
    MERGE (k:NameKey {key: key})
    MERGE (n)-[:HAS_NAME_KEY]->(k)
  }
} IN TRANSACTIONS OF 1000 ROWS
RETURN count(n) AS changed
