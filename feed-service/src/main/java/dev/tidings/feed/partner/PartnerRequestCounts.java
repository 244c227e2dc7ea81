package dev.tidings.feed.partner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Counts each partner's feed requests: in Micrometer ({@code tidings.feed.partner.requests}, tagged
 * with the partner's id) and in PostgreSQL, where each instance adds what it counted every
 * {@link #FLUSH} (and when it stops) in one statement per partner, instead of a write per request.
 * A crash loses at most the requests of the last {@link #FLUSH}.
 */
@Component
class PartnerRequestCounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartnerRequestCounts.class);

    static final Duration FLUSH = Duration.ofSeconds(10);

    /** Requests counted here and not yet stored, and the last of them. */
    private record Pending(long requests, Instant lastAccess) {

        Pending plus(Pending more) {
            return new Pending(requests + more.requests,
                    lastAccess.isAfter(more.lastAccess) ? lastAccess : more.lastAccess);
        }
    }

    private final ConcurrentHashMap<UUID, Pending> pending = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<UUID, Counter> counters = new ConcurrentHashMap<>();

    private final Partners partners;

    private final MeterRegistry meters;

    private final Clock clock;

    private volatile ScheduledExecutorService flusher;

    PartnerRequestCounts(Partners partners, MeterRegistry meters, Clock clock) {
        this.partners = partners;
        this.meters = meters;
        this.clock = clock;
    }

    void count(Partner partner) {
        counters.computeIfAbsent(partner.id(), id -> Counter.builder("tidings.feed.partner.requests")
                .description("Feed requests of a partner, with a valid token")
                .tag("partner", id.toString())
                .register(meters)).increment();
        pending.merge(partner.id(), new Pending(1, clock.instant()), Pending::plus);
    }

    /** The partners as stored, each with the requests this instance counted and has not stored yet. */
    PartnerSummary withPending(PartnerSummary partner) {
        Pending mine = pending.get(partner.id());
        return mine == null ? partner : partner.counting(mine.requests(), mine.lastAccess());
    }

    /** Stores what was counted; what fails to store is counted again for the next flush. */
    void flush() {
        for (Map.Entry<UUID, Pending> entry : pending.entrySet()) {
            UUID id = entry.getKey();
            Pending taken = pending.remove(id);
            if (taken == null) {
                continue;
            }
            try {
                partners.addRequests(id, taken.requests(), taken.lastAccess());
            }
            catch (RuntimeException ex) {
                pending.merge(id, taken, Pending::plus);
                log.warn("Could not store the request count of partner {}, will try again: {}", id, ex.toString());
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partner-request-counts");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        flusher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = flusher;
        flusher = null;
        if (executor != null) {
            executor.shutdown();
            flush();
        }
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }
}
