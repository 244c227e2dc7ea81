package dev.tidings.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ContentTopics;
import dev.tidings.localstack.client.ContentApi;
import dev.tidings.localstack.client.ContentApi.ArticleRequest;
import dev.tidings.localstack.client.ContentApi.TopicRequest;
import dev.tidings.localstack.client.NotifierApi;
import dev.tidings.localstack.infrastructure.PostgresServer;
import dev.tidings.localstack.mail.CapturedMail;
import dev.tidings.localstack.mail.MailCatcher;
import dev.tidings.localstack.services.ServiceProcess;
import dev.tidings.localstack.stack.LocalStack;
import dev.tidings.localstack.stack.StackSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two processes of every service on the local stack's real broker, PostgreSQL and SMTP catcher,
 * with the article topic's six partitions shared between the instances of each consumer group.
 * Articles are written, published, corrected twice and some retracted, each request through
 * either content-service instance: both feed-service instances must serve every live article in
 * its last corrected state and no retracted one, and every reader must get exactly one email per
 * article, whichever notifier instance owned its partition. Then both notifier instances share a
 * 2,000-reader fan-out through the ledger and mail each reader exactly once. Then one instance of
 * each consumer is killed mid-stream, and the survivors must take over without losing anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTests {

    private static final String TOKEN = "local-admin-key";

    private static final String TOPIC = "scale-out";

    private static final int ARTICLES = 12;

    private static final List<String> READERS = List.of("scale-1@example.com", "scale-2@example.com",
            "scale-3@example.com");

    private static final Duration PROPAGATION = Duration.ofSeconds(90);

    private static final int FAN_OUT_RECIPIENTS = 2000;

    private static final int FAN_OUT_PER_SECOND = 400;

    private static final Path WORK = Path.of("target", "scale-out-stack");

    private static LocalStack stack;

    private static List<ContentApi> contents;

    private static MailCatcher mail;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        StackSettings settings = new StackSettings(0, 0, 0, 0, 0, 0, true, 2, Optional.empty(),
                WORK, Duration.ofSeconds(240), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                        // notifier: the claims of a killed instance are due again after 10 s, not 5 min
                        "-Dtidings.notifier.send-claim-lease=10s",
                        // notifier: the fan-out test's 2,000 emails take at least 5 s under the limit both
                        // instances share, so the instance that did not queue them finds them by polling
                        "-Dtidings.notifier.send-poll-interval=1s",
                        "-Dtidings.notifier.send-rate-limit.per-second=" + FAN_OUT_PER_SECOND),
                Optional.empty());
        stack = new LocalStack(settings);
        stack.start();
        contents = stack.endpoints().contentPorts().stream()
                .map(port -> new ContentApi(URI.create("http://localhost:" + port), TOKEN)).toList();
        mail = stack.mail().orElseThrow();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void instancesShareThePartitionsAndNothingIsLostOrDoubled() throws Exception {
        contents.get(0).createTopic(new TopicRequest(TOPIC, "Scale out", "Many instances, one truth.")).expect(201);
        subscribeAndConfirmReaders();

        List<String> ids = new ArrayList<>();
        for (int n = 0; n < ARTICLES; n++) {
            ContentApi content = contents.get(n % 2);
            String id = content.createArticle(article(n, 1)).expect(201).json().get("id").asString();
            content.publish(id).expect(200);
            ids.add(id);
        }
        for (int version = 2; version <= 3; version++) {
            for (int n = 0; n < ARTICLES; n++) {
                // The other instance than the one that wrote the previous version, with the ETag it serves.
                ContentApi content = contents.get((n + version) % 2);
                String etag = content.article(ids.get(n)).expect(200).header("ETag").orElseThrow();
                content.update(ids.get(n), etag, article(n, version)).expect(200);
            }
        }
        awaitEmailsForEveryArticle();
        List<String> retracted = List.of(ids.get(3), ids.get(8));
        for (String id : retracted) {
            contents.get(1).retract(id, "Withdrawn by the scale-out test.").expect(200);
        }

        assertGroupSpreadOverBothInstances(LocalStack.FEED_SERVICE);
        assertGroupSpreadOverBothInstances(LocalStack.NOTIFIER_SERVICE);
        for (URI feedService : stack.endpoints().feedUrls()) {
            await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Map<String, String> titles = entryTitles(feedService);
                for (int n = 0; n < ARTICLES; n++) {
                    String id = ids.get(n);
                    if (retracted.contains(id)) {
                        assertThat(titles).as(feedService + ": retracted " + id).doesNotContainKey(id);
                    }
                    else {
                        assertThat(titles).as(feedService + ": " + id).containsEntry(id, article(n, 3).title());
                    }
                }
            });
        }
        for (String reader : READERS) {
            Map<Integer, Long> perArticle = newslettersPerArticle(reader);
            assertThat(perArticle).as("newsletters to " + reader + " per article")
                    .isEqualTo(IntStream.range(0, ARTICLES).boxed()
                            .collect(Collectors.toMap(Function.identity(), n -> 1L)));
        }
    }

    /**
     * One article to 2,000 confirmed readers, with both notifier processes sending from the same
     * ledger: the SMTP server gets exactly one email per reader, both instances sent some of them
     * (their own {@code tidings.emails.sent} counters), and the ledger records each as sent once.
     */
    @Test
    @Order(2)
    void bothNotifierInstancesShareAFanOutAndMailEachReaderExactlyOnce() throws Exception {
        String topic = "fan-out";
        contents.get(0).createTopic(new TopicRequest(topic, "Fan-out", "One article, many readers.")).expect(201);
        List<URI> notifiers = stack.endpoints().notifierPorts().stream()
                .map(port -> URI.create("http://localhost:" + port)).toList();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + stack.endpoints().postgresPort() + "/notifier", PostgresServer.USER, PostgresServer.PASSWORD)) {
            await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(db, "SELECT count(*) FROM topics WHERE slug = '" + topic + "'") == 1);
            SeededReaders.confirm(db, topic, "fan-out", FAN_OUT_RECIPIENTS);
            List<Double> sentBefore = notifiers.stream().map(this::instantEmailsSent).toList();

            String title = "Fan-out article for two notifiers";
            String id = contents.get(1).createArticle(new ArticleRequest(title, "Summary", "Body.\n", "Scale Editor",
                    List.of(topic), List.of("scale"), null, null)).expect(201).json().get("id").asString();
            contents.get(1).publish(id).expect(200);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> count(db, "SELECT count(*) FROM deliveries WHERE article_id = '" + id
                            + "' AND status = 'SENT'") == FAN_OUT_RECIPIENTS);
            // Anything sent twice would arrive with or soon after the last first copy.
            Map<String, Long> perReader = await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> fanOutEmailsPerReader(title),
                            emails -> emails.size() == FAN_OUT_RECIPIENTS);
            assertThat(perReader.values()).as("emails per reader").allMatch(emails -> emails == 1);
            assertThat(count(db, "SELECT count(*) FROM deliveries WHERE article_id = '" + id + "'"))
                    .as("ledger rows of the article").isEqualTo(FAN_OUT_RECIPIENTS);

            List<Double> sentByInstance = IntStream.range(0, notifiers.size())
                    .mapToObj(i -> instantEmailsSent(notifiers.get(i)) - sentBefore.get(i)).toList();
            System.out.printf("SCALE-OUT: %d readers, emails sent per notifier instance %s%n", FAN_OUT_RECIPIENTS,
                    sentByInstance);
            assertThat(sentByInstance).as("instant emails sent by each notifier instance")
                    .hasSize(2).allMatch(sent -> sent > 0);
            assertThat(sentByInstance.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(FAN_OUT_RECIPIENTS);
        }
    }

    /**
     * The second instances of feed-service and notifier-service are killed ({@code kill -9}) right
     * after a burst of publications, while their partitions still hold unconsumed events: the
     * surviving instances take the partitions over and apply everything once. Emails the killed
     * notifier had handed to SMTP without recording them may go out again (its in-flight bound);
     * nothing may be missing.
     */
    @Test
    @Order(3)
    void killingOneInstanceOfEachConsumerLosesNothing() {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            ContentApi content = contents.get(n % 2);
            String id = content.createArticle(killArticle(n, 1)).expect(201).json().get("id").asString();
            content.publish(id).expect(200);
            ids.add(id);
            if (n == 4) {
                instance(LocalStack.FEED_SERVICE + "-2").kill();
                instance(LocalStack.NOTIFIER_SERVICE + "-2").kill();
            }
        }
        for (int n = 0; n < ids.size(); n++) {
            ContentApi content = contents.get(n % 2);
            String etag = content.article(ids.get(n)).expect(200).header("ETag").orElseThrow();
            content.update(ids.get(n), etag, killArticle(n, 2)).expect(200);
        }

        URI survivor = stack.endpoints().feedUrl();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, String> titles = entryTitles(survivor);
            for (int n = 0; n < ids.size(); n++) {
                assertThat(titles).as(survivor + ": " + ids.get(n)).containsEntry(ids.get(n), killArticle(n, 2).title());
            }
        });
        // The killed consumers' partitions move to the survivors once their sessions time out (45 s).
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> READERS.stream()
                .allMatch(reader -> killNewslettersPerArticle(reader).size() == ids.size()));
        long duplicates = READERS.stream().flatMap(reader -> killNewslettersPerArticle(reader).values().stream())
                .mapToLong(count -> count - 1).sum();
        System.out.printf("SCALE-OUT: killed feed-service-2 and notifier-service-2 mid-stream; %d duplicate emails%n",
                duplicates);
        assertThat(duplicates).as("emails sent twice: at most those the killed notifier had in flight")
                .isLessThanOrEqualTo(5L * READERS.size());
    }

    private static Map<String, Long> fanOutEmailsPerReader(String title) {
        return mail.messages().stream().filter(message -> message.subject().equals(title))
                .flatMap(message -> message.to().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The instance's {@code tidings.emails.sent} counter of instant emails, from its Prometheus page. */
    private double instantEmailsSent(URI notifier) {
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(notifier.resolve("/actuator/prometheus"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as("GET /actuator/prometheus of " + notifier).isEqualTo(200);
            return metrics.body().lines().filter(line -> line.startsWith("tidings_emails_sent_total{")
                    && line.contains("kind=\"instant\"")).mapToDouble(line -> Double.parseDouble(
                            line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ServiceProcess instance(String name) {
        return stack.services().stream().filter(process -> process.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<Integer, Long> killNewslettersPerArticle(String reader) {
        return mail.messagesTo(reader)
                .filter(message -> message.subject().startsWith("Kill-one article "))
                .collect(Collectors.groupingBy(message -> Integer.parseInt(message.subject().substring(17, 19)),
                        Collectors.counting()));
    }

    private static ArticleRequest killArticle(int n, int version) {
        String title = String.format("Kill-one article %02d, version %d", n, version);
        return new ArticleRequest(title, "Summary " + n, "Body " + n + ", version " + version + ".\n",
                "Scale Editor", List.of(TOPIC), List.of("scale"), null, null);
    }

    private void subscribeAndConfirmReaders() {
        List<NotifierApi> notifiers = stack.endpoints().notifierPorts().stream()
                .map(port -> new NotifierApi(URI.create("http://localhost:" + port))).toList();
        for (int r = 0; r < READERS.size(); r++) {
            String reader = READERS.get(r);
            NotifierApi notifier = notifiers.get(r % notifiers.size());
            // Each notifier instance learns the new topic from Kafka; until then it calls it unknown.
            await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250))
                    .until(() -> notifier.subscribe(reader, List.of(TOPIC)).status(), status -> status == 202);
            CapturedMail confirmation = await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(100))
                    .until(() -> mail.messagesTo(reader).filter(m -> m.subject().startsWith("Confirm")).findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            URI link = confirmation.text().flatMap(NotifierApi::confirmationLink).orElseThrow();
            notifier.confirm(link).expect(200);
        }
    }

    private void awaitEmailsForEveryArticle() {
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() -> READERS.stream()
                .allMatch(reader -> newslettersPerArticle(reader).size() == ARTICLES));
    }

    private static Map<Integer, Long> newslettersPerArticle(String reader) {
        // The subject is the title when the email was composed: any version, always "Scale-out article NN".
        return mail.messagesTo(reader)
                .filter(message -> message.subject().startsWith("Scale-out article "))
                .collect(Collectors.groupingBy(message -> Integer.parseInt(message.subject().substring(18, 20)),
                        Collectors.counting()));
    }

    private static void assertGroupSpreadOverBothInstances(String group) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            List<Long> articlePartitionsPerMember = description.members().stream()
                    .map(MemberDescription::assignment)
                    .map(assignment -> assignment.topicPartitions().stream()
                            .filter(partition -> partition.topic().equals(ContentTopics.ARTICLES)).count())
                    .filter(count -> count > 0)
                    .toList();
            // Two instances of three consumer threads each: six partitions need both instances' members to be held.
            assertThat(articlePartitionsPerMember).as(group + ": members holding article partitions")
                    .hasSize(6).containsOnly(1L);
        }
    }

    private Map<String, String> entryTitles(URI feedService) throws Exception {
        URI uri = feedService.resolve("/feeds/" + TOPIC + ".atom");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
        return feed.getEntries().stream().collect(Collectors.toMap(
                entry -> entry.getUri().replace("urn:uuid:", ""), SyndEntry::getTitle));
    }

    private static ArticleRequest article(int n, int version) {
        String title = String.format("Scale-out article %02d, version %d", n, version);
        return new ArticleRequest(title, "Summary " + n, "Body of article " + n + ", version " + version + ".\n",
                "Scale Editor", List.of(TOPIC), List.of("scale"), null, null);
    }
}
