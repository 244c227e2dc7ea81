package dev.tidings.notifier.suppression;

/**
 * A bounce or complaint, as a mail provider's webhook or a DSN (RFC 3464) parser reports it.
 *
 * @param type {@code bounce} or {@code complaint}
 * @param email the recipient the report is about (a DSN's {@code Final-Recipient})
 * @param permanent for a bounce: whether it failed for good (a provider's "Permanent" bounce type);
 *     when absent, the DSN {@code status} decides (5.x.x permanent, 4.x.x not), and without one too
 *     the bounce counts as permanent
 * @param status the DSN status code, e.g. {@code 5.1.1}
 * @param diagnostic the receiving server's words (a DSN's {@code Diagnostic-Code})
 * @param source who reported it, e.g. {@code ses}, {@code postmark}, {@code dsn}
 */
public record DeliveryReport(String type, String email, Boolean permanent, String status, String diagnostic,
        String source) {
}
