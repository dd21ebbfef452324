// summary: Record a watchlist's screening state after a check.
// access: write
// param id: str - watchlist id
// param state: str - the screening state as JSON
// param now: datetime - the time of the check
// returns: id
MATCH (w:Watchlist {id: $id})
SET w.state = $state, w.checkedAt = $now
RETURN w.id AS id
