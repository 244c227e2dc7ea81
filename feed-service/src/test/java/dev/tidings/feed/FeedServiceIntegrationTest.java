package dev.tidings.feed;

import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import dev.tidings.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring test configuration of this module: the whole service on the shared Kafka broker
 * and a fresh PostgreSQL database, with an {@link AdjustableClock} and WebSub retries fast enough to
 * watch a delivery be given up. Tests publish events the way
 * content-service does and look at the feeds over HTTP. Every test uses its own article ids and
 * topic slugs, so tests sharing the context never see each other's entries in a topic feed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tidings.feed.websub.first-retry=200ms", "tidings.feed.websub.max-attempts=3" })
@RealInfrastructure
@Import(FeedServiceIntegrationTest.TestClock.class)
public abstract class FeedServiceIntegrationTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    protected AdjustableClock clock;

    /** Sends events the way content-service does; reads the dead-letter topics. */
    protected KafkaTestClient kafka;

    @Autowired
    void writeEventsWith(JsonMapper json) {
        kafka = new KafkaTestClient(json);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    protected static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes a topic and waits until its feed exists. */
    protected void createTopic(String slug, String title) {
        kafka.send(new TopicSnapshot(slug, 1, title, "All about " + title));
        await().atMost(PATIENCE).until(() -> get("/feeds/" + slug + ".rss").statusCode() == 200);
    }

    /** A published article, version {@code version}, in the given topics. */
    protected static ArticleSnapshot article(UUID id, long version, String title, String bodyHtml,
            List<String> topics) {
        Instant publishedAt = Instant.parse("2026-11-20T08:30:00.123Z").plus(version, ChronoUnit.MINUTES);
        return new ArticleSnapshot(id, version, "article-" + id, title, "Summary of " + title, bodyHtml,
                "https://health.example/articles/" + id, "Dr. Ada Lovelace", topics, List.of("basics"),
                publishedAt, publishedAt, null, null, null);
    }

    protected static ArticleSnapshot corrected(ArticleSnapshot article, long version, String title, String bodyHtml) {
        return new ArticleSnapshot(article.id(), version, article.slug(), title, article.summary(), bodyHtml,
                article.canonicalUrl(), article.author(), article.topics(), article.tags(), article.publishedAt(),
                article.updatedAt().plus(version, ChronoUnit.HOURS), null, null, article.imageUrl());
    }

    protected static ArticleSnapshot retracted(ArticleSnapshot article, long version) {
        Instant retractedAt = article.updatedAt().plus(version, ChronoUnit.HOURS);
        return new ArticleSnapshot(article.id(), version, article.slug(), article.title(), article.summary(), "",
                article.canonicalUrl(), article.author(), article.topics(), List.of(), article.publishedAt(),
                retractedAt, retractedAt, "Could not be supported.", null);
    }

    /**
     * A retraction at the service's (test) clock: an Atom feed shows tombstones of the retractions
     * within the tombstone period before its last change, which that clock stamps, and tests move
     * it (one a month ahead), so a retraction at a fixed date may be too old for a tombstone.
     */
    protected ArticleSnapshot retractedNow(ArticleSnapshot article, long version) {
        ArticleSnapshot retracted = retracted(article, version);
        Instant now = clock.instant();
        return new ArticleSnapshot(retracted.id(), version, retracted.slug(), retracted.title(), retracted.summary(),
                retracted.bodyHtml(), retracted.canonicalUrl(), retracted.author(), retracted.topics(),
                retracted.tags(), retracted.publishedAt(), now, now, retracted.retractionReason(), null);
    }

    protected HttpResponse<byte[]> get(String path, String... headers) {
        return exchange("GET", path, headers);
    }

    protected HttpResponse<byte[]> exchange(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code method} on {@code path} with the bearer {@code token} and a JSON {@code body}, each left out if null. */
    protected HttpResponse<String> withJson(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The address of {@code path} on this test's server. */
    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Sends {@code request} and waits for the answer, failing the test on an I/O error. */
    protected <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    protected SyndFeed feed(String path) {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    protected static SyndFeed parse(byte[] xml) {
        try {
            return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(xml)));
        }
        catch (Exception ex) {
            throw new IllegalStateException("not a feed", ex);
        }
    }

    protected Optional<SyndEntry> entryOf(String path, UUID articleId) {
        return feed(path).getEntries().stream()
                .filter(entry -> entry.getUri().equals("urn:uuid:" + articleId))
                .findFirst();
    }

    protected double ignoredArticleEvents() {
        Counter counter = meters.find("tidings.events.consumed").tags("binding", "articles", "outcome", "ignored")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    protected double deadLettered(String topic) {
        return meters.find("tidings.events.dead_lettered").tag("topic", topic).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Events of {@code topic} dead-lettered for {@code reason} (a {@code ConsumerFailure} tag). */
    protected double deadLettered(String topic, String reason) {
        Counter counter = meters.find("tidings.events.dead_lettered").tags("topic", topic, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
