-- The W3C traceparent of the request that wrote the row (ADR 0024): the relay sends the event later, on
-- another thread, as a child of that request's span, so one trace runs from the editor to the inboxes.
-- NULL for rows written outside a trace (and for rows older than this column).
ALTER TABLE outbox_events ADD COLUMN trace_parent text;
