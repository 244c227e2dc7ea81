package dev.tidings.notifier.sending;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.ratelimit.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The sending rate limit of all instances together ({@code send-rate-limit}): one Bucket4j bucket
 * in PostgreSQL with a per-second and a per-hour limit. Senders take tokens a batch at a time, so
 * the bucket is one short query per batch, not per email.
 */
@Component
class SendRate {

    private static final String BUCKET = "send-rate";

    private final RateLimiter limiter;

    private final BucketConfiguration configuration;

    SendRate(RateLimiter limiter, NotifierProperties properties) {
        this.limiter = limiter;
        NotifierProperties.SendRateLimit limit = properties.sendRateLimit();
        if (limit.limited()) {
            ConfigurationBuilder builder = BucketConfiguration.builder();
            if (limit.perSecond() > 0) {
                builder.addLimit(l -> l.capacity(limit.perSecond()).refillGreedy(limit.perSecond(),
                        Duration.ofSeconds(1)));
            }
            if (limit.perHour() > 0) {
                builder.addLimit(l -> l.capacity(limit.perHour()).refillGreedy(limit.perHour(), Duration.ofHours(1)));
            }
            this.configuration = builder.build();
        }
        else {
            this.configuration = null;
        }
    }

    /** Up to {@code wanted} emails may go out now; none means wait for {@code waitFor}. */
    RateLimiter.Grant take(int wanted) {
        return configuration == null ? new RateLimiter.Grant(wanted, Duration.ZERO)
                : limiter.takeUpTo(BUCKET, wanted, configuration);
    }

    /** Returns what a batch did not use, so a short batch does not eat into the others' share. */
    void giveBack(long unused) {
        if (configuration != null) {
            limiter.giveBack(BUCKET, unused, configuration);
        }
    }
}
