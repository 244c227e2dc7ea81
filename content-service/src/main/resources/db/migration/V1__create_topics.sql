CREATE TABLE topics (
    slug        text PRIMARY KEY,
    title       text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
