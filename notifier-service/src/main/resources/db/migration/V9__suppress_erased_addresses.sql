-- An erased subscriber leaves only the hash of their address behind (email NULL), with the reason
-- 'erased', so that nothing is mailed to it by accident; confirming a new subscription lifts it.
ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions
    ADD CONSTRAINT suppressions_reason_check CHECK (reason IN ('rejected', 'bounced', 'complained', 'erased'));
