package dev.tidings.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that tests move forward, so second-precision timestamps differ;
 * {@link #freeze()} stops it, so that several changes land in one second.
 */
public class AdjustableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
        frozenAt.updateAndGet(frozen -> frozen == null ? null : frozen.plus(by));
    }

    /** Stops the clock at its current instant until {@link #unfreeze()}; {@link #advance} still moves it. */
    public void freeze() {
        frozenAt.set(instant());
    }

    /** Lets the clock run again from where it was frozen. */
    public void unfreeze() {
        Instant frozen = frozenAt.getAndSet(null);
        if (frozen != null) {
            offset.set(Duration.between(Instant.now(), frozen));
        }
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt.get();
        return frozen != null ? frozen : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the feed service works in UTC");
    }
}
