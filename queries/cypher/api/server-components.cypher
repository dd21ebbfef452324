// summary: The server's name, versions and edition (for the health check and status).
// returns: name, versions (list), edition
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
