-- Events waiting for the relay; written in the same transaction as the change they announce.
CREATE TABLE outbox_events (
    id           uuid PRIMARY KEY,
    sequence     bigserial   NOT NULL UNIQUE,
    destination  text        NOT NULL,
    message_key  text        NOT NULL,
    event_type   text        NOT NULL,
    subject      text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);

CREATE INDEX outbox_events_unpublished ON outbox_events (sequence) WHERE published_at IS NULL;
