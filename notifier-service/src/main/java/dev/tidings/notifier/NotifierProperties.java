package dev.tidings.notifier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier under {@code tidings.notifier}.
 *
 * @param publicUrl where people reach this service; confirmation and unsubscribe links start with it
 * @param from the From header of every email, e.g. {@code Tidings <newsletter@health.example>}
 * @param adminToken the bearer token of the admin API
 * @param confirmationTokenTtl how long a confirmation link stays valid
 * @param maxRequestBytes the largest request body accepted (413 beyond)
 * @param sendBatchSize how many deliveries one SMTP connection carries at most
 * @param sendPollInterval how often the sender looks for due deliveries (it is also woken after each
 *     consumed event)
 * @param sendDelay a grace period between publication and sending: a retraction arriving within it
 *     stops the emails
 * @param retryBaseDelay the first delay after a transient SMTP failure; it doubles per attempt
 * @param maxSendAttempts after this many transient failures a delivery is given up (FAILED)
 * @param digestTime when daily and weekly digests go out
 * @param digestDay the day of the weekly digest
 * @param digestZone the time zone of {@code digestTime} and {@code digestDay}
 */
@Validated
@ConfigurationProperties("tidings.notifier")
public record NotifierProperties(
        @DefaultValue("http://localhost:8083") @NotBlank String publicUrl,
        @DefaultValue("Tidings <newsletter@health.example>") @NotBlank String from,
        @DefaultValue("local-admin-token") @NotBlank String adminToken,
        @DefaultValue("48h") @NotNull Duration confirmationTokenTtl,
        @DefaultValue("65536") @Min(1024) long maxRequestBytes,
        @DefaultValue("50") @Min(1) @Max(1000) int sendBatchSize,
        @DefaultValue("10s") @NotNull Duration sendPollInterval,
        @DefaultValue("0s") @NotNull Duration sendDelay,
        @DefaultValue("30s") @NotNull Duration retryBaseDelay,
        @DefaultValue("8") @Min(1) int maxSendAttempts,
        @DefaultValue("07:00") @NotNull LocalTime digestTime,
        @DefaultValue("MONDAY") @NotNull DayOfWeek digestDay,
        @DefaultValue("UTC") @NotNull ZoneId digestZone) {

    /** The public URL without a trailing slash, ready to have a path appended. */
    public String baseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
