package dev.tidings.notifier.sending;

import dev.tidings.notifier.NotifierProperties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The sender threads of this instance ({@code send-threads}), each with its own SMTP connection and
 * claimer id. A thread sends until nothing is due, then waits for a {@link #wake} or for
 * {@code send-poll-interval}, whichever comes first (retries and work a dead instance left behind
 * are found by the poll). On shutdown each thread finishes the batch it has and stops.
 */
@Component
public class SenderWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SenderWorkers.class);

    private final DeliverySender sender;

    private final NotifierProperties properties;

    /** This process among all instances: what its claims are recorded under. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final Object signal = new Object();

    private final List<Thread> threads = new ArrayList<>();

    private long wakeups;

    private volatile boolean running;

    SenderWorkers(DeliverySender sender, NotifierProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    /** Makes every idle sender look for due work now. */
    public void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.sendThreads(); i++) {
            String claimer = instance + "/" + i;
            Thread thread = new Thread(() -> work(claimer), "mail-sender-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(String claimer) {
        while (running) {
            long seen = wakeupsSoFar();
            try {
                sender.sendDue(claimer, () -> running);
            }
            catch (RuntimeException ex) {
                // The database or the server is away; the next poll tries again, nothing is lost.
                log.warn("Sending failed, trying again within {}: {}", properties.sendPollInterval(), ex.toString());
            }
            awaitWakeup(seen, properties.sendPollInterval());
        }
    }

    private long wakeupsSoFar() {
        synchronized (signal) {
            return wakeups;
        }
    }

    private void awaitWakeup(long seen, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (signal) {
            try {
                long left;
                while (running && wakeups == seen && (left = deadline - System.nanoTime()) > 0) {
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        for (Thread thread : threads) {
            try {
                thread.join(properties.sendClaimLease().toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
