-- The read model: the newest known state of every topic and article, each applied only when its version is newer.
CREATE TABLE topics (
    slug        text PRIMARY KEY,
    version     bigint NOT NULL,
    title       text   NOT NULL,
    description text   NOT NULL
);

-- A retracted article stays as a tombstone (retracted_at set) so that a redelivered older version cannot bring it back.
CREATE TABLE feed_entries (
    id            uuid PRIMARY KEY,
    version       bigint      NOT NULL,
    slug          text        NOT NULL,
    title         text        NOT NULL,
    summary       text        NOT NULL,
    body_html     text        NOT NULL,
    canonical_url text        NOT NULL,
    author        text        NOT NULL,
    topics        text[]      NOT NULL,
    tags          text[]      NOT NULL,
    image_url     text,
    published_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    retracted_at  timestamptz
);

CREATE INDEX feed_entries_live_by_published ON feed_entries (published_at DESC) WHERE retracted_at IS NULL;
CREATE INDEX feed_entries_topics ON feed_entries USING gin (topics);

-- When each feed last changed, as this service saw it: the feed's Last-Modified. Key '*' is the all-topics feed.
-- Kept apart from the entries because a change can leave a feed (a retraction or correction that drops a topic).
CREATE TABLE feed_changes (
    feed       text PRIMARY KEY,
    changed_at timestamptz NOT NULL
);
