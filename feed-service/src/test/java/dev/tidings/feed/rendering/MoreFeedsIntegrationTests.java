package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tag feeds, feeds of several topics and the OPML list, read back with Rome field by field. */
class MoreFeedsIntegrationTests extends FeedServiceIntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTagHasAFeedInEveryFormatThatFollowsCorrectionsAndRetractions() {
        String topic = uniqueSlug("tagged");
        String tag = uniqueSlug("emollients");
        createTopic(topic, "Tagged");
        ArticleSnapshot first = tagged(article(UUID.randomUUID(), 1, "Creams", "<p>Creams.</p>", List.of(topic)), tag);
        ArticleSnapshot second = tagged(article(UUID.randomUUID(), 2, "Ointments", "<p>Ointments.</p>",
                List.of(topic)), tag);
        kafka.send(ArticleEventType.PUBLISHED, first);
        kafka.send(ArticleEventType.PUBLISHED, second);
        String atom = "/feeds/tags/" + tag + ".atom";
        await().atMost(PATIENCE).until(() -> get(atom).statusCode() == 200 && feed(atom).getEntries().size() == 2);

        SyndFeed feed = feed(atom);
        assertThat(feed.getTitle()).isEqualTo("Tidings: tagged " + tag);
        assertThat(feed.getUri()).isEqualTo("http://localhost:8082/feeds/tags/" + tag + ".atom");
        assertThat(feed.getLinks()).extracting(SyndLink::getRel, SyndLink::getHref)
                .contains(org.assertj.core.groups.Tuple.tuple("self",
                        "http://localhost:8082/feeds/tags/" + tag + ".atom"));
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly("urn:uuid:" + second.id(), "urn:uuid:" + first.id());
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("Ointments");
        assertThat(entry.getLink()).isEqualTo(second.canonicalUrl());
        assertThat(entry.getPublishedDate().toInstant()).isEqualTo(second.publishedAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(entry.getContents().get(0).getValue()).isEqualTo("<p>Ointments.</p>");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName).containsExactly(topic, tag);
        assertThat(feed("/feeds/tags/" + tag + ".rss").getEntries()).extracting(SyndEntry::getUri)
                .containsExactly("urn:uuid:" + second.id(), "urn:uuid:" + first.id());
        JsonNode jsonFeed = json.readTree(get("/feeds/tags/" + tag + ".json").body());
        assertThat(jsonFeed.get("feed_url").asString()).isEqualTo("http://localhost:8082/feeds/tags/" + tag + ".json");
        assertThat(jsonFeed.get("items").values()).extracting(item -> item.get("id").asString())
                .containsExactly("urn:uuid:" + second.id(), "urn:uuid:" + first.id());

