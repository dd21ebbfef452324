// summary: The names and states of the indexes in the database (to check the schema).
// returns: name, state
SHOW INDEXES YIELD name, state
RETURN name, state
