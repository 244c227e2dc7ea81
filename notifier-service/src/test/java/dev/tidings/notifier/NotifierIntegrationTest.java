package dev.tidings.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import dev.tidings.testsupport.RealInfrastructure;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one test configuration of this module: the whole service on a random port, on the shared
 * Kafka broker and a fresh PostgreSQL database, mailing to one GreenMail SMTP server per test JVM.
 *
 * <p>Tests use unique addresses and topics instead of purging state, so they never depend on each
 * other. A short {@code send-delay} gives a retraction that follows its publication a chance to
 * cancel the emails, which the retraction test relies on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tidings.notifier.send-delay=3s",
        "tidings.notifier.send-poll-interval=1s",
        "tidings.notifier.retry-base-delay=1s",
        "tidings.notifier.max-request-bytes=4096",
        // Until the tests run in the `local` profile: a ring of two keys, the newer one signing.
        "tidings.notifier.link-keys[0].id=test-old",
        "tidings.notifier.link-keys[0].secret=" + NotifierIntegrationTest.OLD_LINK_SECRET,
        "tidings.notifier.link-keys[1].id=test-new",
        "tidings.notifier.link-keys[1].secret=test-only-link-key-new-0123456789abcdef",
        // Every test shares the client address 127.0.0.1; the flood tests set their own limit.
        "tidings.notifier.subscribe-limits.per-client=100000" })
@RealInfrastructure
public abstract class NotifierIntegrationTest {

    /** The admin's API key of the local profile (application-local.yml). */
    protected static final String ADMIN_TOKEN = "local-admin-key";

    /** A valid key whose role (editor) is not enough for the admin API. */
    protected static final String EDITOR_KEY = "local-editor-key";

    /** The secret of the ring's older key, which verifies links but no longer signs them. */
    protected static final String OLD_LINK_SECRET = "test-only-link-key-old-0123456789abcdef";

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Pattern CONFIRM_LINK = Pattern.compile("/subscriptions/confirm\\?token=([A-Za-z0-9_-]+)");

    protected static final GreenMail SMTP = startSmtp();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcClient jdbc;

    /** Sends events the way content-service does; reads the dead-letter topics. */
    protected KafkaTestClient kafka;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> SMTP.getSmtp().getBindTo());
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    void writeEventsWith(JsonMapper json) {
        kafka = new KafkaTestClient(json);
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
        return greenMail;
    }

    // --- addresses and topics unique to one test ---

    protected static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    protected static String uniqueSlug(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // --- Kafka ---

    /** Announces a topic and waits until the subscribe page offers it. */
    protected void knownTopic(String slug, String title) {
        kafka.send(new TopicSnapshot(slug, 1, title, "About " + title));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get("/subscribe").body()).contains(slug));
    }

    protected static ArticleSnapshot article(UUID id, long version, String title, List<String> topics) {
        Instant published = Instant.parse("2026-11-20T08:30:00Z");
        return new ArticleSnapshot(id, version, "article-" + id.toString().substring(0, 8), title,
                "A short summary.", "<p>First paragraph.</p><p>Second <em>paragraph</em>.</p>",
                "https://health.example/articles/" + id, "Dr. Ada Lovelace", topics, List.of("basics"), published,
                published.plusSeconds(version), null, null, null);
    }

    protected static ArticleSnapshot retraction(ArticleSnapshot article, long version) {
        Instant at = article.updatedAt().plusSeconds(60);
        return new ArticleSnapshot(article.id(), version, article.slug(), article.title(), article.summary(), "",
                article.canonicalUrl(), article.author(), article.topics(), List.of(), article.publishedAt(), at, at,
                "Could not be supported.", null);
    }

    /** A token of the right shape naming a key of the ring, with a MAC nobody computed: a forgery. */
    protected static String forgedToken() {
        byte[] keyId = "test-new".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[1 + keyId.length + 32];
        new SecureRandom().nextBytes(raw);
        raw[0] = (byte) keyId.length;
        System.arraycopy(keyId, 0, raw, 1, keyId.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    // --- HTTP ---

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected HttpResponse<String> get(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearer).GET().build());
    }

    protected HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    protected HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static void assertProblemJson(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    protected static void assertHtml(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }

    // --- mail ---

    /** Every message GreenMail received for {@code email}. */
    protected static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> addressedTo(message, email)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(email));
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The confirmation token of the (only) confirmation email to {@code email}, once it arrived. */
    protected static String awaitConfirmationToken(String email) {
        return await().atMost(PATIENCE).until(() -> confirmationTokens(email), tokens -> !tokens.isEmpty()).get(0);
    }

    protected static List<String> confirmationTokens(String email) {
        return mailsTo(email).stream().map(MailText::of).map(text -> {
            Matcher matcher = CONFIRM_LINK.matcher(text);
            return matcher.find() ? matcher.group(1) : null;
        }).filter(token -> token != null).toList();
    }

    /** Subscribes through the API and confirms through the emailed link, as a reader would. */
    protected void subscribeAndConfirm(String email, String... topics) {
        HttpResponse<String> accepted = postJson("/api/subscriptions",
                "{\"email\":\"%s\",\"topics\":%s}".formatted(email, json.writeValueAsString(List.of(topics))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String token = awaitConfirmationToken(email);
        assertThat(postForm("/subscriptions/confirm", "token=" + token).statusCode()).isEqualTo(200);
    }

    protected void subscribeWithoutConfirming(String email, String... topics) {
        HttpResponse<String> accepted = postJson("/api/subscriptions",
                "{\"email\":\"%s\",\"topics\":%s}".formatted(email, json.writeValueAsString(List.of(topics))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitConfirmationToken(email);
    }
}
