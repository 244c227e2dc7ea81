CREATE TABLE articles (
    id                uuid PRIMARY KEY,
    version           bigint      NOT NULL,
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'RETRACTED')),
    slug              text        NOT NULL UNIQUE,
    title             text        NOT NULL,
    summary           text        NOT NULL,
    body              text        NOT NULL,
    body_html         text        NOT NULL,
    author            text        NOT NULL,
    topics            text[]      NOT NULL,
    tags              text[]      NOT NULL,
    canonical_url     text        NOT NULL,
    image_url         text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    scheduled_at      timestamptz,
    published_at      timestamptz,
    retracted_at      timestamptz,
    retraction_reason text
);

CREATE INDEX articles_by_status ON articles (status, created_at DESC);
