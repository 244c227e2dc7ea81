package dev.tidings.notifier.events;

import dev.tidings.events.ContentTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handling of every consumer binding: an {@link UnreadableEventException} sends the record
 * to {@code <topic>.dlq} at once (counted in {@code tidings.events.dead_lettered}); any other error
 * is transient (database down, ...) and retried with exponential backoff forever, because skipping
 * an event would silently lose emails.
 *
 * <p>The backoff lives in the listener container's error handler, not in the binder's retry, so
 * the consumer keeps polling (no rebalance) while it waits.
 */
@Component
class DeadLetterErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final long FIRST_RETRY_MILLIS = 500;

    private static final long LONGEST_RETRY_MILLIS = 60_000;

    private final KafkaOperations<?, ?> kafka;

    private final MeterRegistry meters;

    DeadLetterErrorHandling(KafkaOperations<?, ?> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        // Partition -1 lets Kafka choose: the dead-letter topic need not mirror the source's partitions.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, ex) -> new TopicPartition(ContentTopics.deadLetterTopicOf(record.topic()), -1));
        ExponentialBackOff forever = new ExponentialBackOff(FIRST_RETRY_MILLIS, 2.0);
        forever.setMaxInterval(LONGEST_RETRY_MILLIS);
        forever.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler errorHandler = new DefaultErrorHandler((record, ex) -> {
            deadLetters.accept(record, ex);
            meters.counter("tidings.events.dead_lettered", "topic", record.topic()).increment();
        }, forever);
        errorHandler.addNotRetryableExceptions(UnreadableEventException.class);
        container.setCommonErrorHandler(errorHandler);
    }
}
