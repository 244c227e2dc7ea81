-- Tag feeds: each tag is a feed with the key 'tag:<tag>' in feed_memberships and feed_changes, beside topic slugs.
INSERT INTO feed_memberships (entry_id, feed, published_at)
SELECT DISTINCT id, 'tag:' || tag, published_at FROM feed_entries, unnest(tags) AS tag WHERE retracted_at IS NULL
ON CONFLICT DO NOTHING;

INSERT INTO feed_changes (feed, changed_at)
SELECT DISTINCT 'tag:' || tag, date_trunc('second', now()) FROM feed_entries, unnest(tags) AS tag
ON CONFLICT DO NOTHING;
