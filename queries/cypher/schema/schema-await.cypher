// summary: Wait (up to five minutes) until every index is online.
CALL db.awaitIndexes(300)
