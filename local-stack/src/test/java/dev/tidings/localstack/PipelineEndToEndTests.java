package dev.tidings.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.localstack.client.ApiResponse;
import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.client.NotifierApi;
import dev.tidings.localstack.mail.CapturedMail;
import dev.tidings.localstack.mail.MailCatcher;
import dev.tidings.localstack.stack.LocalStack;
import dev.tidings.localstack.stack.StackSettings;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as users meet it: the real broker, PostgreSQL and SMTP catcher of the local
 * stack, the three services as child processes from their jars (all on free ports), and only
 * their public HTTP APIs, plus raw Kafka clients to redeliver an event.
 *
 * <p>An editor creates a topic, a reader subscribes and confirms through the mail, the editor
 * publishes an article: it must show in the topic's RSS and Atom feeds and arrive once in the
 * reader's inbox; a correction must reach the feeds; the same event delivered twice more must
 * change nothing; a retraction must take it out of both feeds.
 */
class PipelineEndToEndTests {

    /** The local profile's admin key (the services' application-local.yml). */
    private static final String TOKEN = "local-admin-key";

    private static final String TOPIC = "skin-science";

    private static final String READER = "e2e-reader@example.com";

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    private static final Path WORK = Path.of("target", "e2e-stack");

    private static LocalStack stack;

    private static Duration stackStart;

    private static ContentApi content;

    private static NotifierApi notifier;

    private static MailCatcher mail;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        StackSettings settings = new StackSettings(0, 0, 0, 0, 0, 0, true, 1, Optional.empty(),
                WORK, Duration.ofSeconds(180), List.of("-XX:TieredStopAtLevel=1", "-Xmx384m"),
                Optional.empty());
        long begin = System.nanoTime();
        stack = new LocalStack(settings);
        stack.start();
        stackStart = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("E2E: stack (Kafka, PostgreSQL, SMTP, 3 services) started in %.1f s%n",
                stackStart.toMillis() / 1000.0);
        LocalStack.Endpoints endpoints = stack.endpoints();
        content = new ContentApi(endpoints.contentUrl(), TOKEN);
        notifier = new NotifierApi(endpoints.notifierUrl());
        mail = stack.mail().orElseThrow();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anArticleTravelsFromTheEditorToFeedsAndInboxesExactlyOnce() throws Exception {
        createTopic();
        subscribeAndConfirmReader();

        // Publish: the article shows in both feeds of its topic and reaches the inbox once.
        ArticleRequest request = new ArticleRequest("Why eczema skin hosts more Staphylococcus aureus",
                "The more severe the eczema, the more S. aureus on the skin.",
                "People with eczema carry **more Staphylococcus aureus** on their skin.\n\n"
                        + "Treatments such as creams and narrowband UV light shift the balance back.\n",
                "E2E Editor", List.of(TOPIC), List.of("staph", "skin bacteria"), null, null);
        String id = content.createArticle(request).expect(201).json().get("id").asString();
        long publishStart = System.nanoTime();
        ApiResponse published = content.publish(id).expect(200);
        Latencies latencies = awaitFeedAndInbox(id, request.title(), publishStart);
        System.out.printf("E2E: publish -> feed %d ms, publish -> inbox %d ms%n", latencies.feed().toMillis(),
                latencies.inbox().toMillis());

        String canonicalUrl = published.json().get("canonicalUrl").asString();
        Instant publishedAt = Instant.parse(published.json().get("publishedAt").asString());
        String bodyHtml = published.json().get("bodyHtml").asString();
        assertThat(bodyHtml).contains("<strong>more Staphylococcus aureus</strong>");
        for (String format : List.of("rss", "atom")) {
            SyndEntry entry = onlyEntry(feed(format), id);
            assertThat(entry.getTitle()).as(format).isEqualTo(request.title());
            assertThat(entry.getLink()).as(format).isEqualTo(canonicalUrl);
            assertThat(entry.getPublishedDate().toInstant()).as(format)
                    .isEqualTo(publishedAt.truncatedTo(ChronoUnit.SECONDS));
            assertThat(normalized(contentOf(entry))).as(format).isEqualTo(normalized(bodyHtml));
        }
        assertNewsletter(onlyNewsletter(request.title()));

        // Correct: a stale ETag is refused, the current one accepted, and the feeds follow.
        String etag = content.article(id).expect(200).header("ETag").orElseThrow();
        ArticleRequest corrected = request.withBody(request.body()
                + "\nCorrection: the creams meant here are prescribed topical treatments.\n");
        assertThat(content.update(id, "\"1\"", corrected).status()).isEqualTo(412);
        content.update(id, etag, corrected).expect(200);
        awaitInBothFeeds(id, entry -> contentOf(entry).contains("prescribed topical treatments"));

        // Redeliver the article.published event twice, byte for byte, to the same partition.
        ConsumerRecord<byte[], byte[]> original = readPublishedEvent(id);
        long lastDuplicate = redeliverTwice(original);
        // A later article on the same topic proves the pipeline still flows, and the consumer
        // groups' committed offsets prove both services got past the duplicates.
        ArticleRequest marker = new ArticleRequest("Fermented foods and a more diverse gut",
                "Yogurt, kefir, kimchi and sauerkraut.", "Fermented foods are linked to a more varied gut.\n",
                "E2E Editor", List.of(TOPIC), List.of("diet"), null, null);
        String markerId = content.createArticle(marker).expect(201).json().get("id").asString();
        content.publish(markerId).expect(200);
        awaitFeedAndInbox(markerId, marker.title(), System.nanoTime());
        awaitConsumedPast(new TopicPartition(original.topic(), original.partition()), lastDuplicate);

        for (String format : List.of("rss", "atom")) {
            SyndEntry entry = onlyEntry(feed(format), id);
            assertThat(contentOf(entry)).as(format + ": a stale duplicate must not undo the correction")
                    .contains("prescribed topical treatments");
        }
        onlyNewsletter(request.title());

        // Retract: gone from both feeds, the other article stays.
        content.retract(id, "Withdrawn by the end-to-end test.").expect(200);
        await().atMost(PROPAGATION).pollInterval(POLL).untilAsserted(() -> {
            for (String format : List.of("rss", "atom")) {
                SyndFeed feed = feed(format);
                assertThat(entriesOf(feed, id)).as(format).isEmpty();
                assertThat(entriesOf(feed, markerId)).as(format).hasSize(1);
            }
        });
        onlyNewsletter(request.title());

        System.out.printf("E2E figures: stack start %.1f s, publish -> feed %d ms, publish -> inbox %d ms%n",
                stackStart.toMillis() / 1000.0, latencies.feed().toMillis(), latencies.inbox().toMillis());
    }

