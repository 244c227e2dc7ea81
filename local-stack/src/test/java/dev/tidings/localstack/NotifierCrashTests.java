package dev.tidings.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.localstack.infrastructure.KafkaBroker;
import dev.tidings.localstack.infrastructure.PostgresServer;
import dev.tidings.localstack.services.RepositoryLayout;
import dev.tidings.localstack.services.ServiceLaunch;
import dev.tidings.localstack.services.ServiceProcess;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * notifier-service killed with {@code kill -9} in the middle of a fan-out, as a real process from
 * its jar on the local stack's Kafka, PostgreSQL and SMTP catcher (all on free ports), then started
 * again.
 *
 * <p>Every recipient must get the article; the only duplicates allowed are the batches that were in
 * flight (at most {@code send-threads × send-batch-size}: each sender thread claims one batch at a
 * time, and the claims of a dead process are due again when their lease ends); and every captured
 * email, duplicates included, must
 * carry an unsubscribe link whose page opens and whose one-click POST answers 200: the links are
 * derived from the subscriber, so no rolled-back row can break them.
 */
class NotifierCrashTests {

    private static final int RECIPIENTS = 2000;

    private static final int BATCH_SIZE = 50;

    private static final int SENDER_THREADS = 4;

    /** The emails a killed notifier may have had accepted by SMTP without recording them. */
    private static final int IN_FLIGHT = SENDER_THREADS * BATCH_SIZE;

    private static final String TOPIC = "crash-course";

