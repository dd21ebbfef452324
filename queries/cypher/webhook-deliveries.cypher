// summary: The delivery log of one watchlist, oldest first.
// param watchlist: str - watchlist id
// param limit: int - at most this many
// returns: delivery (map: id, kind, subject, status, attempts, httpStatus, error, createdAt, lastAttemptAt)
MATCH (d:WebhookDelivery {watchlist: $watchlist})
RETURN d {.id, .kind, .subject, .status, .attempts, .httpStatus, .error, .createdAt, .lastAttemptAt} AS delivery
ORDER BY d.createdAt, d.id
LIMIT $limit
