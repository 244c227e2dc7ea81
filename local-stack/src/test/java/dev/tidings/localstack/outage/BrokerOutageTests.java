package dev.tidings.localstack.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.stack.LocalStack;
import dev.tidings.localstack.stack.StackSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker goes away while editors work: with the real broker stopped, 500 articles are
 * published, half of them corrected and a fifth retracted through content-service, whose outbox
 * keeps every event. When the broker is back, every event must arrive, in order per article, and
 * feed-service's feeds must show exactly the state content-service holds.
 */
class BrokerOutageTests {

    private static final String TOKEN = "local-admin-key";

    private static final String TOPIC = "outage";

    private static final int ARTICLES = 500;

    private static final Path WORK = Path.of("target", "outage-stack");

    private static StoppableKafka kafka;

    private static LocalStack stack;

    private static ContentApi content;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startStack() {
        kafka = StoppableKafka.start(WORK.resolve("kafka-" + System.nanoTime()));
        stack = new LocalStack(new StackSettings(0, 0, 0, 0, 0, 0, true, 1, Optional.empty(), WORK,
                Duration.ofSeconds(240), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                        // feed-service: one feed large enough for every live article of the test
                        "-Dtidings.feed.entries-per-feed=500"),
                Optional.of(kafka.bootstrapServers())));
        stack.start();
        content = new ContentApi(stack.endpoints().contentUrl(), TOKEN);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyEventWrittenWhileTheBrokerIsDownArrivesInOrderOnceItIsBack() throws Exception {
        content.createTopic(new TopicRequest(TOPIC, "Outage", "Written while Kafka was away.")).expect(201);
        String first = content.createArticle(article(-1, 1)).expect(201).json().get("id").asString();
        content.publish(first).expect(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> titles().containsKey(first));

        kafka.stop();
        Map<String, String> expectedTitles = new HashMap<>();
        expectedTitles.put(first, article(-1, 1).title());
        List<String> retracted = new ArrayList<>();
        for (int n = 0; n < ARTICLES; n++) {
            String id = content.createArticle(article(n, 1)).expect(201).json().get("id").asString();
            content.publish(id).expect(200);
            int version = 1;
            if (n % 2 == 0) {
                version = 2;
                content.update(id, "\"2\"", article(n, version)).expect(200);
            }
            if (n % 5 == 0) {
                content.retract(id, "Retracted while the broker was away.").expect(200);
                retracted.add(id);
            }
            else {
                expectedTitles.put(id, article(n, version).title());
            }
        }
        assertThat(outboxLag()).as("events the outbox holds while the broker is away").isGreaterThan(ARTICLES);
        kafka.startAgain();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(titles()).isEqualTo(expectedTitles));
        assertThat(titles()).doesNotContainKeys(retracted.toArray(String[]::new));
        assertEventsInOrderPerArticle(1 + ARTICLES + ARTICLES / 2 + ARTICLES / 5);
    }

    /** Every article's events on the topic, in offset order, carry strictly growing versions. */
    private void assertEventsInOrderPerArticle(int expectedEvents) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ContentTopics.ARTICLES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
        }
        Map<String, List<Long>> versions = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> json.readValue(record.value(), ArticleSnapshot.class).version(),
                        Collectors.toList())));
        assertThat(versions).hasSize(1 + ARTICLES);
        versions.forEach((id, sequence) -> assertThat(sequence).as("versions of " + id + " in offset order")
                .isSorted().doesNotHaveDuplicates());
        // A relay crash between send and commit could send a row twice (at least once); here none did.
        assertThat(records).hasSize(expectedEvents);
    }

    private double outboxLag() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                stack.endpoints().contentUrl().resolve("/actuator/prometheus"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith("tidings_outbox_lag"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    private Map<String, String> titles() throws Exception {
        URI uri = stack.endpoints().feedUrl().resolve("/feeds/" + TOPIC + ".atom");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Map.of();
        }
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
        return feed.getEntries().stream().collect(Collectors.toMap(
                entry -> entry.getUri().replace("urn:uuid:", ""), SyndEntry::getTitle));
    }

    private static ArticleRequest article(int n, int version) {
        String title = String.format("Outage article %03d, version %d", n, version);
        return new ArticleRequest(title, "Summary " + n, "Body " + n + ", version " + version + ".\n",
                "Outage Editor", List.of(TOPIC), List.of("outage"), null, null);
    }
}
