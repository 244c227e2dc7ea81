package dev.tidings.notifier.subscription;

/** Published inside the transaction that recorded a request; the sender runs once it committed. */
record ConfirmationQueued() {
}
