-- Last-Modified has a resolution of one second. From now on every change of a feed moves its stamp to a later whole
-- second than the one before (to the next second when it lands in a second already stamped), so two different
-- contents of one feed never share a Last-Modified and a reader that revalidates with If-Modified-Since alone cannot
-- miss a change that landed in the same second as its previous fetch.
UPDATE feed_changes SET changed_at = date_trunc('second', changed_at);
