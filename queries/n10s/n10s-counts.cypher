// summary: What an n10s import made: resources, relationships and literal values (list items counted one by one).
// returns: resources, relationships, literals
CALL () { MATCH (r:Resource) RETURN count(r) AS resources }
CALL () { MATCH (:Resource)-[x]->(:Resource) RETURN count(x) AS relationships }
CALL () {
  MATCH (r:Resource)
  UNWIND [k IN keys(r) WHERE k <> 'uri' | r[k]] AS v
  RETURN sum(CASE WHEN v IS :: LIST<ANY> THEN size(v) ELSE 1 END) AS literals
}
RETURN resources, relationships, literals
