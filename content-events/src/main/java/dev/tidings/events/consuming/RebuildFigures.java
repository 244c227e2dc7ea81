package dev.tidings.events.consuming;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A finished rebuild from the log's figures: events read, events skipped, the seconds from first
 * poll to last commit, the seconds the writers spent writing (added up: up to twice the elapsed time
 * with two), and the CPU seconds this process used meanwhile.
 */
public record RebuildFigures(long events, long skipped, double seconds, double writingSeconds, double cpuSeconds) {

    /** The line a rebuild prints at the end; {@code benchmarks/rebuild.sh} parses it. */
    public String line() {
        double elapsed = Math.max(seconds, 1e-3);
        return String.format(Locale.ROOT,
                "rebuild events_per_s=%d events=%d skipped=%d seconds=%.1f writing_s=%.1f cpu_s=%.1f",
                Math.round(events / elapsed), events, skipped, seconds, writingSeconds, cpuSeconds);
    }

    /** Logs the figures as what {@code rebuilt} from the log, and prints {@link #line()} for the benchmark. */
    public void report(Logger log, String rebuilt) {
        log.info("{} rebuilt from the log: {}", rebuilt, line());
        System.out.println(line());
    }

    /** Starts measuring a rebuild: elapsed and CPU time from now, and the time its writers spend. */
    public static Meter start() {
        return new Meter();
    }

    /** Measures a running rebuild; thread-safe, as the writers run at once. */
    public static final class Meter {

        private final long started = System.nanoTime();

        private final long cpuAtStart = processCpuNanos();

        private final AtomicLong writingNanos = new AtomicLong();

        private Meter() {
        }

        /** {@code write}, adding the time it takes to the writers' time. */
        public <T> Consumer<T> timed(Consumer<T> write) {
            return batch -> {
                long writeStarted = System.nanoTime();
                try {
                    write.accept(batch);
                }
                finally {
                    writingNanos.addAndGet(System.nanoTime() - writeStarted);
                }
            };
        }

        /** The figures of the rebuild, finished now. */
        public RebuildFigures finish(long events, long skipped) {
            return new RebuildFigures(events, skipped, (System.nanoTime() - started) / 1e9, writingNanos.get() / 1e9,
                    (processCpuNanos() - cpuAtStart) / 1e9);
        }

        // Where a slow rebuild's time goes: in this process, or waiting for the database (seconds spent writing).
        private static long processCpuNanos() {
            return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
        }
    }
}
