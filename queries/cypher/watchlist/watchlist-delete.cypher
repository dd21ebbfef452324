// summary: Delete a saved watchlist and its delivery log.
// access: destructive
// param id: str - watchlist id
// returns: deleted (0 or 1)
MATCH (w:Watchlist {id: $id})
OPTIONAL MATCH (d:WebhookDelivery {watchlist: $id})
WITH w, collect(d) AS deliveries
FOREACH (d IN deliveries | DELETE d)
DETACH DELETE w
RETURN 1 AS deleted
