package dev.tidings.notifier.sending;

import dev.tidings.notifier.ledger.DeliveriesQueued;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the senders when a transaction that queued deliveries has committed, at the deliveries' due
 * time; between wake-ups the senders poll on their own.
 */
@Component
class DeliveryScheduling {

    private final SenderWorkers workers;

    private final TaskScheduler scheduler;

    DeliveryScheduling(SenderWorkers workers, TaskScheduler scheduler) {
        this.workers = workers;
        this.scheduler = scheduler;
    }

    /** Runs after commit only: before it, the senders could not see the new rows. */
    @TransactionalEventListener
    void onDeliveriesQueued(DeliveriesQueued queued) {
        scheduler.schedule(workers::wake, queued.dueAt());
    }
}
