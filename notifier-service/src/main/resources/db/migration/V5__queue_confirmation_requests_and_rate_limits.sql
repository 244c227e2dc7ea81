-- Every subscribe request, recorded by the request thread and mailed by a background sender. The
-- request's own topics are what its confirmation link confirms; nobody becomes a subscriber before
-- that. The confirmation link is an HMAC of the id, so it works as soon as the row is committed.
CREATE TABLE confirmation_requests (
    id           uuid        PRIMARY KEY,
    email        text        NOT NULL,
    topics       text[]      NOT NULL,
    requested_at timestamptz NOT NULL,
    status       text        NOT NULL
        CHECK (status IN ('QUEUED', 'SENT', 'SUPERSEDED', 'SKIPPED', 'FAILED', 'CONFIRMED', 'CANCELLED')),
    send_after   timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    sent_at      timestamptz,
    confirmed_at timestamptz,
    last_error   text
);

CREATE INDEX confirmation_requests_due ON confirmation_requests (send_after) WHERE status = 'QUEUED';
CREATE INDEX confirmation_requests_by_email ON confirmation_requests (email, requested_at);

-- Bucket4j's token buckets of the subscribe rate limits (one row per client or hashed email
-- address), shared by all instances; expires_at (epoch millis) lets a cleaner drop idle buckets.
CREATE TABLE rate_limit_buckets (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
