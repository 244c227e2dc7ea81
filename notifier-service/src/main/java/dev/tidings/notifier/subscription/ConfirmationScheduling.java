package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When the confirmation sender runs: right after a request was committed, and every
 * {@code send-poll-interval} for postponed requests, retries and what a crash left behind; and
 * when old requests are forgotten.
 */
@Component
class ConfirmationScheduling implements SchedulingConfigurer {

    private final ConfirmationSender sender;

    private final ConfirmationRequests requests;

    private final TaskScheduler scheduler;

    private final NotifierProperties properties;

    private final Clock clock;

    ConfirmationScheduling(ConfirmationSender sender, ConfirmationRequests requests, TaskScheduler scheduler,
            NotifierProperties properties, Clock clock) {
        this.sender = sender;
        this.requests = requests;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(sender::sendDue, properties.sendPollInterval());
    }

    /**
     * Forgets the requests whose links have expired and that no longer count for the per-address
     * interval: addresses of people who never confirmed are not kept longer than needed.
     */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    void forgetExpiredRequests() {
        requests.deleteRequestedBefore(clock.instant().minus(properties.confirmationTokenTtl())
                .minus(properties.confirmationEmailInterval().multipliedBy(2)));
    }

    /** After commit only: before it, the sender could not see the new row. */
    @TransactionalEventListener
    void onConfirmationQueued(ConfirmationQueued queued) {
        scheduler.schedule(sender::sendDue, clock.instant());
    }
}
