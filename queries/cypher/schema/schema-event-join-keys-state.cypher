// summary: Whether the event join-key migration has work, at the same cost at any size: the number of target and law relationships (Neo4j's count store), whether any of them carries a joinKey (the first entry of either relationship index), and whether a migration was left under way.
// returns: anchors (TARGET and UNDER_LAW relationships), keyed (one of them has a joinKey), pending (a Migration node 'event-join-keys' exists)
CALL () { MATCH ()-[r:TARGET]->() RETURN count(r) AS targets }
CALL () { MATCH ()-[r:UNDER_LAW]->() RETURN count(r) AS laws }
RETURN targets + laws AS anchors,
       EXISTS { MATCH ()-[r:TARGET]->() WHERE r.joinKey IS NOT NULL }
         OR EXISTS { MATCH ()-[r:UNDER_LAW]->() WHERE r.joinKey IS NOT NULL } AS keyed,
       EXISTS { MATCH (:Migration {name: 'event-join-keys'}) } AS pending
