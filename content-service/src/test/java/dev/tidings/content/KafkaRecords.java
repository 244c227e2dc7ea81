package dev.tidings.content;

import static org.awaitility.Awaitility.await;

import dev.tidings.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what content-service sent to Kafka, from the beginning of a topic, as any consumer would. */
public final class KafkaRecords {

    /**
     * Waits until {@code topic} holds at least {@code expected} records with {@code key}, then
     * keeps reading briefly so that records beyond the expected ones show up too.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, String key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "content-service-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> !consumer.partitionsFor(topic).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                collect(consumer, key, found, Duration.ofMillis(500));
                return found.size() >= expected;
            });
            // Anything sent beyond the expected records would have been sent by now.
            Instant deadline = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(deadline)) {
                collect(consumer, key, found, Duration.ofMillis(200));
            }
            return found;
        }
    }

    /** The value of a header as the UTF-8 text CloudEvents puts there. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void collect(KafkaConsumer<String, byte[]> consumer, String key,
            List<ConsumerRecord<String, byte[]>> found, Duration timeout) {
        consumer.poll(timeout).forEach(record -> {
            if (key.equals(record.key())) {
                found.add(record);
            }
        });
    }

    private KafkaRecords() {
    }
}
