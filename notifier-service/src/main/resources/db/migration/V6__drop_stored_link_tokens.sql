-- Unsubscribe, preference and confirmation links are HMACs now (see docs/adr): no row stands behind
-- a link any more. Topics requested under the old scheme and never confirmed can no longer be
-- confirmed (their links are gone); they go too, and those people can simply subscribe again.
DROP TABLE unsubscribe_tokens;
DROP TABLE confirmation_tokens;
DELETE FROM subscriptions WHERE confirmed_at IS NULL;
