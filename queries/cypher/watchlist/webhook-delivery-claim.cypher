// summary: Claim one alert (event, retraction or score) for delivery: created when new; taken when it failed before or when an earlier claim lapsed (its sender died); refused while another check is sending it. So each alert is sent once, also when two processes check at the same time.
// access: write
// param id: str - delivery id (derived from watchlist, kind and subject)
// param watchlist: str - watchlist id
// param kind: str - event | retraction | score
// param subject: str - the event id, or the item row and score
// param detail: str - what the alert says, in one line (the corrections feed shows it)
// param now: datetime - the time of the claim
// param leaseSeconds: int - how long a claim holds before another check may take the alert over
// returns: status (claimed: send it now; busy: another check is sending it; delivered or logged: done), attempts
MERGE (d:WebhookDelivery {id: $id})
ON CREATE SET d.watchlist = $watchlist, d.kind = $kind, d.subject = $subject, d.detail = $detail, d.createdAt = $now,
              d.status = 'pending', d.attempts = 0
WITH d, d.status AS before,
     d.status = 'failed' OR (d.status = 'pending' AND (d.claimedAt IS NULL
                             OR d.claimedAt < $now - duration({seconds: $leaseSeconds}))) AS mine
SET d.claimedAt = CASE WHEN mine THEN $now ELSE d.claimedAt END,
    d.status = CASE WHEN mine THEN 'pending' ELSE d.status END
RETURN CASE WHEN mine THEN 'claimed' WHEN before = 'pending' THEN 'busy' ELSE before END AS status,
       d.attempts AS attempts
