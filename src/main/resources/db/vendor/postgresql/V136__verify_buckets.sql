-- /verify's rate limit shared by every node of a cluster (SharedVerifyBuckets): one Bucket4j token bucket per
-- client address, read and written under SELECT … FOR UPDATE by Bucket4j's PostgreSQL proxy manager. state is
-- Bucket4j's own serialization; expires_at (epoch milliseconds) is when the bucket would be full again, after
-- which a row says nothing a missing row does not: the clean-up deletes it (index). H2 (one node) keeps the
-- buckets in memory and has no such table.
CREATE TABLE xs_verify_bucket (
    id         VARCHAR(100) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX ix_verify_bucket_expires ON xs_verify_bucket (expires_at);
