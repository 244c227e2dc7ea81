package dev.tidings.feed.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.feed.FeedServiceApplication;
import dev.tidings.feed.FeedServiceIntegrationTest;
import dev.tidings.testsupport.SharedInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A read model rebuilt from the log ({@code rebuild} profile) serves the same feeds, byte for byte
 * except the time each feed was generated, as the one the live consumers built event by event.
 */
class ReadModelRebuildIntegrationTests extends FeedServiceIntegrationTest {

    private static final List<String> FORMATS = List.of("rss", "atom", "json");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRebuiltReadModelServesTheSameFeedsAsTheLiveOne() throws Exception {
        String first = uniqueSlug("rebuild-a");
        String second = uniqueSlug("rebuild-b");
        String tag = uniqueSlug("tag");
        String everyArticle = uniqueSlug("every");
        kafka.send(new TopicSnapshot(first, 1, "Rebuild A", "First"));
        kafka.send(new TopicSnapshot(second, 1, "Rebuild B", "Second"));
        kafka.send(new TopicSnapshot(second, 2, "Rebuild B, renamed", "Second, renamed"));
        // Tags the statement must store as they are: quotes, a backslash, a comma, braces and the word NULL.
        List<String> hostileTags = List.of(everyArticle, "say \"hi\", {braced}", "back\\slash", "NULL");
        List<ArticleSnapshot> live = new ArrayList<>();
        List<UUID> retracted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<String> topics = i % 3 == 0 ? List.of(first, second) : List.of(i % 2 == 0 ? first : second);
            List<String> tags = i == 2 ? hostileTags : i % 4 == 0 ? List.of(tag, everyArticle) : List.of(everyArticle);
            ArticleSnapshot published = article(i, topics, tags);
            kafka.send(ArticleEventType.PUBLISHED, published);
            ArticleSnapshot current = published;
            if (i % 5 == 0) {
                // Corrected twice, the second time moving it out of the tag's feed.
                current = correction(published, 2, "Corrected " + i, List.of(tag), "Dose corrected.");
                kafka.send(ArticleEventType.UPDATED, current);
                current = correction(current, 3, "Corrected again " + i, List.of(), null);
                kafka.send(ArticleEventType.UPDATED, current);
            }
            if (i % 7 == 3) {
                kafka.send(ArticleEventType.RETRACTED, retraction(current, clock.instant().minus(1, ChronoUnit.HOURS)));
                retracted.add(current.id());
            }
            else {
                live.add(current);
            }
        }
        // A redelivery and an out-of-date version, which both read models must ignore.
        kafka.send(ArticleEventType.PUBLISHED, article(1, List.of(second), List.of(everyArticle)));
        // A value PostgreSQL cannot store: the live consumer dead-letters it, the rebuild skips it.
        ArticleSnapshot sane = article(30, List.of(first), List.of(everyArticle));
        Instant beyondPostgres = Instant.parse("+300000-01-01T00:00:00Z");
        ArticleSnapshot unstorable = new ArticleSnapshot(sane.id(), 1, sane.slug(), sane.title(), sane.summary(),
                sane.bodyHtml(), sane.canonicalUrl(), sane.author(), sane.topics(), sane.tags(), beyondPostgres,
                beyondPostgres, null, null, null);
        kafka.send(ArticleEventType.PUBLISHED, unstorable);
        await().atMost(PATIENCE).until(() -> {
            String json = new String(get("/feeds/topics/" + first + "+" + second + ".json").body(),
                    StandardCharsets.UTF_8);
            return live.stream().allMatch(article -> json.contains(article.title()))
                    && retracted.stream().noneMatch(id -> json.contains(id.toString()));
        });
        await().atMost(PATIENCE).until(() -> new String(get("/feeds/" + second + ".atom").body(),
                StandardCharsets.UTF_8).contains("Rebuild B, renamed"));

