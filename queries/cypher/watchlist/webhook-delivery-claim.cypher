// summary: Claim one alert (event, retraction or score) for delivery: created when new; returns whether it was already delivered (so each alert is sent once).
// access: write
// param id: str - delivery id (derived from watchlist, kind and subject)
// param watchlist: str - watchlist id
// param kind: str - event | retraction | score
// param subject: str - the event id, or the item row and score
// param detail: str - what the alert says, in one line (the corrections feed shows it)
// param now: datetime - the time of the claim
// returns: status (pending, delivered or failed), attempts
MERGE (d:WebhookDelivery {id: $id})
ON CREATE SET d.watchlist = $watchlist, d.kind = $kind, d.subject = $subject, d.detail = $detail, d.createdAt = $now,
              d.status = 'pending', d.attempts = 0
RETURN d.status AS status, d.attempts AS attempts
