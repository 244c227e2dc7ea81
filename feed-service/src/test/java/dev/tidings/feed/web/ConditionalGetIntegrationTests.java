package dev.tidings.feed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conditional GET over real HTTP, as RFC 9110 §13 has it, for the faults feed readers actually hit. */
class ConditionalGetIntegrationTests extends FeedServiceIntegrationTest {

    private final AtomicLong publications = new AtomicLong();

    @AfterEach
    void letTheClockRun() {
        clock.unfreeze();
    }

    @Test
    void aChangeInTheSecondOfThePreviousFetchIsNeverAnsweredWith304() {
        String topic = uniqueSlug("same-second");
        createTopic(topic, "Same second");
        String path = "/feeds/" + topic + ".atom";
        // A second of its own, later than the topic's stamp, in which everything below happens.
        clock.advance(Duration.ofSeconds(10));
        clock.freeze();
        ArticleSnapshot first = publish(topic, "First");
        HttpResponse<byte[]> before = get(path);
        String lastModified = before.headers().firstValue("Last-Modified").orElseThrow();
        String etag = before.headers().firstValue("ETag").orElseThrow();

        ArticleSnapshot second = publish(topic, "Second");

        HttpResponse<byte[]> after = get(path, "If-Modified-Since", lastModified);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(parse(after.body()).getEntries()).hasSize(2);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
        // The second change took the next second, still ahead of the clock: no date rather than a future one.
        assertThat(after.headers().firstValue("Last-Modified")).isEmpty();
        assertThat(get(path, "If-None-Match", after.headers().firstValue("ETag").orElseThrow()).statusCode())
                .isEqualTo(304);

        clock.unfreeze();
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<byte[]> later = get(path);
        String laterModified = later.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(httpDate(laterModified)).isEqualTo(httpDate(lastModified).plusSeconds(1));
        assertThat(later.headers().firstValue("ETag")).isEqualTo(after.headers().firstValue("ETag"));
        assertThat(get(path, "If-Modified-Since", laterModified).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).isEqualTo(200);
        assertThat(parse(later.body()).getEntries()).extracting(entry -> entry.getUri())
                .containsExactly("urn:uuid:" + second.id(), "urn:uuid:" + first.id());
    }

