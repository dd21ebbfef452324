// summary: Record the outcome of delivering one alert (attempts add up across checks).
// access: write
// param id: str - delivery id
// param status: str - delivered, failed or logged (no webhook)
// param attempts: int - attempts made this time
// param httpStatus: int or null - the receiver's last HTTP status
// param error: str or null - why the last attempt failed (never a secret)
// param now: datetime - the time of the last attempt
// returns: id
MATCH (d:WebhookDelivery {id: $id})
SET d.status = $status, d.attempts = d.attempts + $attempts, d.httpStatus = $httpStatus, d.error = $error,
    d.lastAttemptAt = $now
RETURN d.id AS id
