package dev.tidings.notifier.composing;

/**
 * One email as it goes to the SMTP server: the envelope and the message itself, in CRLF lines and
 * transfer-encoded, but not yet dot-stuffed (that belongs to the SMTP conversation).
 *
 * @param envelopeFrom the address of {@code MAIL FROM}
 * @param recipient the address of {@code RCPT TO}
 * @param content the message: headers, a blank line, the body
 */
public record OutgoingEmail(String envelopeFrom, String recipient, byte[] content) {
}
