package dev.tidings.notifier.subscription;

/** A confirmation link to mail once the transaction that stored its token has committed. */
record ConfirmationRequested(String email, String confirmationUrl) {
}
