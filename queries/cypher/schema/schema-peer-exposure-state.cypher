// summary: Whether the peer exposure migration has work, at the same cost at any size (Neo4j's count store): the number of events, of PEER_EVENT links and of PeerFirm nodes, and whether a migration was left under way.
// returns: events, links, firms, pending (a Migration node 'peer-exposure' exists)
CALL () { MATCH (e:EnforcementEvent) RETURN count(e) AS events }
CALL () { MATCH ()-[r:PEER_EVENT]->() RETURN count(r) AS links }
CALL () { MATCH (f:PeerFirm) RETURN count(f) AS firms }
RETURN events, links, firms, EXISTS { MATCH (:Migration {name: 'peer-exposure'}) } AS pending
