-- Partner sites read full-content feeds of their topics at a private URL. Only the SHA-256 of a partner's token is
-- kept (NULL while it has none: revoked, until an admin issues a new one). Request counts are added in batches by
-- every instance that served the partner.
CREATE TABLE partners (
    id               uuid PRIMARY KEY,
    name             text        NOT NULL,
    topics           text[]      NOT NULL,
    token_hash       bytea       UNIQUE,
    token_issued_at  timestamptz,
    token_revoked_at timestamptz,
    created_at       timestamptz NOT NULL,
    created_by       text        NOT NULL,
    requests         bigint      NOT NULL DEFAULT 0,
    last_access_at   timestamptz
);
