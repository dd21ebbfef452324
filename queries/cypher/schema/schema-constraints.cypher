// summary: The names of the constraints in the database (to check the schema).
// returns: name
SHOW CONSTRAINTS YIELD name
RETURN name
