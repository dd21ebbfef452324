// summary: The uniqueness constraint n10s needs before it imports (one node per IRI).
// access: write
CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE
