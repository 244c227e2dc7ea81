-- The editor's note on the latest correction of a published article; it travels in the article's events so that feeds
-- can say what was corrected. NULL when the editor gave none (and for drafts, which are not corrected).
ALTER TABLE articles ADD COLUMN correction_note text;