    private void createTopic() {
        ApiResponse created = content.createTopic(new TopicRequest(TOPIC, "Skin science",
                "Research on the skin and its microbes.")).expect(201);
        assertThat(created.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/topics/" + TOPIC));
        assertThat(created.json().get("slug").asString()).isEqualTo(TOPIC);
    }

    /** Subscribes, then confirms as a reader does: the link in the mail opens a page whose form posts. */
    private void subscribeAndConfirmReader() throws Exception {
        // notifier-service learns the new topic from Kafka; until then it calls the topic unknown.
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250))
                .until(() -> notifier.subscribe(READER, List.of(TOPIC)).status(), status -> status == 202);
        CapturedMail confirmation = await().atMost(PROPAGATION).pollInterval(POLL)
                .until(() -> mail.messagesTo(READER).filter(m -> m.subject().startsWith("Confirm")).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        URI link = confirmation.text().flatMap(NotifierApi::confirmationLink).orElseThrow();
        assertThat(link.toString()).startsWith(stack.endpoints().notifierUrl() + "/subscriptions/confirm?token=");
        ApiResponse confirmed = notifier.confirm(link).expect(200);
        assertThat(confirmed.body()).containsIgnoringCase("subscribed");
        HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(link).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as("a used confirmation link").isBetween(400, 499);
    }

