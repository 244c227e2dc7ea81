-- Addresses no newsletter email goes to any more: a mailbox the SMTP server rejected for good (5xx
-- to RCPT), or a bounce or complaint reported to the admin API. Keyed by the SHA-256 of the
-- lowercased address, so that an erased subscriber's address can stay suppressed without being kept.
CREATE TABLE suppressions (
    address_hash  bytea       PRIMARY KEY,
    email         text,
    reason        text        NOT NULL CHECK (reason IN ('rejected', 'bounced', 'complained')),
    source        text        NOT NULL,
    detail        text,
    suppressed_at timestamptz NOT NULL
);