        try (ConfigurableApplicationContext rebuilt = rebuildFromTheLog(clock)) {
            // Other tests' rejected events are in the log too.
            assertThat(rebuilt.getBean(ReadModelRebuild.class).figures().skipped()).isPositive();
            int port = Integer.parseInt(rebuilt.getEnvironment().getRequiredProperty("local.server.port"));
            // The feeds this test alone writes to; "all" and the OPML also show what other tests changed in the
            // live database behind the log's back.
            List<String> feeds = new ArrayList<>();
            for (String format : FORMATS) {
                feeds.add("/feeds/" + first + "." + format);
                feeds.add("/feeds/" + second + "." + format);
                feeds.add("/feeds/tags/" + tag + "." + format);
                feeds.add("/feeds/tags/" + everyArticle + "." + format);
                feeds.add("/feeds/topics/" + first + "+" + second + "." + format);
            }
            for (String feed : feeds) {
                HttpResponse<byte[]> fromLive = get(feed);
                HttpResponse<byte[]> fromRebuilt = get(port, feed);
                assertThat(fromRebuilt.statusCode()).as(feed).isEqualTo(fromLive.statusCode()).isEqualTo(200);
                assertThat(withoutGenerationTime(fromRebuilt.body())).as(feed)
                        .isEqualTo(withoutGenerationTime(fromLive.body()));
            }
            String rebuiltAtom = new String(get(port, "/feeds/" + first + ".atom").body(), StandardCharsets.UTF_8);
            assertThat(rebuiltAtom).contains("Corrected again 0").doesNotContain(">Corrected 0<")
                    .doesNotContain(unstorable.id().toString());
            UUID hostile = live.stream().filter(article -> article.tags().equals(hostileTags)).findFirst().orElseThrow()
                    .id();
            assertThat(rebuilt.getBean(JdbcClient.class).sql("SELECT tags FROM feed_entries WHERE id = :id")
                    .param("id", hostile)
                    .query((rs, row) -> List.of((String[]) rs.getArray("tags").getArray())).single())
                    .isEqualTo(hostileTags);
            String rebuiltCombination = new String(get(port, "/feeds/topics/" + first + "+" + second + ".atom").body(),
                    StandardCharsets.UTF_8);
            assertThat(retracted).isNotEmpty().allSatisfy(id -> assertThat(rebuiltCombination)
                    .contains("deleted-entry ref=\"urn:uuid:" + id));
        }
    }

    /**
     * Runs the service's rebuild on a fresh database, as the jar does; the context then serves what it built on
     * its own port (its live consumers off) until the test closes it.
     */
    private static ConfigurableApplicationContext rebuildFromTheLog(Clock clock) {
        SharedInfrastructure.Database database = SharedInfrastructure.newDatabase("feed_rebuilt");
        String brokers = SharedInfrastructure.kafkaBootstrapServers();
        return new SpringApplicationBuilder(FeedServiceApplication.class)
                .profiles("local", "rebuild")
                // The live context's clock, so that both read "now" alike (tombstones last 30 days from it).
                .initializers(context -> ((GenericApplicationContext) context).registerBean("sameClockAsLive",
                        Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                        "--server.port=0");
    }

    private static final Pattern FEED_UPDATED = Pattern.compile("<updated>[^<]*</updated>");

    private static final Pattern CHANNEL_DATES = Pattern.compile("<pubDate>[^<]*</pubDate>\\s*<lastBuildDate>[^<]*"
            + "</lastBuildDate>|<lastBuildDate>[^<]*</lastBuildDate>");

    /**
     * The feed without the time it was generated: a feed's own {@code updated} (Atom), channel
     * {@code pubDate}/{@code lastBuildDate} (RSS) are the time the
     * read model applied the last change, which a rebuild cannot reproduce. Entries' dates stay.
     */
    private static String withoutGenerationTime(byte[] feed) {
        String text = new String(feed, StandardCharsets.UTF_8);
        text = FEED_UPDATED.matcher(text).replaceFirst("<updated/>");
        return CHANNEL_DATES.matcher(text).replaceFirst("<channel-dates/>");
    }

    private HttpResponse<byte[]> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static final UUID NAMESPACE = UUID.randomUUID();

    private static ArticleSnapshot article(int number, List<String> topics, List<String> tags) {
        UUID id = UUID.nameUUIDFromBytes((NAMESPACE + "-" + number).getBytes(StandardCharsets.UTF_8));
        Instant publishedAt = Instant.parse("2026-11-01T08:00:00Z").plus(number, ChronoUnit.HOURS);
        return new ArticleSnapshot(id, 1, "rebuilt-" + number, "Rebuilt article " + number + " " + id,
                "Summary " + number, "<p>Body of " + number + "</p>", "https://health.example/articles/" + id,
                "Dr. Mara Lind", topics, tags, publishedAt, publishedAt, null, null,
                number % 2 == 0 ? "https://health.example/images/" + number + ".jpg" : null);
    }

    /** Retracted at {@code at}: recently enough for both read models' clocks to show its tombstone. */
    private static ArticleSnapshot retraction(ArticleSnapshot article, Instant at) {
        return new ArticleSnapshot(article.id(), article.version() + 1, article.slug(), article.title(),
                article.summary(), "", article.canonicalUrl(), article.author(), article.topics(), List.of(),
                article.publishedAt(), at, at, "Could not be supported.", null);
    }

    private static ArticleSnapshot correction(ArticleSnapshot article, long version, String title, List<String> tags,
            String note) {
        Instant at = article.updatedAt().plus(version, ChronoUnit.MINUTES);
        return new ArticleSnapshot(article.id(), version, article.slug(), title + " " + article.id(),
                article.summary(), "<p>Corrected body</p>", article.canonicalUrl(), article.author(), article.topics(),
                tags, article.publishedAt(), at, null, null, article.imageUrl(), null, note);
    }
}