    @Test
    void ifNoneMatchStarIs304ForAnExistingFeedOnGetAndHead() {
        String topic = uniqueSlug("star");
        createTopic(topic, "Star");
        String path = "/feeds/" + topic + ".rss";

        assertThat(get(path, "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(exchange("HEAD", path, "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(get("/feeds/" + uniqueSlug("missing") + ".rss", "If-None-Match", "*").statusCode())
                .isEqualTo(404);
    }

    @Test
    void ifNoneMatchComparesWeaklyAcrossAListAndIfMatchStrongly() {
        String topic = uniqueSlug("lists");
        createTopic(topic, "Lists");
        String path = "/feeds/" + topic + ".json";
        String etag = get(path).headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"").endsWith("\"");
        String opaque = etag.substring(2);

        assertThat(get(path, "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-None-Match", "\"other\"", "If-None-Match", opaque).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-None-Match", "W/\"other\",\"more\"").statusCode()).isEqualTo(200);
        assertThat(get(path, "If-None-Match", "not-a-tag").statusCode()).isEqualTo(200);

        // A weak tag never matches strongly: If-Match with it (either form) fails, "*" holds for an existing feed.
        assertThat(get(path, "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(get(path, "If-Match", opaque).statusCode()).isEqualTo(412);
        assertThat(get(path, "If-Match", "*").statusCode()).isEqualTo(200);
        assertThat(get(path, "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode()).isEqualTo(412);
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        String topic = uniqueSlug("precedence");
        createTopic(topic, "Precedence");
        String path = "/feeds/" + topic + ".atom";
        HttpResponse<byte[]> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC));

        assertThat(get(path, "If-None-Match", "\"stale\"", "If-Modified-Since", now).statusCode()).isEqualTo(200);
        assertThat(get(path, "If-None-Match", etag, "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                .statusCode()).isEqualTo(304);
        // A date after now is invalid and ignored.
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(get(path, "If-Modified-Since", future).statusCode()).isEqualTo(200);
    }

    @Test
    void gzipAndIdentityShareOneValidatorAndHeadMatchesGet() throws IOException {
        String topic = uniqueSlug("encodings");
        createTopic(topic, "Encodings");
        publish(topic, "Long read", "<p>" + "The skin barrier and the gut. ".repeat(200) + "</p>");
        String path = "/feeds/" + topic + ".rss";

        HttpResponse<byte[]> identity = get(path);
        HttpResponse<byte[]> gzip = get(path, "Accept-Encoding", "br;q=1, gzip;q=0.8");
        HttpResponse<byte[]> refused = get(path, "Accept-Encoding", "gzip;q=0, *;q=1");
        HttpResponse<byte[]> head = exchange("HEAD", path, "Accept-Encoding", "gzip");

        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gunzip(gzip.body())).isEqualTo(identity.body());
        assertThat(gzip.body().length).isLessThan(identity.body().length / 4);
        String etag = identity.headers().firstValue("ETag").orElseThrow();
        for (HttpResponse<byte[]> response : List.of(gzip, refused, head)) {
            assertThat(response.headers().firstValue("ETag")).hasValue(etag);
            assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(response.headers().firstValue("Last-Modified"))
                    .isEqualTo(identity.headers().firstValue("Last-Modified"));
        }
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzip.body().length));
        assertThat(get(path, "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> notModifiedHead = exchange("HEAD", path, "If-None-Match", etag);
        assertThat(notModifiedHead.statusCode()).isEqualTo(304);
        assertThat(notModifiedHead.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void retractingTheNewestEntryChangesBothValidators() {
        String topic = uniqueSlug("retract-newest");
        createTopic(topic, "Retract newest");
        ArticleSnapshot older = publish(topic, "Older");
        clock.advance(Duration.ofSeconds(5));
        ArticleSnapshot newest = publish(topic, "Newest");
        String path = "/feeds/" + topic + ".atom";
        HttpResponse<byte[]> before = get(path);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        String lastModified = before.headers().firstValue("Last-Modified").orElseThrow();

        kafka.send(ArticleEventType.RETRACTED, retracted(newest, 2));

        await().atMost(PATIENCE).until(() -> get(path, "If-None-Match", etag).statusCode() == 200);
        HttpResponse<byte[]> after = get(path, "If-Modified-Since", lastModified);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(parse(after.body()).getEntries()).extracting(entry -> entry.getUri())
                .containsExactly("urn:uuid:" + older.id());
        // The retraction may land in the second of the publication: its stamp shows once the clock gets there.
        clock.advance(Duration.ofSeconds(2));
        assertThat(httpDate(get(path).headers().firstValue("Last-Modified").orElseThrow()))
                .isAfter(httpDate(lastModified));
    }

    private ArticleSnapshot publish(String topic, String title) {
        return publish(topic, title, "<p>" + title + "</p>");
    }

    /** Publishes an article newer than any before it in the topic and waits until its feed shows it. */
    private ArticleSnapshot publish(String topic, String title, String bodyHtml) {
        ArticleSnapshot template = article(UUID.randomUUID(), 1, title, bodyHtml, List.of(topic));
        Instant publishedAt = template.publishedAt().plus(publications.incrementAndGet(), ChronoUnit.HOURS);
        ArticleSnapshot article = new ArticleSnapshot(template.id(), 1, template.slug(), title, template.summary(),
                bodyHtml, template.canonicalUrl(), template.author(), template.topics(), template.tags(),
                publishedAt, publishedAt, null, null, null);
        kafka.send(ArticleEventType.PUBLISHED, article);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".atom", article.id()).isPresent());
        return article;
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
