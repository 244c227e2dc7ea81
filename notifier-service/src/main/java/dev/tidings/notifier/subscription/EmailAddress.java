package dev.tidings.notifier.subscription;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox address that is safe to put into a mail header: at most 254 characters, no control
 * characters (a CR/LF would let the sender inject headers), and a plain {@code local@domain} form
 * without quotes, comments, brackets or spaces. Stored lower-cased, so one mailbox is one subscriber.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** Checks and normalizes {@code raw}, or says what is wrong with it. */
    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSubscriptionException("email is required");
        }
        if (CONTROL.matcher(raw).find()) {
            throw new InvalidSubscriptionException("email must not contain line breaks or control characters");
        }
        String address = raw.strip();
        if (address.length() > MAX_LENGTH) {
            throw new InvalidSubscriptionException("email must be at most " + MAX_LENGTH + " characters");
        }
        if (!ADDRESS.matcher(address).matches()) {
            throw new InvalidSubscriptionException("email is not a valid address");
        }
        return new EmailAddress(address.toLowerCase(Locale.ROOT));
    }
}