    private static final Path WORK = Path.of("target", "crash-stack");

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aNotifierKilledMidFanOutMailsEveryoneOnceOrTwiceAndEveryLinkWorks() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (KafkaBroker kafka = KafkaBroker.start(0);
                PostgresServer postgres = PostgresServer.start(0, List.of("notifier"))) {
            ServiceLaunch launch = notifierLaunch(kafka, postgres, smtp.getSmtp().getPort(), freePort());
            ServiceProcess first = ServiceProcess.start(launch, WORK);
            ServiceProcess second = null;
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("notifier"), PostgresServer.USER,
                    PostgresServer.PASSWORD)) {
                first.awaitReady(PATIENCE);
                seedConfirmedSubscribers(db);
                publishArticle(kafka, "Why the skin barrier matters");

                // Kill it while batches are on the wire: some of their emails accepted, none recorded yet.
                ProcessHandle notifier = processOf(launch);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2)).until(() -> {
                    long committed = sent(db);
                    int accepted = smtp.getReceivedMessages().length;
                    boolean onTheWire = accepted > committed && accepted < committed + IN_FLIGHT;
                    return committed == RECIPIENTS || committed >= RECIPIENTS / 4 && onTheWire;
                });
                assertThat(notifier.destroyForcibly()).isTrue();
                notifier.onExit().get();
                long sentAtKill = sent(db);
                int mailsAtKill = smtp.getReceivedMessages().length;
                assertThat(sentAtKill).as("killed in the middle of the fan-out, not after it").isLessThan(RECIPIENTS);

                second = ServiceProcess.start(new ServiceLaunch("notifier-service-restarted", launch.jar(),
                        launch.port(), launch.jvmOptions(), launch.arguments()), WORK);
                second.awaitReady(PATIENCE);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> sent(db) == RECIPIENTS);

                List<Captured> articles = captured(smtp).stream()
                        .filter(message -> message.subject().equals("Why the skin barrier matters")).toList();
                Map<String, Long> perRecipient = articles.stream()
                        .collect(Collectors.groupingBy(Captured::to, Collectors.counting()));
                long duplicates = articles.size() - perRecipient.size();
                System.out.printf("CRASH: killed with %d sends committed and %d emails accepted by SMTP; after the "
                        + "restart %d emails to %d recipients, %d duplicates (bound %d)%n", sentAtKill, mailsAtKill,
                        articles.size(), perRecipient.size(), duplicates, IN_FLIGHT);
                assertThat(perRecipient).as("every recipient got the article").hasSize(RECIPIENTS);
                assertThat(perRecipient.values()).as("at most twice each").allMatch(count -> count <= 2);
                assertThat(duplicates).as("duplicates within the in-flight batches").isLessThanOrEqualTo(IN_FLIGHT);

                everyUnsubscribeLinkWorks(articles);
                assertThat(count(db, "SELECT count(*) FROM subscribers WHERE unsubscribed_at IS NULL"))
                        .as("every one-click POST took effect").isZero();
            }
            finally {
                if (second != null) {
                    second.close();
                }
                first.close();
            }
        }
        finally {
            smtp.stop();
        }
    }

    /** Every message the SMTP server got: recipient, subject and the two unsubscribe headers. */
    private static List<Captured> captured(GreenMail smtp) throws MessagingException {
        List<Captured> messages = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            messages.add(new Captured(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0])
                    .getAddress(), message.getSubject(), message.getHeader("List-Unsubscribe", null),
                    message.getHeader("List-Unsubscribe-Post", null)));
        }
        return messages;
    }

    private record Captured(String to, String subject, String listUnsubscribe, String listUnsubscribePost) {
    }

    private static ServiceLaunch notifierLaunch(KafkaBroker kafka, PostgresServer postgres, int smtpPort, int port) {
        RepositoryLayout layout = RepositoryLayout.locate(Optional.empty());
        return new ServiceLaunch("notifier-service", layout.jarOf("notifier-service"), port,
                List.of("-XX:TieredStopAtLevel=1", "-Xmx384m"), List.of(
                        "--spring.profiles.active=local",
                        "--spring.datasource.url=" + postgres.jdbcUrl("notifier"),
                        "--spring.datasource.username=" + PostgresServer.USER,
                        "--spring.datasource.password=" + PostgresServer.PASSWORD,
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--spring.mail.host=localhost",
                        "--spring.mail.port=" + smtpPort,
                        "--tidings.notifier.public-url=http://localhost:" + port,
                        "--tidings.notifier.send-batch-size=" + BATCH_SIZE,
                        "--tidings.notifier.send-threads=" + SENDER_THREADS,
                        // The restarted notifier takes over the dead one's claims when they end.
                        "--tidings.notifier.send-claim-lease=10s",
                        "--tidings.notifier.send-poll-interval=1s"));
    }

    /** The service's process, to end it with SIGKILL as {@code kill -9} does: no shutdown hook runs. */
    private static ProcessHandle processOf(ServiceLaunch launch) {
        String apps = WORK.resolve("apps").toAbsolutePath().toString();
        String jar = launch.jar().getFileName().toString();
        List<ProcessHandle> processes = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine()
                        .map(line -> line.contains(apps) && line.contains(jar)).orElse(false))
                .toList();
        assertThat(processes).as("the notifier process").hasSize(1);
        return processes.get(0);
    }

    private static void seedConfirmedSubscribers(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO topics (slug, version, title, description) VALUES ('" + TOPIC
                    + "', 1, 'Crash course', 'Everything at once.')");
        }
        SeededReaders.confirm(db, TOPIC, "reader", RECIPIENTS);
    }

    private static void publishArticle(KafkaBroker kafka, String title) throws Exception {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        String payload = """
                {"id":"%s","version":1,"slug":"skin-barrier","title":"%s","summary":"A short summary.",
                 "bodyHtml":"<p>The skin barrier keeps water in and microbes out.</p>",
                 "canonicalUrl":"https://health.example/articles/skin-barrier","author":"Dr. Mara Lind",
                 "topics":["%s"],"tags":[],"publishedAt":"%s","updatedAt":"%s"}
                """.formatted(id, title, TOPIC, now, now);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ContentTopics.ARTICLES, id.toString(),
                payload.getBytes(StandardCharsets.UTF_8));
        new CloudEventHeaders(UUID.randomUUID().toString(), "https://health.example/content-service",
                ArticleEventType.PUBLISHED.ceType(), now, id.toString()).toKafkaHeaders()
                .forEach((name, value) -> record.headers().add(name, (byte[]) value));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /**
     * Opens the unsubscribe page of every email (200, a button, nothing changes) and sends its
     * RFC 8058 one-click POST (200, also for the second copy of a duplicate), a few at a time.
     */
    private void everyUnsubscribeLinkWorks(List<Captured> articles) throws Exception {
        assertThat(articles).allSatisfy(message -> {
            assertThat(message.listUnsubscribe()).startsWith("<http").endsWith(">");
            assertThat(message.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        });
        List<URI> links = articles.stream().map(message -> message.listUnsubscribe().replaceAll("\\s", ""))
                .map(value -> URI.create(value.substring(1, value.length() - 1))).toList();
        List<String> failures = checkAll(links, link -> HttpRequest.newBuilder(link).GET().build(),
                response -> response.statusCode() == 200 && response.body().contains("method=\"post\""));
        failures.addAll(checkAll(links, link -> HttpRequest.newBuilder(link)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                response -> response.statusCode() == 200));
        assertThat(failures).as("links that did not work").isEmpty();
    }

    private List<String> checkAll(List<URI> links, Function<URI, HttpRequest> request,
            Predicate<HttpResponse<String>> works) throws InterruptedException {
        Semaphore inFlight = new Semaphore(4);
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (URI link : links) {
            inFlight.acquire();
            HttpRequest sent = request.apply(link);
            checks.add(http.sendAsync(sent, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        inFlight.release();
                        if (failure != null) {
                            return sent.method() + " " + link + ": " + failure;
                        }
                        return works.test(response) ? null
                                : sent.method() + " " + link + ": " + response.statusCode();
                    }));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<String> check : checks) {
            try {
                Optional.ofNullable(check.get()).ifPresent(failures::add);
            }
            catch (ExecutionException ex) {
                failures.add(ex.getCause().toString());
            }
        }
        return failures;
    }

    private static long sent(Connection db) throws SQLException {
        return count(db, "SELECT count(*) FROM deliveries WHERE status = 'SENT'");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no free port", ex);
        }
    }
}
