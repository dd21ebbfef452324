// summary: Mark a data migration as under way (so that a start-up after an interruption resumes it).
// access: write
// param migration: str - the migration ('name-keys', 'event-join-keys', 'peer-exposure')
// returns: name
MERGE (m:Migration {name: $migration})
RETURN m.name AS name
