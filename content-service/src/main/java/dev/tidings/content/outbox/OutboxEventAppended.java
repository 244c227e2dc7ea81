package dev.tidings.content.outbox;

/** Published inside a transaction that wrote an outbox row; the relay runs once it commits. */
record OutboxEventAppended() {
}
