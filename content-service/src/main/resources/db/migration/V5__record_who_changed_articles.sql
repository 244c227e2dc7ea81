-- Who made the latest change of an article; it travels in the article's events. Rows from before
-- people had credentials of their own keep NULL.
ALTER TABLE articles ADD COLUMN changed_by_name text;
ALTER TABLE articles ADD COLUMN changed_by_credential text;
