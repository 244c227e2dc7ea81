package dev.tidings.feed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FeedIntegrationTests extends FeedServiceIntegrationTest {

    @Autowired
    private JsonMapper jsonMapper;

    @Test
    void aPublishedArticleAppearsInItsTopicFeedsAndTheAllTopicsFeeds() {
        String topic = uniqueSlug("microbiome");
        createTopic(topic, "Microbiome");
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "What is the gut-skin axis?",
                "<p>The gut &amp; the <strong>skin</strong>.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, article);

        await().atMost(PATIENCE).until(() -> entryOf("/feeds/all.rss", article.id()).isPresent());
        HttpResponse<byte[]> rss = get("/feeds/" + topic + ".rss");
        assertThat(rss.headers().firstValue("Content-Type")).hasValue("application/rss+xml;charset=UTF-8");
        SyndFeed rssFeed = parse(rss.body());
        assertThat(rssFeed.getTitle()).isEqualTo("Tidings: Microbiome");
        assertThat(new String(rss.body(), StandardCharsets.UTF_8))
                .contains("href=\"http://localhost:8082/feeds/" + topic + ".rss\" rel=\"self\"")
                .contains("<guid isPermaLink=\"false\">urn:uuid:" + article.id() + "</guid>")
                .doesNotContain("dc:date");
        assertThatEntryIsTheArticle(rssFeed.getEntries(), article, topic);

        HttpResponse<byte[]> atom = get("/feeds/" + topic + ".atom");
        assertThat(atom.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=UTF-8");
        SyndFeed atomFeed = parse(atom.body());
        assertThat(atomFeed.getUri()).isEqualTo("http://localhost:8082/feeds/" + topic + ".atom");
        assertThat(atomFeed.getLinks()).extracting(SyndLink::getRel, SyndLink::getHref)
                .contains(org.assertj.core.groups.Tuple.tuple("self",
                        "http://localhost:8082/feeds/" + topic + ".atom"));
        assertThatEntryIsTheArticle(atomFeed.getEntries(), article, topic);
        assertThat(atomFeed.getEntries().get(0).getUpdatedDate()).isNotNull();

        assertThat(entryOf("/feeds/all.atom", article.id())).isPresent();
        assertThat(feed("/feeds/all.rss").getTitle()).isEqualTo("Tidings: all topics");

        HttpResponse<byte[]> json = get("/feeds/" + topic + ".json");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/feed+json;charset=UTF-8");
        assertThat(json.headers().firstValue("ETag")).isPresent();
        JsonNode jsonFeed = jsonMapper.readTree(json.body());
        assertThat(jsonFeed.get("items")).hasSize(1);
        assertThat(jsonFeed.get("items").get(0).get("id").asString()).isEqualTo("urn:uuid:" + article.id());
        assertThat(jsonFeed.get("items").get(0).get("content_html").asString()).isEqualTo(article.bodyHtml());
    }

    @Test
    void theOpmlListsEveryFeed() {
        String topic = uniqueSlug("opml");
        createTopic(topic, "Outlines & <more>");

        HttpResponse<byte[]> response = get("/feeds.opml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/x-opml;charset=UTF-8");
        String opml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(opml).contains("<opml version=\"2.0\">")
                .contains("xmlUrl=\"http://localhost:8082/feeds/all.rss\"")
                .contains("text=\"Tidings: Outlines &amp; &lt;more&gt; (RSS)\"")
                .contains("xmlUrl=\"http://localhost:8082/feeds/" + topic + ".rss\"");
    }

    private static void assertThatEntryIsTheArticle(List<SyndEntry> entries, ArticleSnapshot article, String topic) {
        assertThat(entries).hasSize(1);
        SyndEntry entry = entries.get(0);
        assertThat(entry.getUri()).isEqualTo("urn:uuid:" + article.id());
        assertThat(entry.getTitle()).isEqualTo(article.title());
        assertThat(entry.getLink()).isEqualTo(article.canonicalUrl());
        assertThat(entry.getPublishedDate().toInstant().getEpochSecond())
                .isEqualTo(article.publishedAt().getEpochSecond());
        assertThat(entry.getContents().get(0).getValue()).isEqualTo(article.bodyHtml());
        assertThat(entry.getDescription().getValue()).isEqualTo(article.summary());
        assertThat(entry.getAuthor()).isEqualTo("Dr. Ada Lovelace");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName).containsExactly(topic, "basics");
    }

    @Test
    void conditionalGetAnswers304UntilACorrectionOrRetractionChangesTheFeed() {
        String topic = uniqueSlug("conditional");
        createTopic(topic, "Conditional");
        // Out of the topic's second: a change in that second is stamped with the next one, which then is still
        // ahead of the clock and withheld (see ConditionalGetIntegrationTests).
        clock.advance(Duration.ofSeconds(2));
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "Fibre", "<p>Eat fibre.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, article);
        String path = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(path, article.id()).isPresent());

        HttpResponse<byte[]> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        assertThat(httpDate(lastModified)).isBeforeOrEqualTo(clock.instant());
        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(get("/feeds/" + topic + ".rss", "If-None-Match", etag).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        kafka.send(ArticleEventType.UPDATED, corrected(article, 2, "Fibre, corrected", "<p>Eat more fibre.</p>"));
        await().atMost(PATIENCE).until(() -> get(path, "If-None-Match", etag).statusCode() == 200);
        HttpResponse<byte[]> afterCorrection = get(path, "If-Modified-Since", lastModified);
        assertThat(afterCorrection.statusCode()).isEqualTo(200);
        String correctedEtag = afterCorrection.headers().firstValue("ETag").orElseThrow();
        String correctedLastModified = afterCorrection.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(correctedEtag).isNotEqualTo(etag);
        assertThat(httpDate(correctedLastModified)).isAfter(httpDate(lastModified))
                .isBeforeOrEqualTo(clock.instant());
        assertThat(get(path, "If-None-Match", correctedEtag).statusCode()).isEqualTo(304);

        clock.advance(Duration.ofMinutes(2));
        kafka.send(ArticleEventType.RETRACTED, retracted(article, 3));
        await().atMost(PATIENCE).until(() -> get(path, "If-None-Match", correctedEtag).statusCode() == 200);
        HttpResponse<byte[]> afterRetraction = get(path, "If-Modified-Since", correctedLastModified);
        assertThat(afterRetraction.statusCode()).isEqualTo(200);
        assertThat(parse(afterRetraction.body()).getEntries()).isEmpty();
        assertThat(httpDate(afterRetraction.headers().firstValue("Last-Modified").orElseThrow()))
                .isAfter(httpDate(correctedLastModified));
    }

    @Test
    void xmlIllegalCharactersFromEventsNeverBreakTheFeed() {
        String topic = uniqueSlug("hostile");
        createTopic(topic, "Hostile");
        ArticleSnapshot hostile = article(UUID.randomUUID(), 1, "Null\u0000 bell\u0007 \uFFFE ]]> <script>x</script>",
                "<p>\u0001body ]]> \uDC00 <script>alert(1)</script></p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, hostile);

        for (String format : List.of("rss", "atom")) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                SyndEntry entry = entryOf("/feeds/" + topic + "." + format, hostile.id()).orElseThrow();
                assertThat(entry.getTitle()).isEqualTo("Null bell  ]]> <script>x</script>");
                assertThat(entry.getContents().get(0).getValue()).startsWith("<p>body ]]> ")
                        .endsWith(" <script>alert(1)</script></p>");
            });
        }
        assertThat(entryOf("/feeds/all.atom", hostile.id())).isPresent();
    }

    @Test
    void unknownTopicsFormatsAndPathsAreProblems() {
        for (String path : List.of("/feeds/no-such-topic.rss", "/feeds/all.pdf", "/feeds/all", "/feeds/x/y.rss")) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).contains("\"status\":404");
        }
        assertThat(new String(get("/feeds/no-such-topic.atom").body(), StandardCharsets.UTF_8))
                .contains("no-such-topic");
        // Closed unless a rule opens it: outside the feeds and the directory, nothing is public.
        assertThat(get("/nowhere").statusCode()).isEqualTo(401);
    }

    @Test
    void otherMethodsAreProblemsAndTheExtensionDecidesTheFormat() {
        // Only reading is open; a write to a feed is refused before any handler.
        HttpResponse<byte[]> post = exchange("POST", "/feeds/all.rss");
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // The extension chooses the format; feed readers send all sorts of Accept headers and still get the feed.
        HttpResponse<byte[]> odd = get("/feeds/all.atom", "Accept", "application/json");
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=UTF-8");

        HttpResponse<byte[]> head = exchange("HEAD", "/feeds/all.atom");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void readinessIncludesTheDatabaseAndTheBinder() {
        HttpResponse<byte[]> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(new String(readiness.body(), StandardCharsets.UTF_8)).contains("\"status\":\"UP\"");
    }

    @Test
    void feedsAreGzippedForClientsThatAcceptIt() throws IOException {
        String topic = uniqueSlug("gzip");
        createTopic(topic, "Gzip");
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "Compression", "<p>" + "Long text. ".repeat(400)
                + "</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, article);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", article.id()).isPresent());

        HttpResponse<byte[]> response = get("/feeds/" + topic + ".rss", "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] xml = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
        assertThat(parse(xml).getEntries()).hasSize(1);
    }

    @Test
    void theDirectoryListsEveryTopicWithAutodiscoveryLinks() {
        String topic = uniqueSlug("directory");
        createTopic(topic, "Skin & <b>Gut</b>");

        HttpResponse<byte[]> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        String html = new String(response.body(), StandardCharsets.UTF_8);
        String head = html.substring(0, html.indexOf("</head>"));
        assertThat(head)
                .contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Tidings: Skin &amp; "
                        + "&lt;b&gt;Gut&lt;/b&gt; (RSS)\" href=\"http://localhost:8082/feeds/" + topic + ".rss\">")
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Tidings: Skin &amp; "
                        + "&lt;b&gt;Gut&lt;/b&gt; (Atom)\" href=\"http://localhost:8082/feeds/" + topic + ".atom\">")
                .contains("href=\"http://localhost:8082/feeds/all.rss\"");
        assertThat(html).contains("<a href=\"http://localhost:8082/feeds/" + topic + ".atom\">Atom</a>")
                .contains("<a href=\"http://localhost:8082/feeds/" + topic + ".json\">JSON Feed</a>")
                .doesNotContain("<b>Gut</b>");
    }

    @Test
    void aTopicRenameChangesTheFeedTitle() {
        String topic = uniqueSlug("rename");
        createTopic(topic, "Old name");

        kafka.send(new TopicSnapshot(topic, 2, "New name", "Renamed"));

        await().atMost(PATIENCE).until(() -> feed("/feeds/" + topic + ".rss").getTitle().equals("Tidings: New name"));
    }

    private static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
