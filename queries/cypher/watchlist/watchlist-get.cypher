// summary: Saved watchlists: one by id, or all of them (id order) when the id is null; with the webhook secret, for the server's own use.
// param id: str or null - a watchlist id, or null for all
// returns: watchlist (map: id, name, request, webhookUrl, webhookSecret, state, createdAt, updatedAt, checkedAt)
MATCH (w:Watchlist)
WHERE $id IS NULL OR w.id = $id
RETURN w {.id, .name, .request, .webhookUrl, .webhookSecret, .state, .createdAt, .updatedAt, .checkedAt} AS watchlist
ORDER BY w.id