    private Latencies awaitFeedAndInbox(String id, String title, long publishStart) {
        AtomicReference<Duration> feed = new AtomicReference<>();
        AtomicReference<Duration> inbox = new AtomicReference<>();
        try {
            await().atMost(PROPAGATION).pollInterval(POLL).until(() -> {
                if (feed.get() == null && !entriesOf(feed("atom"), id).isEmpty()) {
                    feed.set(Duration.ofNanos(System.nanoTime() - publishStart));
                }
                if (inbox.get() == null && newsletters(title).findAny().isPresent()) {
                    inbox.set(Duration.ofNanos(System.nanoTime() - publishStart));
                }
                return feed.get() != null && inbox.get() != null;
            });
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError("\"" + title + "\" after " + PROPAGATION.toSeconds() + " s: in the Atom feed: "
                    + (feed.get() != null) + ", in the inbox: " + (inbox.get() != null) + "; service logs in "
                    + WORK.resolve("logs").toAbsolutePath(), ex);
        }
        await().atMost(PROPAGATION).pollInterval(POLL).until(() -> entriesOf(feed("rss"), id).size() == 1);
        return new Latencies(feed.get(), inbox.get());
    }

    private void awaitInBothFeeds(String id, Predicate<SyndEntry> condition) {
        await().atMost(PROPAGATION).pollInterval(POLL).untilAsserted(() -> {
            for (String format : List.of("rss", "atom")) {
                assertThat(onlyEntry(feed(format), id)).as(format).matches(condition);
            }
        });
    }

    private static void assertNewsletter(CapturedMail newsletter) {
        assertThat(newsletter.contentType()).startsWith("multipart/");
        assertThat(newsletter.text()).hasValueSatisfying(text -> assertThat(text).contains("Staphylococcus aureus"));
        assertThat(newsletter.html()).hasValueSatisfying(html -> assertThat(html).contains("Staphylococcus aureus"));
        assertThat(newsletter.header("List-Unsubscribe")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("<" + stack.endpoints().notifierUrl() + "/unsubscribe?token=").endsWith(">"));
        assertThat(newsletter.header("List-Unsubscribe-Post")).hasValue("List-Unsubscribe=One-Click");
    }

    private static CapturedMail onlyNewsletter(String title) {
        List<CapturedMail> found = newsletters(title).toList();
        assertThat(found).as("newsletters titled \"%s\" to %s", title, READER).hasSize(1);
        return found.get(0);
    }

    private static Stream<CapturedMail> newsletters(String title) {
        return mail.messagesTo(READER).filter(message -> message.subject().equals(title));
    }

    private ConsumerRecord<byte[], byte[]> readPublishedEvent(String id) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ContentTopics.ARTICLES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(PROPAGATION).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (id.equals(text(record.key())) && ArticleEventType.PUBLISHED.ceType()
                            .equals(text(record.headers().lastHeader(CloudEventHeaders.TYPE)))) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found).as("article.published records of " + id).hasSize(1);
            return found.get(0);
        }
    }

    /** Sends the record twice more, same partition, key, value and headers; returns the last offset. */
    private long redeliverTwice(ConsumerRecord<byte[], byte[]> original) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            RecordMetadata last = null;
            for (int i = 0; i < 2; i++) {
                last = producer.send(new ProducerRecord<>(original.topic(), original.partition(), original.key(),
                        original.value(), original.headers())).get();
            }
            return last.offset();
        }
    }

    /** Waits until both services' consumer groups have committed past {@code offset}. */
    private void awaitConsumedPast(TopicPartition partition, long offset) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            for (String group : List.of(LocalStack.FEED_SERVICE, LocalStack.NOTIFIER_SERVICE)) {
                await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    OffsetAndMetadata position = committed.get(partition);
                    return position != null && position.offset() > offset;
                });
            }
        }
    }

    private SyndFeed feed(String format) throws Exception {
        URI uri = stack.endpoints().feedUrl().resolve("/feeds/" + TOPIC + "." + format);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    }

    private static List<SyndEntry> entriesOf(SyndFeed feed, String id) {
        return feed.getEntries().stream().filter(entry -> ("urn:uuid:" + id).equals(entry.getUri())).toList();
    }

    private static SyndEntry onlyEntry(SyndFeed feed, String id) {
        List<SyndEntry> entries = entriesOf(feed, id);
        assertThat(entries).as("entries for urn:uuid:" + id + " in " + feed.getFeedType()).hasSize(1);
        return entries.get(0);
    }

    private static String contentOf(SyndEntry entry) {
        return entry.getContents().isEmpty() ? "" : entry.getContents().get(0).getValue();
    }

    private static String normalized(String html) {
        return html.replaceAll("\\s+", " ").strip();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return header == null ? null : text(header.value());
    }

    private record Latencies(Duration feed, Duration inbox) {
    }
}
