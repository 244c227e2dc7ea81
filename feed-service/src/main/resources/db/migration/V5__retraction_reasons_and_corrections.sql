-- What Atom tombstones (RFC 6721) and correction notes need: why an article was retracted, and when it was last
-- corrected after publication (an article.updated event).
ALTER TABLE feed_entries ADD COLUMN retraction_reason text;
ALTER TABLE feed_entries ADD COLUMN corrected_at timestamptz;

-- Tombstones read the newest retractions only.
CREATE INDEX feed_entries_retracted_newest ON feed_entries (retracted_at DESC) WHERE retracted_at IS NOT NULL;
