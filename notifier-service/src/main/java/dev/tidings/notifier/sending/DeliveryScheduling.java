package dev.tidings.notifier.delivery;

import dev.tidings.notifier.NotifierProperties;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When the sender runs: right after a transaction queued deliveries has committed (at their due
 * time), and every {@code send-poll-interval} to catch up with retries and with work another
 * instance or a crash left behind.
 */
@Component
class DeliveryScheduling implements SchedulingConfigurer {

    private final DeliverySender sender;

    private final TaskScheduler scheduler;

    private final NotifierProperties properties;

    DeliveryScheduling(DeliverySender sender, TaskScheduler scheduler, NotifierProperties properties) {
        this.sender = sender;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(sender::sendDue, properties.sendPollInterval());
    }

    /** Runs after commit only: before it, the sender could not see the new rows. */
    @TransactionalEventListener
    void onDeliveriesQueued(DeliveriesQueued queued) {
        scheduler.schedule(sender::sendDue, queued.dueAt());
    }
}
