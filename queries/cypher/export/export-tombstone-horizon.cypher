// summary: The earliest time a delta can start from: removals before it may have lost their tombstones to compaction (no row: nothing compacted).
// returns: horizon
MATCH (h:Tombstone {removedKind: 'compacted'})
RETURN h.removedAt AS horizon
