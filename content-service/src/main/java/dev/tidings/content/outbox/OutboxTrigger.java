package dev.tidings.content.outbox;

import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the relay right after a transaction that wrote outbox rows commits, so events leave within
 * milliseconds instead of waiting for the next poll.
 */
@Component
class OutboxTrigger implements DisposableBean {

    private final OutboxRelay relay;

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    OutboxTrigger(OutboxRelay relay) {
        this.relay = relay;
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        // One waiting run covers every commit before it starts; more would only find nothing to do.
        executor.setQueueCapacity(1);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(15);
        executor.initialize();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void relayAfterCommit(OutboxEventAppended appended) {
        executor.execute(relay::relayPending);
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
