// summary: Mark the NameKey migration as complete.
// access: destructive
// returns: ended
MATCH (m:Migration {name: 'name-keys'})
DELETE m
RETURN count(*) AS ended
