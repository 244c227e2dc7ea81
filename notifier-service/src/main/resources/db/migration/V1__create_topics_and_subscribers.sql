-- The topics content-service announces on content.topics.v1; people can only subscribe to these.
CREATE TABLE topics (
    slug        text PRIMARY KEY,
    version     bigint NOT NULL,
    title       text   NOT NULL,
    description text   NOT NULL
);

-- One row per mailbox (email stored lower-cased). confirmed_at: the mailbox owner clicked a
-- confirmation link at least once; unsubscribed_at: they left and get nothing until they confirm again.
CREATE TABLE subscribers (
    id              uuid PRIMARY KEY,
    email           text        NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL,
    confirmed_at    timestamptz,
    unsubscribed_at timestamptz
);

-- A topic someone asked for; it is mailed only once confirmed through the mailbox.
CREATE TABLE subscriptions (
    subscriber_id uuid        NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    topic_slug    text        NOT NULL REFERENCES topics (slug),
    requested_at  timestamptz NOT NULL,
    confirmed_at  timestamptz,
    PRIMARY KEY (subscriber_id, topic_slug)
);

CREATE INDEX subscriptions_by_topic ON subscriptions (topic_slug) WHERE confirmed_at IS NOT NULL;

-- Only the SHA-256 of a token is stored: a database leak does not hand out working links.
CREATE TABLE confirmation_tokens (
    token_hash    bytea PRIMARY KEY,
    subscriber_id uuid        NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);

CREATE TABLE unsubscribe_tokens (
    token_hash    bytea PRIMARY KEY,
    subscriber_id uuid        NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL
);
