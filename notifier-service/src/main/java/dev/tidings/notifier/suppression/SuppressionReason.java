package dev.tidings.notifier.suppression;

/** Why an address is suppressed. */
public enum SuppressionReason {

    /** The receiving server answered 5xx to the recipient: the mailbox does not exist or refuses mail. */
    REJECTED,

    /** A bounce (a DSN or a provider's report) said delivery failed for good. */
    BOUNCED,

    /** The recipient reported an email as spam. */
    COMPLAINED,

    /** The subscriber had their data erased: only the hash of the address is kept. */
    ERASED;

    /** The name stored and shown by the API. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
