// summary: Write documents, one node each keyed by id; ingestedAt is kept while the content hash is unchanged; recordedAt is the time of this write.
// access: write
// param rows: list of {id: str, props: map} - document properties (title, url, source, published, contentHash, ingestedAt)
// returns: written (number of documents)
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
WITH d, row,
     CASE WHEN d.contentHash = row.props.contentHash AND d.ingestedAt IS NOT NULL
          THEN d.ingestedAt ELSE row.props.ingestedAt END AS ingestedAt
SET d = row.props
SET d.id = row.id, d.ingestedAt = ingestedAt, d.recordedAt = datetime.transaction()
RETURN count(d) AS written
