package dev.tidings.events.consuming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Reads a content topic from its earliest offset up to the end offsets it had when the replay
 * began, for rebuilding a read model from the log: a plain consumer with every partition assigned,
 * no consumer group and no committed offsets, so the live consumers' positions are untouched.
 *
 * <p>Records reach the handler in batches of at most {@code batchSize}, each partition's records in
 * log order; as events are keyed by article id (or topic slug), every article's events keep their
 * order. A record can only be read once the handler returned for the batch before it.
 */
public final class TopicReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;

    private final int batchSize;

    /**
     * @param consumerConfig the Kafka client settings (bootstrap servers, security); deserializers,
     *     group and commit settings are set here
     * @param batchSize the most records handed over at once
     */
    public TopicReplay(Map<String, Object> consumerConfig, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        // Only what was committed by content-service's transactions, never records of an aborted one.
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.batchSize = batchSize;
    }

    /** Hands every record of {@code topic} up to its current end to {@code handler}; returns how many. */
    public long replay(String topic, Consumer<List<ConsumerRecord<String, byte[]>>> handler) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
            consumer.pause(partitions.stream().filter(partition -> !end.containsKey(partition)).toList());
            long read = 0;
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(batchSize);
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    // Records beyond the end seen at the start belong to the live consumers.
                    if (last != null && record.offset() < last) {
                        batch.add(record);
                    }
                }
                end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
                consumer.pause(partitions.stream().filter(partition -> !end.containsKey(partition)).toList());
                if (!batch.isEmpty()) {
                    handler.accept(List.copyOf(batch));
                    read += batch.size();
                    batch.clear();
                }
            }
            return read;
        }
    }

    /** The record as the binder hands it to a consumer: the value as payload, each header's raw bytes. */
    public static Message<byte[]> messageOf(ConsumerRecord<String, byte[]> record) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value() == null ? new byte[0] : record.value());
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        return message.build();
    }
}
