-- WebSub subscriptions: one row per (topic, callback) once the subscriber verified its intent. change_keys are the
-- read model's feed keys (feed_changes.feed) whose changes change the topic's feed, so that the transaction that
-- changes a feed finds its subscribers by one GIN index look-up.
CREATE TABLE websub_subscriptions (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic                text        NOT NULL,
    callback             text        NOT NULL,
    change_keys          text[]      NOT NULL,
    -- The subscriber's hub.secret (under 200 bytes): needed as it is to sign every delivery, never shown.
    secret               text,
    lease_seconds        bigint      NOT NULL,
    expires_at           timestamptz NOT NULL,
    subscribed_at        timestamptz NOT NULL,
    last_delivery_at     timestamptz,
    last_delivery_status text,
    -- Failed attempts since the last successful delivery, and deliveries given up in all.
    failures             integer     NOT NULL DEFAULT 0,
    given_up             integer     NOT NULL DEFAULT 0,
    UNIQUE (topic, callback)
);
CREATE INDEX websub_subscriptions_change_keys ON websub_subscriptions USING gin (change_keys);
CREATE INDEX websub_subscriptions_expiry ON websub_subscriptions (expires_at);

-- At most one pending delivery per subscription: changes that come while one is pending or in flight move its
-- generation, so the subscriber gets the newest content once instead of every intermediate one. A worker claims a
-- row (claimed_by, claimed_until) with FOR UPDATE SKIP LOCKED, posts outside any transaction, then deletes the row
-- if its generation is still the one it delivered.
CREATE TABLE websub_deliveries (
    subscription_id bigint      PRIMARY KEY REFERENCES websub_subscriptions (id) ON DELETE CASCADE,
    generation      bigint      NOT NULL DEFAULT 1,
    attempts        integer     NOT NULL DEFAULT 0,
    due_at          timestamptz NOT NULL,
    claimed_by      text,
    claimed_until   timestamptz
);
CREATE INDEX websub_deliveries_due ON websub_deliveries (due_at);
