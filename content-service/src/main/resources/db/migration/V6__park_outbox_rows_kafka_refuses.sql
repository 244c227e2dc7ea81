-- Sends Kafka refused for the row itself (too large, unknown destination). After
-- tidings.content.outbox.max-attempts the row is parked: the relay leaves it, and the later rows of
-- the same article or topic (same destination and key), for an admin to retry or drop.
ALTER TABLE outbox_events ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox_events ADD COLUMN last_error text;
ALTER TABLE outbox_events ADD COLUMN parked_at timestamptz;

DROP INDEX outbox_events_unpublished;
CREATE INDEX outbox_events_unpublished ON outbox_events (sequence) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_events_parked ON outbox_events (destination, message_key, sequence) WHERE parked_at IS NOT NULL;
