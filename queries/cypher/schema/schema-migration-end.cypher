// summary: Mark a data migration as complete.
// access: destructive
// param migration: str - the migration ('name-keys', 'event-join-keys', 'peer-exposure')
// returns: ended
MATCH (m:Migration {name: $migration})
DELETE m
RETURN count(*) AS ended
