-- The latest known state of each article, kept by version (events may repeat or arrive after a gap).
CREATE TABLE articles (
    id            uuid PRIMARY KEY,
    version       bigint      NOT NULL,
    slug          text        NOT NULL,
    title         text        NOT NULL,
    summary       text        NOT NULL,
    body_html     text        NOT NULL,
    canonical_url text        NOT NULL,
    author        text        NOT NULL,
    topics        text[]      NOT NULL,
    published_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    retracted_at  timestamptz
);

-- The delivery ledger: the unique key makes a redelivered event unable to queue a second email.
CREATE TABLE deliveries (
    id              bigserial PRIMARY KEY,
    subscriber_id   uuid        NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    article_id      uuid        NOT NULL REFERENCES articles (id),
    kind            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text,
    CONSTRAINT deliveries_once UNIQUE (subscriber_id, article_id, kind)
);

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_by_article ON deliveries (article_id);
