package dev.tidings.testsupport;

import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test's plain Kafka client of the shared broker ({@link SharedInfrastructure}): sends content
 * events the way content-service does (CloudEvents binary mode: keyed by article id or topic slug,
 * {@code ce_*} headers from {@link CloudEventHeaders}, JSON from the given {@link JsonMapper}),
 * sends raw records for bad-input tests, and reads back what landed on a topic.
 *
 * <p>Sends are synchronous: when a send method returns, the broker has the record. All instances
 * share one producer per test JVM, so creating one per test costs nothing.
 */
public final class KafkaTestClient {

    /** The {@code ce_source} of the events sent here, the one content-service uses. */
    public static final String SOURCE = "https://health.example/content-service";

    /** How long {@link #read} waits for the expected records. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static volatile KafkaProducer<String, byte[]> producer;

    private final JsonMapper json;

    /** @param json the mapper that writes the event payloads, normally the application's own */
    public KafkaTestClient(JsonMapper json) {
        this.json = json;
    }

    /** Sends {@code article} as a {@code type} event to {@link ContentTopics#ARTICLES}, keyed by its id. */
    public void send(ArticleEventType type, ArticleSnapshot article) {
        String id = article.id().toString();
        sendRaw(ContentTopics.ARTICLES, id, cloudEventHeaders(type.ceType(), id), json.writeValueAsBytes(article));
    }

    /** Sends {@code topic} as a {@code topic.upserted} event to {@link ContentTopics#TOPICS}, keyed by its slug. */
    public void send(TopicSnapshot topic) {
        sendRaw(ContentTopics.TOPICS, topic.slug(), cloudEventHeaders(TopicSnapshot.EVENT_TYPE, topic.slug()),
                json.writeValueAsBytes(topic));
    }

    /**
     * Sends exactly the given record, well-formed or not.
     *
     * @param headers header values as raw bytes, as {@link CloudEventHeaders#toKafkaHeaders()} gives them
     */
    public void sendRaw(String topic, String key, Map<String, Object> headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, (byte[]) header));
        try {
            producer().send(record).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("could not send to " + topic, ex);
        }
    }

    /** The {@code ce_*} headers of a new event (fresh id, now) of {@code type} about {@code subject}. */
    public static Map<String, Object> cloudEventHeaders(String type, String subject) {
        return new CloudEventHeaders(UUID.randomUUID().toString(), SOURCE, type, Instant.now(), subject)
                .toKafkaHeaders();
    }

    /** The records of {@code topic} with {@code key}; see {@link #read(String, Collection, int)}. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, String key, int expected) {
        return read(topic, Set.of(key), expected);
    }

    /**
     * Reads {@code topic} from the beginning, as a new consumer would, until it found at least
     * {@code expected} records with one of {@code keys} (failing after {@link #PATIENCE}), then keeps
     * reading briefly so that records beyond the expected ones show up too and a test can tell
     * "exactly once" from "at least once".
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Collection<String> keys, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            // A dead-letter topic may not exist yet: it appears with its first record.
            await().atMost(PATIENCE).until(() -> !consumer.partitionsFor(topic).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                collect(consumer, keys, found, Duration.ofMillis(500));
                return found.size() >= expected;
            });
            // Anything sent beyond the expected records would have been sent by now.
            Instant deadline = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(deadline)) {
                collect(consumer, keys, found, Duration.ofMillis(200));
            }
            return found;
        }
    }

    /** The value of a header as UTF-8 text (how CloudEvents and the dead-letter headers are written), or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void collect(KafkaConsumer<String, byte[]> consumer, Collection<String> keys,
            List<ConsumerRecord<String, byte[]>> found, Duration timeout) {
        consumer.poll(timeout).forEach(record -> {
            if (record.key() != null && keys.contains(record.key())) {
                found.add(record);
            }
        });
    }

    private static KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (KafkaTestClient.class) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                            ProducerConfig.ACKS_CONFIG, "all"),
                            new StringSerializer(), new ByteArraySerializer());
                    Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "test-producer-stop"));
                }
            }
        }
        return producer;
    }
}
