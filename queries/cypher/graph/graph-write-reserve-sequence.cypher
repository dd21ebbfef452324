// summary: Reserve `count` consecutive numbers of a named counter; returns the first. The write lock is taken before the counter is read, so concurrent writers never get the same numbers.
// access: write
// param counter: str - the counter (e.g. "document")
// param count: int - how many numbers to reserve (at least 1)
// returns: first (the first reserved number; numbers start at 1)
MERGE (c:Counter {name: $counter})
SET c.locked = true
WITH c
SET c.next = coalesce(c.next, 1) + $count
REMOVE c.locked
RETURN c.next - $count AS first
