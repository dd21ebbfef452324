// summary: Mark the NameKey migration as under way (so that a start-up after an interruption resumes it).
// access: write
// returns: name
MERGE (m:Migration {name: 'name-keys'})
RETURN m.name AS name
