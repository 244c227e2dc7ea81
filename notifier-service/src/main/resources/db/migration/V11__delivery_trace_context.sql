-- The W3C traceparent of the event consumption that queued the row (ADR 0024): a sender thread sends the
-- email later, and its span joins the article's trace. NULL for rows queued outside a trace.
ALTER TABLE deliveries ADD COLUMN trace_parent text;
