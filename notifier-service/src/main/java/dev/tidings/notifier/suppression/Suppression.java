package dev.tidings.notifier.suppression;

import java.time.Instant;

/**
 * One suppressed address as the admin API shows it.
 *
 * @param reason {@code rejected}, {@code bounced} or {@code complained}
 * @param source who said so: {@code smtp} for a rejection while sending, else the report's source
 * @param detail the SMTP reply or the report's diagnostic
 */
public record Suppression(String email, String reason, String source, String detail, Instant suppressedAt) {
}
