// summary: Create or replace a saved watchlist (internal node) with its request, webhook and screening state.
// access: write
// param id: str - watchlist id
// param title: str - its name
// param request: str - the screening request as JSON
// param webhookUrl: str or null - where alerts are posted
// param webhookSecret: str or null - the HMAC key of its signatures (never returned by the API)
// param state: str - the last screening state as JSON
// param now: datetime - the time of the change
// returns: id, createdAt
MERGE (w:Watchlist {id: $id})
SET w.name = $title, w.request = $request, w.webhookUrl = $webhookUrl, w.webhookSecret = $webhookSecret,
    w.state = $state, w.createdAt = coalesce(w.createdAt, $now), w.updatedAt = $now, w.checkedAt = $now
RETURN w.id AS id, w.createdAt AS createdAt
