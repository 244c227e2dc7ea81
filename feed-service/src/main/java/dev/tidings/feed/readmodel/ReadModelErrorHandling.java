package dev.tidings.feed.readmodel;

import dev.tidings.events.ContentTopics;
import io.micrometer.core.instrument.Counter;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a consumer throws. An {@link UnreadableEventException} can never succeed: the
 * record goes at once to {@code <topic>.dlq} (the error in the {@code kafka_dlt-exception-*}
 * headers), is counted in {@code tidings.events.dead_lettered}, and the consumer goes on; so does
 * a {@link DataIntegrityViolationException}, a value the database will always reject. Anything
 * else (database down, ...) is retried with exponential backoff forever, holding the partition, so
 * no event is ever skipped. The binder's own retry and DLQ are switched off for this.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ReadModelErrorHandling.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    @Bean
    NewTopic articlesDeadLetterTopic() {
        return TopicBuilder.name(ContentTopics.deadLetterTopicOf(ContentTopics.ARTICLES)).partitions(1).build();
    }

    @Bean
    NewTopic topicsDeadLetterTopic() {
        return TopicBuilder.name(ContentTopics.deadLetterTopicOf(ContentTopics.TOPICS)).partitions(1).build();
    }

    @Bean
    ProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // The record is forwarded exactly as it arrived: String key, raw bytes value.
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(ProducerFactory<String, byte[]> deadLetterProducerFactory) {
        return new KafkaTemplate<>(deadLetterProducerFactory);
    }

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer readModelErrorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate,
            MeterRegistry meters) {
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                    String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                        // Partition -1: let the producer choose; the DLQ need not mirror the source partitions.
                        (record, ex) -> new TopicPartition(ContentTopics.deadLetterTopicOf(record.topic()), -1));
                ConsumerRecordRecoverer countingDeadLetters = (record, ex) -> {
                    Exception reason = reasonOf(ex);
                    deadLetters.accept(record, reason);
                    deadLettered(meters, record.topic()).increment();
                    log.warn("Dead-lettered record {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                            record.offset(), record.key(), reason.getMessage());
                };
                DefaultErrorHandler errorHandler = new DefaultErrorHandler(countingDeadLetters, foreverBackOff());
                // A value the database rejects (out-of-range date, ...) fails the same way on every retry.
                errorHandler.addNotRetryableExceptions(UnreadableEventException.class,
                        DataIntegrityViolationException.class);
                container.setCommonErrorHandler(errorHandler);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    /**
     * The exception that says why the record is unreadable, rather than the listener's wrapper
     * ("Listener failed ..."), so that the dead-letter headers name the actual reason.
     */
    private static Exception reasonOf(Exception ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException || cause instanceof DataIntegrityViolationException) {
                return (Exception) cause;
            }
        }
        return ex;
    }

    private static BackOff foreverBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
        backOff.setMaxInterval(LONGEST_RETRY.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    private static Counter deadLettered(MeterRegistry meters, String topic) {
        return Counter.builder("tidings.events.dead_lettered")
                .description("Events this service could not read, sent to the dead-letter topic")
                .tag("topic", topic)
                .register(meters);
    }
}
