-- The editor's note on the latest correction (article.updated), shown at the top of the entry's content; NULL when
-- the editor gave none (the entry then says only when it was corrected).
ALTER TABLE feed_entries ADD COLUMN correction_note text;
