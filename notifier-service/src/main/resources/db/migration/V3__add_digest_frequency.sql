-- How often a subscriber wants mail: each article at once, or a daily or weekly digest. A digest
-- uses the same ledger: one row per (subscriber, article, 'daily'|'weekly'), due at the digest time.
ALTER TABLE subscribers
    ADD COLUMN frequency text NOT NULL DEFAULT 'instant' CHECK (frequency IN ('instant', 'daily', 'weekly'));

ALTER TABLE deliveries
    ADD CONSTRAINT deliveries_kind CHECK (kind IN ('instant', 'daily', 'weekly'));
