-- A counter per feed that every change moves by one: instances compare it with what they rendered, and learn of
-- changes through NOTIFY feed_changes (payload: the changed feeds), so no request has to ask the database.
ALTER TABLE feed_changes ADD COLUMN revision bigint NOT NULL DEFAULT 1;

-- Which live entries each topic feed holds, ordered the way feeds read them, so that a feed's query reads its
-- newest rows from one index however large the archive grows (a GIN index on topics has to sort every match).
CREATE TABLE feed_memberships (
    entry_id     uuid        NOT NULL REFERENCES feed_entries (id),
    feed         text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (entry_id, feed)
);
CREATE INDEX feed_memberships_newest ON feed_memberships (feed, published_at DESC, entry_id);

INSERT INTO feed_memberships (entry_id, feed, published_at)
SELECT DISTINCT id, topic, published_at FROM feed_entries, unnest(topics) AS topic WHERE retracted_at IS NULL;

DROP INDEX feed_entries_topics;

-- The all-topics feed reads the same order from one index.
CREATE INDEX feed_entries_live_newest ON feed_entries (published_at DESC, id) WHERE retracted_at IS NULL;
DROP INDEX feed_entries_live_by_published;
