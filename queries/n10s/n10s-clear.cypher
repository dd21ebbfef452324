// summary: Delete what an n10s import made (its configuration and constraint stay).
// access: destructive
MATCH (r:Resource) DETACH DELETE r
