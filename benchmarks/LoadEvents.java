import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * benchmarks/rebuild's loader: `java LoadEvents.java <brokers> <events> <partitions> <jdbc url of a database to create>...`.
 * Provisions the event topics (compacted, <partitions> each), writes 20 topics and <events> article events the way
 * content-service does (CloudEvents headers, keyed by article id): every article published, every third corrected,
 * every tenth retracted, about 2 KB each; then creates the empty databases the rebuilds fill.
 */
public class LoadEvents {

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        int events = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        Map<String, Object> client = Map.of("bootstrap.servers", brokers);
        try (Admin admin = Admin.create(client)) {
            Map<String, String> compacted = Map.of("cleanup.policy", "compact", "retention.ms", "-1");
            admin.createTopics(List.of(
                    new NewTopic("content.articles.v1", partitions, (short) 1).configs(compacted),
                    new NewTopic("content.topics.v1", partitions, (short) 1).configs(compacted))).all().get();
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Map<String, Object> producerConfig = Map.of("bootstrap.servers", brokers, "acks", "all", "linger.ms", 20,
                "batch.size", 262144, "compression.type", "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int t = 0; t < 20; t++) {
                String slug = "topic-" + t;
                sent.add(producer.send(record("content.topics.v1", slug, "topic.upserted",
                        "{\"slug\":\"" + slug + "\",\"version\":1,\"title\":\"Topic " + t
                                + "\",\"description\":\"About topic " + t + "\"}")));
            }
            String body = "<p>" + "Emollients restore the skin barrier and reduce flares. ".repeat(30) + "</p>";
            Instant start = Instant.parse("2020-01-01T00:00:00Z");
            int written = 0;
            for (int article = 0; written < events; article++) {
                UUID id = UUID.nameUUIDFromBytes(("bench-" + article).getBytes(StandardCharsets.UTF_8));
                Instant published = start.plus(article, ChronoUnit.MINUTES);
                String topics = "[\"topic-" + article % 20 + "\",\"topic-" + (article + 7) % 20 + "\"]";
                sent.add(producer.send(record("content.articles.v1", id.toString(), "article.published",
                        article(id, 1, "Article " + article, body, topics, published, published, null))));
                written++;
                if (article % 3 == 0 && written < events) {
                    Instant corrected = published.plusSeconds(3600);
                    sent.add(producer.send(record("content.articles.v1", id.toString(), "article.updated",
                            article(id, 2, "Article " + article + ", corrected", body, topics, published, corrected,
                                    null))));
                    written++;
                }
                if (article % 10 == 0 && written < events) {
                    Instant retracted = published.plusSeconds(7200);
                    sent.add(producer.send(record("content.articles.v1", id.toString(), "article.retracted",
                            article(id, 3, "Article " + article, "", topics, published, retracted, retracted))));
                    written++;
                }
            }
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        }
        for (String database : List.of(args).subList(3, args.length)) {
            try (var connection = DriverManager.getConnection(database.replaceFirst("/[^/]*$", "/postgres"),
                    "postgres", "postgres")) {
                connection.createStatement().execute("CREATE DATABASE " + database.replaceFirst(".*/", ""));
            }
        }
        System.out.println("loaded " + events + " article events and 20 topics on " + partitions + " partitions");
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String type, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "https://health.example/content-service");
        header(record, "ce_type", type);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String article(UUID id, long version, String title, String body, String topics, Instant published,
            Instant updated, Instant retracted) {
        return "{\"id\":\"" + id + "\",\"version\":" + version + ",\"slug\":\"article-" + id + "\",\"title\":\""
                + title + "\",\"summary\":\"Why emollients come first.\",\"bodyHtml\":\"" + body
                + "\",\"canonicalUrl\":\"https://health.example/articles/" + id + "\",\"author\":\"Dr. Mara Lind\","
                + "\"topics\":" + topics + ",\"tags\":[\"emollients\",\"tag-" + (id.hashCode() & 63) + "\"],"
                + "\"publishedAt\":\"" + published + "\",\"updatedAt\":\"" + updated + "\""
                + (retracted == null ? "" : ",\"retractedAt\":\"" + retracted + "\",\"retractionReason\":\"Superseded.\"")
                + "}";
    }
}
