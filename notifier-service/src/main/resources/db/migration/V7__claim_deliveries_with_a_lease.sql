-- Senders claim due rows with a lease instead of holding row locks through the SMTP conversation:
-- a short statement marks the rows (claimer, until when), the emails go out with no transaction
-- open, and one batched update records the outcomes. A row whose claimer died is due again when its
-- lease ends (see docs/adr).
ALTER TABLE deliveries
    ADD COLUMN claimed_by    text,
    ADD COLUMN claimed_until timestamptz;

-- The claim takes rows in this order (a subscriber's digest rows together), so the index serves it
-- without sorting every pending row.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, subscriber_id, id) WHERE status = 'PENDING';
