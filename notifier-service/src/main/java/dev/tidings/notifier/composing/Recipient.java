package dev.tidings.notifier.composing;

/**
 * Who one email goes to, with the personal links of its footer.
 *
 * @param email the subscriber's address
 * @param unsubscribeUrl the one-click unsubscribe link (also the {@code List-Unsubscribe} header)
 * @param preferencesUrl the page where the subscriber chooses topics and frequency
 */
public record Recipient(String email, String unsubscribeUrl, String preferencesUrl) {
}
