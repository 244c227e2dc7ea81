package dev.tidings.events.consuming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Reads a content topic from its earliest offset up to the end offsets it had when the replay
 * began, for rebuilding a read model from the log: a plain consumer with every partition assigned,
 * no consumer group and no committed offsets, so the live consumers' positions are untouched.
 *
 * <p>Records come in batches of at most {@code batchSize}, each partition's records in log order;
 * as events are keyed by article id (or topic slug), every article's events keep their order. A
 * batch is split among {@code writers} by partition (partition modulo {@code writers}), each part
 * read on the polling thread, then the parts applied at once, each on a thread of its own; a batch
 * is applied once the one before it is done, and the next batch is fetched and read meanwhile. So
 * the handlers see each partition's records in order, but several partitions' at the same time.
 */
public final class TopicReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;

    private final int writers;

    /**
     * @param consumerConfig the Kafka client settings (bootstrap servers, security); deserializers,
     *     group and commit settings are set here
     * @param batchSize the most records polled at once
     * @param writers how many parts of a batch are applied at the same time
     */
    public TopicReplay(Map<String, Object> consumerConfig, int batchSize, int writers) {
        if (batchSize < 1 || writers < 1) {
            throw new IllegalArgumentException("batchSize and writers must be at least 1");
        }
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        // Whole batches per fetch: the default of 1 MB per partition is about 500 events of 2 KB.
        this.consumerConfig.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        // Only what was committed by content-service's transactions, never records of an aborted one.
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.writers = writers;
    }

    /**
     * Hands every record of {@code topic} up to its current end to {@code read} (on the polling
     * thread, one part of a batch at a time), and what it made of each part to {@code apply} (on the
     * writers' threads, so it must be thread-safe); returns how many records there were. A failure of
     * either stops the replay and is thrown here.
     */
    public <T> long replay(String topic, Function<List<ConsumerRecord<String, byte[]>>, T> read, Consumer<T> apply) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService applier = Executors.newFixedThreadPool(writers, runnable -> {
            Thread thread = new Thread(runnable, "replay-" + topic + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
            consumer.pause(partitions.stream().filter(partition -> !end.containsKey(partition)).toList());
            long records = 0;
            CompletableFuture<Void> applying = CompletableFuture.completedFuture(null);
            while (!end.isEmpty()) {
                List<List<ConsumerRecord<String, byte[]>>> parts = new ArrayList<>(writers);
                for (int i = 0; i < writers; i++) {
                    parts.add(new ArrayList<>());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    // Records beyond the end seen at the start belong to the live consumers.
                    if (last != null && record.offset() < last) {
                        parts.get(record.partition() % writers).add(record);
                        records++;
                    }
                }
                end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
                consumer.pause(partitions.stream().filter(partition -> !end.containsKey(partition)).toList());
                List<T> prepared = parts.stream().filter(part -> !part.isEmpty()).map(read).toList();
                if (!prepared.isEmpty()) {
                    join(applying);
                    applying = CompletableFuture.allOf(prepared.stream()
                            .map(part -> CompletableFuture.runAsync(() -> apply.accept(part), applier))
                            .toArray(CompletableFuture[]::new));
                }
            }
            join(applying);
            return records;
        }
        finally {
            applier.shutdownNow();
        }
    }

    private static void join(CompletableFuture<Void> applying) {
        try {
            applying.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    /** The record as the binder hands it to a consumer: the value as payload, each header's raw bytes. */
    public static Message<byte[]> messageOf(ConsumerRecord<String, byte[]> record) {
        Map<String, Object> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        // Without a generated id and timestamp, which nothing reads here: a replay builds one message per event.
        return MessageBuilder.createMessage(record.value() == null ? new byte[0] : record.value(),
                new MessageHeaders(headers, MessageHeaders.ID_VALUE_NONE, -1L) {
                });
    }
}
