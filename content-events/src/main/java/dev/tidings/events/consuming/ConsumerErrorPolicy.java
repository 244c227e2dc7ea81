package dev.tidings.events.consuming;

import dev.tidings.events.ContentTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The one error policy of every consumer of the content events (import it into a Spring Cloud
 * Stream Kafka application): a failure that can never succeed ({@link ConsumerFailure#deadLetter()})
 * sends the record at once, exactly as it arrived, to {@code <topic>.dlq} with the reason in the
 * {@code kafka_dlt-exception-*} headers, and the consumer goes on; any other failure is retried
 * with exponential backoff (1 s doubling up to 1 min) forever, holding the partition, so no event
 * is ever skipped because the database or the broker was away.
 *
 * <p>Counted per outcome: {@code tidings.events.dead_lettered{topic,reason}} and
 * {@code tidings.events.retried{topic,reason}}. The backoff lives in the listener container's error
 * handler, not in the binder's retry (bind with {@code max-attempts: 1}), so the consumer keeps
 * polling and keeps its partitions while it waits. Needs spring-kafka, the Kafka binder, Spring
 * Boot's Kafka support and spring-tx on the class path; content-events itself does not bring them.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerErrorPolicy {

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorPolicy.class);

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    @Bean
    NewTopic articlesDeadLetterTopic() {
        return TopicBuilder.name(ContentTopics.deadLetterTopicOf(ContentTopics.ARTICLES)).partitions(1).build();
    }

    @Bean
    NewTopic topicsDeadLetterTopic() {
        return TopicBuilder.name(ContentTopics.deadLetterTopicOf(ContentTopics.TOPICS)).partitions(1).build();
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // The record is forwarded exactly as it arrived: String key, raw bytes value.
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer consumerErrorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate,
            MeterRegistry meters) {
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                    String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                container.setCommonErrorHandler(errorHandler(deadLetterTemplate, meters));
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate, MeterRegistry meters) {
        // Partition -1: the producer chooses; the DLQ need not mirror the source's partitions.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, ex) -> new TopicPartition(ContentTopics.deadLetterTopicOf(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            ConsumerFailure failure = ConsumerFailure.of(ex);
            Throwable reason = reasonOf(ex);
            deadLetters.accept(record, reason instanceof Exception exception ? exception : ex);
            meters.counter("tidings.events.dead_lettered", "topic", record.topic(), "reason", failure.tag())
                    .increment();
            log.warn("Dead-lettered {}-{}@{} (key {}, {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), failure.tag(), reason.toString());
        }, foreverBackOff());
        // This policy alone decides, not spring-kafka's default list of fatal exceptions.
        handler.setClassifications(Map.of(), true);
        handler.setBackOffFunction((record, ex) -> ConsumerFailure.of(ex).deadLetter() ? new FixedBackOff(0, 0) : null);
        handler.setRetryListeners(new RetryListener() {

            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                ConsumerFailure failure = ConsumerFailure.of(ex);
                if (!failure.deadLetter()) {
                    meters.counter("tidings.events.retried", "topic", record.topic(), "reason", failure.tag())
                            .increment();
                    log.warn("Will retry {}-{}@{} (key {}, attempt {}): {}", record.topic(), record.partition(),
                            record.offset(), record.key(), deliveryAttempt, reasonOf(ex).toString());
                }
            }
        });
        return handler;
    }

    /**
     * The cause that says what went wrong rather than the listener's wrappers ("Listener failed
     * ..."), so that the dead-letter headers and the log name the actual reason.
     */
    static Throwable reasonOf(Throwable ex) {
        Throwable reason = ex;
        while (reason.getCause() != null && (reason instanceof ListenerExecutionFailedException
                || reason instanceof MessagingException && !(reason instanceof MessageConversionException))) {
            reason = reason.getCause();
        }
        return reason;
    }

    private static BackOff foreverBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
        backOff.setMaxInterval(LONGEST_RETRY.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }
}