        // A correction that drops the tag takes the entry out of the tag's feed; a retraction (which keeps the
        // article's tags, as content-service sends it) leaves a tombstone.
        kafka.send(ArticleEventType.UPDATED, tagged(corrected(first, 2, "Creams", "<p>Creams.</p>"), "other"));
        kafka.send(ArticleEventType.RETRACTED, tagged(retracted(second, 3), tag));
        await().atMost(PATIENCE).until(() -> feed(atom).getEntries().isEmpty());
        assertThat(new String(get(atom).body(), StandardCharsets.UTF_8))
                .contains("<at:deleted-entry ref=\"urn:uuid:" + second.id() + "\"");
        assertThat(get("/feeds/tags/" + uniqueSlug("never-used") + ".atom").statusCode()).isEqualTo(404);
    }

    @Test
    void severalTopicsInOneFeedHoldEachOfTheirArticlesOnceNewestFirst() {
        List<String> slugs = Stream.of(uniqueSlug("combo-a"), uniqueSlug("combo-b")).sorted().toList();
        String other = uniqueSlug("combo-c");
        createTopic(slugs.get(0), "Eczema");
        createTopic(slugs.get(1), "Microbiome");
        createTopic(other, "Sleep");
        ArticleSnapshot inFirst = article(UUID.randomUUID(), 1, "First only", "<p>1</p>", List.of(slugs.get(0)));
        ArticleSnapshot inBoth = article(UUID.randomUUID(), 2, "Both", "<p>2</p>", slugs);
        ArticleSnapshot inSecond = article(UUID.randomUUID(), 3, "Second only", "<p>3</p>", List.of(slugs.get(1)));
        ArticleSnapshot elsewhere = article(UUID.randomUUID(), 4, "Elsewhere", "<p>4</p>", List.of(other));
        Stream.of(inFirst, inBoth, inSecond, elsewhere).forEach(a -> kafka.send(ArticleEventType.PUBLISHED, a));
        String path = "/feeds/topics/" + slugs.get(0) + "+" + slugs.get(1);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + other + ".atom", elsewhere.id()).isPresent()
                && feed(path + ".atom").getEntries().size() == 3);

        HttpResponse<byte[]> atom = get(path + ".atom");
        SyndFeed feed = parse(atom.body());
        assertThat(feed.getTitle()).isEqualTo("Tidings: Eczema + Microbiome");
        assertThat(feed.getUri()).isEqualTo("http://localhost:8082" + path + ".atom");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).containsExactly("urn:uuid:" + inSecond.id(),
                "urn:uuid:" + inBoth.id(), "urn:uuid:" + inFirst.id());
        assertThat(feed.getEntries().get(1).getCategories()).extracting(SyndCategory::getName)
                .containsExactly(slugs.get(0), slugs.get(1), "basics");
        assertThat(feed(path + ".rss").getEntries()).hasSize(3);
        assertThat(json.readTree(get(path + ".json").body()).get("items")).hasSize(3);
        // Its date is the latest of its topics', which two topics can share: validated by ETag only.
        assertThat(atom.headers().firstValue("Last-Modified")).isEmpty();
        String etag = atom.headers().firstValue("ETag").orElseThrow();
        assertThat(get(path + ".atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(path + ".atom", "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> unsorted = get("/feeds/topics/" + slugs.get(1) + "+" + slugs.get(0) + ".atom");
        assertThat(unsorted.statusCode()).isEqualTo(301);
        assertThat(unsorted.headers().firstValue("Location")).hasValue(path + ".atom");
        assertThat(get("/feeds/topics/" + slugs.get(0) + "+" + uniqueSlug("missing") + ".atom").statusCode())
                .isEqualTo(404);
        assertThat(get("/feeds/topics/" + slugs.get(0) + ".atom").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpmlListsEveryFeedInEveryFormat() {
        String topic = uniqueSlug("outlined");
        String tag = uniqueSlug("outlined-tag");
        createTopic(topic, "Outlined");
        ArticleSnapshot article = tagged(article(UUID.randomUUID(), 1, "Tagged", "<p>t</p>", List.of(topic)), tag);
        kafka.send(ArticleEventType.PUBLISHED, article);
        await().atMost(PATIENCE).until(() -> get("/feeds/tags/" + tag + ".atom").statusCode() == 200);

        String opml = new String(get("/feeds.opml").body(), StandardCharsets.UTF_8);

        for (String feed : List.of("all", topic, "tags/" + tag)) {
            for (String extension : List.of("rss", "atom", "json")) {
                assertThat(opml).contains("xmlUrl=\"http://localhost:8082/feeds/" + feed + "." + extension + "\"");
            }
        }
        assertThat(opml).contains("text=\"Tidings: tagged " + tag + " (JSON Feed)\"");
        String directory = new String(get("/").body(), StandardCharsets.UTF_8);
        assertThat(directory).contains("<a href=\"http://localhost:8082/feeds/tags/" + tag + ".atom\">Atom</a>")
                .contains("/feeds/topics/");
    }

    @Test
    void aTagWithASpaceIsPercentEncodedInEveryLinkToItsFeed() throws Exception {
        String topic = uniqueSlug("spaced");
        String tag = uniqueSlug("gut") + " bacteria";
        String encoded = tag.replace(" ", "%20");
        createTopic(topic, "Spaced");
        kafka.send(ArticleEventType.PUBLISHED, tagged(article(UUID.randomUUID(), 1, "Spaced", "<p>s</p>",
                List.of(topic)), tag));
        await().atMost(PATIENCE).until(() -> get("/feeds/tags/" + encoded + ".atom").statusCode() == 200);

        assertThat(new String(get("/feeds.opml").body(), StandardCharsets.UTF_8))
                .contains("xmlUrl=\"http://localhost:8082/feeds/tags/" + encoded + ".atom\"")
                .doesNotContain("/feeds/tags/" + tag + ".");
        assertThat(feed("/feeds/tags/" + encoded + ".atom").getUri())
                .isEqualTo("http://localhost:8082/feeds/tags/" + encoded + ".atom");
        assertThat(new String(get("/").body(), StandardCharsets.UTF_8))
                .contains("href=\"http://localhost:8082/feeds/tags/" + encoded + ".atom\"");
    }

    private static ArticleSnapshot tagged(ArticleSnapshot article, String tag) {
        return new ArticleSnapshot(article.id(), article.version(), article.slug(), article.title(), article.summary(),
                article.bodyHtml(), article.canonicalUrl(), article.author(), article.topics(), List.of(tag),
                article.publishedAt(), article.updatedAt(), article.retractedAt(), article.retractionReason(),
                article.imageUrl());
    }
}
