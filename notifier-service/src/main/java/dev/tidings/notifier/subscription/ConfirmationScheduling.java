package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import java.time.Clock;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When the confirmation sender runs: right after a request was committed, and every
 * {@code send-poll-interval} for postponed requests, retries and what a crash left behind.
 */
@Component
class ConfirmationScheduling implements SchedulingConfigurer {

    private final ConfirmationSender sender;

    private final TaskScheduler scheduler;

    private final NotifierProperties properties;

    private final Clock clock;

    ConfirmationScheduling(ConfirmationSender sender, TaskScheduler scheduler, NotifierProperties properties,
            Clock clock) {
        this.sender = sender;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(sender::sendDue, properties.sendPollInterval());
    }

    /** After commit only: before it, the sender could not see the new row. */
    @TransactionalEventListener
    void onConfirmationQueued(ConfirmationQueued queued) {
        scheduler.schedule(sender::sendDue, clock.instant());
    }
}
