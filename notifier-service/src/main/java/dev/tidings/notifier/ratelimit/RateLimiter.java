package dev.tidings.notifier.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL ({@code rate_limit_buckets}) by Bucket4j, so every instance of
 * the service counts against the same limit. Each call is one short transaction of its own, on its
 * own connection: a rejected request must stay counted even when the caller's transaction fails.
 */
@Component
public class RateLimiter {

    /** An idle bucket is dropped this long after it would have refilled completely. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    private static final int CLEANUP_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        KEEP_FULL_BUCKETS))
                .build();
    }

    /**
     * Takes one token from the bucket {@code key}, which holds {@code capacity} tokens and refills
     * them evenly over {@code period}.
     *
     * @return whether the token was there, and if not, how long until one is
     */
    public Admission tryAcquire(String key, long capacity, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
        ConsumptionProbe probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Admission.ADMITTED
                : new Admission(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes as many tokens as the bucket {@code key} holds, up to {@code wanted}, without waiting.
     *
     * @return how many were taken, and if none, how long until one is there
     */
    public Grant takeUpTo(String key, long wanted, BucketConfiguration configuration) {
        var bucket = buckets.builder().build(key, () -> configuration);
        long taken = bucket.tryConsumeAsMuchAsPossible(wanted);
        return taken > 0 ? new Grant(taken, Duration.ZERO)
                : new Grant(0, Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    /** Puts back tokens taken but not used (never more than the bucket holds). */
    public void giveBack(String key, long tokens, BucketConfiguration configuration) {
        if (tokens > 0) {
            buckets.builder().build(key, () -> configuration).addTokens(tokens);
        }
    }

    @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = TimeUnit.MINUTES)
    void dropIdleBuckets() {
        int removed;
        do {
            removed = buckets.removeExpired(CLEANUP_BATCH);
        }
        while (removed == CLEANUP_BATCH);
    }

    /** The outcome of {@link #takeUpTo}: {@code waitFor} is zero when tokens were taken. */
    public record Grant(long taken, Duration waitFor) {
    }

    /** The outcome of {@link #tryAcquire}: {@code retryAfter} is zero when admitted. */
    public record Admission(boolean admitted, Duration retryAfter) {

        static final Admission ADMITTED = new Admission(true, Duration.ZERO);

        /** Whole seconds to wait, rounded up, for a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds();
            return retryAfter.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
        }
    }
}
