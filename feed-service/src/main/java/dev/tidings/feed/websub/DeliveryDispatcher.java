package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.FeedsChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands due deliveries to {@code delivery-threads} threads of this instance. One thread claims as
 * many due rows as there are idle delivery threads ({@link PendingDeliveries#claim}), so a slow or
 * failing callback occupies one thread and never holds back the others, and no instance claims more
 * than it can send at once. It wakes when a feed changes ({@link FeedsChanged}, on every instance),
 * when a delivery ends, when the next retry is due, and every {@code poll-interval} (for the claims
 * of an instance that died, and as a safety net); once per poll interval it also removes expired
 * subscriptions (which get no deliveries from the moment their lease ends).
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final PendingDeliveries deliveries;

    private final Subscriptions subscriptions;

    private final ContentDistributor distributor;

    private final Clock clock;

    private final FeedProperties.Websub settings;

    private final Semaphore idle;

    private final Semaphore wake = new Semaphore(0);

    // Unique per claim, so that the outcome of a claim whose lease ended cannot touch its successor's.
    private final String instance = UUID.randomUUID().toString();

    private final AtomicLong claims = new AtomicLong();

    private Instant lastRemoval = Instant.MIN;

    private volatile ExecutorService threads;

    private volatile Thread dispatcher;

    DeliveryDispatcher(PendingDeliveries deliveries, Subscriptions subscriptions, ContentDistributor distributor,
            Clock clock, FeedProperties properties) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.distributor = distributor;
        this.clock = clock;
        this.settings = properties.websub();
        this.idle = new Semaphore(settings.deliveryThreads());
    }

    @EventListener
    void feedsChanged(FeedsChanged changed) {
        wake.release();
    }

    @Override
    public void start() {
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(settings.deliveryThreads(), runnable -> {
            Thread thread = new Thread(runnable, "websub-deliver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread thread = new Thread(this::dispatch, "websub-dispatcher");
        thread.setDaemon(true);
        dispatcher = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = dispatcher;
        dispatcher = null;
        if (thread != null) {
            thread.interrupt();
        }
        ExecutorService pool = threads;
        if (pool != null) {
            pool.shutdown();
            try {
                // Deliveries in flight end within their deadline; a row not finished is claimed again after its lease.
                pool.awaitTermination(settings.connectTimeout().plus(settings.responseTimeout()).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return dispatcher != null;
    }

    private void dispatch() {
        while (dispatcher == Thread.currentThread()) {
            try {
                wake.drainPermits();
                Duration wait = round();
                if (!wait.isNegative() && !wait.isZero()) {
                    wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                // The database may be away: try again after a poll interval, never give up.
                log.warn("WebSub dispatch failed: {}", ex.toString());
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Claims and hands out what is due; returns how long to wait before the next round. */
    private Duration round() {
        Instant now = clock.instant();
        if (!now.isBefore(lastRemoval.plus(settings.pollInterval()))) {
            subscriptions.removeExpired(now);
            lastRemoval = now;
        }
        int capacity = idle.availablePermits();
        if (capacity == 0) {
            return settings.pollInterval();
        }
        String owner = instance + "/" + claims.incrementAndGet();
        List<PendingDeliveries.Claim> claimed = deliveries.claim(owner, capacity, now,
                now.plus(settings.claimLease()));
        for (PendingDeliveries.Claim claim : claimed) {
            idle.acquireUninterruptibly();
            threads.execute(() -> {
                try {
                    distributor.deliver(claim);
                }
                catch (RuntimeException ex) {
                    // Not lost: the row is claimed again once its lease ends.
                    log.warn("Could not record the delivery to subscription {}: {}", claim.subscriptionId(),
                            ex.toString());
                }
                finally {
                    idle.release();
                    wake.release();
                }
            });
        }
        if (claimed.size() == capacity) {
            return Duration.ZERO;
        }
        Duration untilNextDue = deliveries.nextDue(now)
                .map(due -> Duration.between(clock.instant(), due))
                .orElse(settings.pollInterval());
        return untilNextDue.compareTo(settings.pollInterval()) < 0 ? untilNextDue : settings.pollInterval();
    }
}
