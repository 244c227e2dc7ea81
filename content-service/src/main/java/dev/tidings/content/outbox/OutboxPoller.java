package dev.tidings.content.outbox;

import dev.tidings.content.ContentProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the relay every {@code tidings.content.outbox.poll-interval} for rows the after-commit
 * trigger could not send: the broker was down, the process crashed after commit, or another run
 * held the relay lock at the time.
 */
@Component
class OutboxPoller implements SchedulingConfigurer {

    private final OutboxRelay relay;

    private final ContentProperties properties;

    OutboxPoller(OutboxRelay relay, ContentProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(relay::relayPending, properties.outbox().pollInterval());
    }
}
