-- People's API keys (service-security). Only the SHA-256 of a key is stored: a leaked table hands out no key.
CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY,
    person     text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('WRITER', 'EDITOR', 'ADMIN')),
    key_hash   bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    revoked_at timestamptz
);

-- Every write through the HTTP API by an authenticated person, refused ones included.
CREATE TABLE audit_log (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    credential text        NOT NULL,
    method     text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    status     integer     NOT NULL,
    note       text
);
