// summary: The alert and delivery log of one watchlist, oldest first.
// param watchlist: str - watchlist id
// param kind: str or null - only alerts of this kind (retraction: the corrections feed)
// param limit: int - at most this many
// returns: delivery (map: id, kind, subject, detail, status, attempts, httpStatus, error, createdAt, lastAttemptAt)
MATCH (d:WebhookDelivery {watchlist: $watchlist})
WHERE $kind IS NULL OR d.kind = $kind
RETURN d {.id, .kind, .subject, .detail, .status, .attempts, .httpStatus, .error, .createdAt, .lastAttemptAt} AS delivery
ORDER BY d.createdAt, d.id
LIMIT $limit
