package dev.tidings.notifier;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier under {@code tidings.notifier}.
 *
 * @param publicUrl where people reach this service; confirmation and unsubscribe links start with it
 * @param from the From header of every email, e.g. {@code Tidings <newsletter@health.example>}
 * @param confirmationTokenTtl how long a confirmation link stays valid, counted from the request
 * @param maxRequestBytes the largest request body accepted (413 beyond)
 * @param sendBatchSize how many deliveries a sender claims at a time; a crash can repeat at most
 *     {@code sendThreads × sendBatchSize} emails per instance
 * @param sendPollInterval how often the sender looks for due deliveries (it is also woken after each
 *     consumed event)
 * @param sendDelay a grace period between publication and sending: a retraction arriving within it
 *     stops the emails
 * @param retryBaseDelay the first delay after a transient SMTP failure; it doubles per attempt
 * @param maxSendAttempts after this many transient failures a delivery is given up (FAILED)
 * @param digestTime when daily and weekly digests go out
 * @param digestDay the day of the weekly digest
 * @param digestZone the time zone of {@code digestTime} and {@code digestDay}
 * @param confirmationEmailInterval at most one confirmation email goes to an address within this
 *     time; a later request waits for it to pass (the newest waiting request of an address wins)
 * @param linkKeys the HMAC keys of the links in emails (unsubscribe, preferences, confirmation):
 *     the last one signs, all of them verify. A secret, so it has no default; rotate by appending a
 *     key, and drop an old key only when its links may stop working
 * @param subscribeLimits how many subscribe requests a client address and an email address may make
 * @param sendThreads how many senders work at once in this instance, each with its own SMTP connection
 * @param sendClaimLease how long a sender's claim on a batch lasts; a sender that has not finished a
 *     batch in half of it gives the rest back, and the rows of a sender that died are due again when
 *     it ends
 * @param sendRateLimit emails per second and per hour, shared by all instances
 * @param dkim DKIM signing of every email, off by default
 */
@Validated
@ConfigurationProperties("tidings.notifier")
public record NotifierProperties(
        @DefaultValue("http://localhost:8083") @NotBlank String publicUrl,
        @DefaultValue("Tidings <newsletter@health.example>") @NotBlank String from,
        @DefaultValue("48h") @NotNull Duration confirmationTokenTtl,
        @DefaultValue("65536") @Min(1024) long maxRequestBytes,
        @DefaultValue("50") @Min(1) @Max(1000) int sendBatchSize,
        @DefaultValue("10s") @NotNull Duration sendPollInterval,
        @DefaultValue("0s") @NotNull Duration sendDelay,
        @DefaultValue("30s") @NotNull Duration retryBaseDelay,
        @DefaultValue("8") @Min(1) int maxSendAttempts,
        @DefaultValue("07:00") @NotNull LocalTime digestTime,
        @DefaultValue("MONDAY") @NotNull DayOfWeek digestDay,
        @DefaultValue("UTC") @NotNull ZoneId digestZone,
        @DefaultValue("1h") @NotNull Duration confirmationEmailInterval,
        @NotEmpty(message = "must list at least one key: set tidings.notifier.link-keys[0].id and "
                + "tidings.notifier.link-keys[0].secret") List<@Valid @NotNull LinkKey> linkKeys,
        @DefaultValue @Valid @NotNull SubscribeLimits subscribeLimits,
        @DefaultValue("4") @Min(1) @Max(64) int sendThreads,
        @DefaultValue("5m") @NotNull Duration sendClaimLease,
        @DefaultValue @Valid @NotNull SendRateLimit sendRateLimit,
        @DefaultValue @NotNull Dkim dkim) {

    /** The public URL without a trailing slash, ready to have a path appended. */
    public String baseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The publisher's name as readers see it on pages and in emails: the display name of {@code from}. */
    public String publisher() {
        try {
            String name = new InternetAddress(from, true).getPersonal();
            return name == null || name.isBlank() ? "Tidings" : name;
        }
        catch (AddressException ex) {
            return "Tidings";
        }
    }

    /**
     * One key of the link key ring.
     *
     * @param id names the key inside every token it signs (letters, digits, {@code _}, {@code -})
     * @param secret at least 32 characters, e.g. {@code openssl rand -base64 32}
     */
    public record LinkKey(
            @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String id,
            @NotNull @Size(min = 32) String secret) {

        @Override
        public String toString() {
            return "LinkKey[id=" + id + "]";
        }
    }

    /**
     * Token buckets of the subscribe endpoints, shared by all instances through PostgreSQL.
     *
     * @param perClient requests one client address may make per {@code perClientPeriod}; beyond it
     *     the answer is 429 with {@code Retry-After}
     * @param perClientPeriod the period in which {@code perClient} requests refill
     * @param perEmail requests recorded for one email address per {@code perEmailPeriod}; beyond it
     *     requests are answered as always but not recorded, so the answer reveals nothing
     * @param perEmailPeriod the period in which {@code perEmail} requests refill
     */
    public record SubscribeLimits(
            @DefaultValue("20") @Min(1) long perClient,
            @DefaultValue("1m") @NotNull Duration perClientPeriod,
            @DefaultValue("5") @Min(1) long perEmail,
            @DefaultValue("1h") @NotNull Duration perEmailPeriod) {
    }

    /**
     * The sending rate of all instances together, kept in PostgreSQL; 0 means no limit of that kind.
     *
     * @param perSecond emails per second
     * @param perHour emails per hour
     */
    public record SendRateLimit(
            @DefaultValue("0") @Min(0) long perSecond,
            @DefaultValue("0") @Min(0) long perHour) {

        /** Whether any limit is set. */
        public boolean limited() {
            return perSecond > 0 || perHour > 0;
        }
    }

    /**
     * DKIM signing (RFC 6376, {@code rsa-sha256}, relaxed canonicalization) of every email the
     * notifier sends: instant, digest and confirmation. When enabled, the service refuses to start
     * unless the key can be read.
     *
     * @param enabled sign every email
     * @param selector names the public key's DNS record, {@code <selector>._domainkey.<domain>}
     * @param domain the signing domain ({@code d=}): the From address's domain or a parent of it, so
     *     that DMARC counts the signature
     * @param privateKey the RSA private key as PEM text (PKCS#8 or PKCS#1), a secret; or else
     * @param privateKeyFile the path of a PEM file holding it
     */
    public record Dkim(
            @DefaultValue("false") boolean enabled,
            String selector,
            String domain,
            String privateKey,
            String privateKeyFile) {

        @Override
        public String toString() {
            return "Dkim[enabled=" + enabled + ", selector=" + selector + ", domain=" + domain + ", privateKeyFile="
                    + privateKeyFile + ", privateKey=" + (privateKey == null ? "none" : "(set)") + "]";
        }
    }
}
