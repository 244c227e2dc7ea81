package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.tidings.feed.readmodel.FeedEntry;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FeedRendererTests {

    private static final Instant PUBLISHED = Instant.parse("2026-11-20T08:30:00Z");

    private static final Instant CORRECTED = Instant.parse("2026-11-21T09:15:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    private final FeedRenderer renderer = new FeedRenderer(json, "https://feeds.example/hub");

    @Test
    void rssHasTheEntryWithGuidContentCreatorAndCategoriesButNoDublinCoreDate() throws Exception {
        FeedEntry entry = entry("Dr. Ada Lovelace");
        String xml = render(feed(entry), FeedFormat.RSS);

        assertThat(xml).doesNotContain("dc:date").contains("<dc:creator>Dr. Ada Lovelace</dc:creator>");
        assertThat(xml).contains("<atom:link href=\"https://feeds.example/feeds/gut.rss\" rel=\"self\" "
                + "type=\"application/rss+xml\"");
        assertThat(xml).contains("<guid isPermaLink=\"false\">urn:uuid:" + entry.id() + "</guid>");
        assertThat(xml).contains("<language>en</language>").contains("<lastBuildDate>");
        SyndFeed parsed = parse(xml);
        assertThat(parsed.getTitle()).isEqualTo("Tidings: Gut");
        SyndEntry item = parsed.getEntries().get(0);
        assertThat(item.getTitle()).isEqualTo("What is the gut-skin axis?");
        assertThat(item.getLink()).isEqualTo("https://health.example/articles/gut-skin");
        assertThat(item.getPublishedDate().toInstant()).isEqualTo(PUBLISHED);
        assertThat(item.getContents().get(0).getValue()).isEqualTo("<p>The gut &amp; the <em>skin</em>.</p>");
        assertThat(item.getAuthor()).isEqualTo("Dr. Ada Lovelace");
        assertThat(item.getCategories()).extracting(category -> category.getName())
                .containsExactly("gut", "microbiome", "basics");
    }

    @Test
    void atomHasStableIdsLinksDatesAndHtmlContent() throws Exception {
        FeedEntry entry = entry("Dr. Ada Lovelace");
        String xml = render(feed(entry), FeedFormat.ATOM);

        assertThat(xml).contains("<id>https://feeds.example/feeds/gut.atom</id>")
                .contains("rel=\"self\"").contains("href=\"https://feeds.example/feeds/gut.atom\"")
                .contains("<content type=\"html\">");
        SyndFeed parsed = parse(xml);
        SyndEntry atomEntry = parsed.getEntries().get(0);
        assertThat(atomEntry.getUri()).isEqualTo("urn:uuid:" + entry.id());
        assertThat(atomEntry.getLink()).isEqualTo("https://health.example/articles/gut-skin");
        assertThat(atomEntry.getPublishedDate().toInstant()).isEqualTo(PUBLISHED);
        assertThat(atomEntry.getUpdatedDate().toInstant()).isEqualTo(CORRECTED);
        assertThat(atomEntry.getAuthor()).isEqualTo("Dr. Ada Lovelace");
        assertThat(atomEntry.getContents().get(0).getValue()).isEqualTo("<p>The gut &amp; the <em>skin</em>.</p>");
        assertThat(atomEntry.getDescription().getValue()).isEqualTo("How the gut and the skin talk.");
    }

    @Test
    void anEntryWithoutAuthorGetsNoEmptyAuthorElement() throws Exception {
        String atom = render(feed(entry(" ")), FeedFormat.ATOM);
        String rss = render(feed(entry("")), FeedFormat.RSS);

        assertThat(atom).doesNotContainPattern("<name\\s*/>").doesNotContain("<name></name>")
                .contains("<name>Tidings</name>");
        // Only the feed's publisher, never an empty person.
        assertThat(atom.split("<author>", -1)).hasSize(2);
        assertThat(rss).doesNotContain("dc:creator").doesNotContain("<author");
    }

    @Test
    void xmlIllegalCharactersAreStrippedAndTheFeedStaysWellFormed() throws Exception {
        FeedEntry hostile = new FeedEntry(UUID.randomUUID(), 1, "Bad\u0000 \u0001title\uFFFE \uD800end ]]> <script>",
                "sum\u000Bmary", "<p>body\u0000 ]]> <script>alert(1)</script> \uDC00 \uD83D\uDE00</p>",
                "https://health.example/a?x=1&y=2", "Eve\u0007", List.of("gut"), List.of("t\u0000ag"), null,
                PUBLISHED, PUBLISHED, null);
        for (FeedFormat format : List.of(FeedFormat.RSS, FeedFormat.ATOM)) {
            String xml = render(feed(hostile), format);
            assertThat(wellFormed(xml)).isTrue();
            SyndEntry entry = parse(xml).getEntries().get(0);
            assertThat(entry.getTitle()).isEqualTo("Bad title end ]]> <script>");
            assertThat(entry.getContents().get(0).getValue())
                    .isEqualTo("<p>body ]]> <script>alert(1)</script>  \uD83D\uDE00</p>");
            assertThat(entry.getAuthor()).isEqualTo("Eve");
            assertThat(entry.getLink()).isEqualTo("https://health.example/a?x=1&y=2");
        }
    }

    @Test
    void jsonFeedHasTheEntryWithStrippedText() {
        FeedEntry entry = new FeedEntry(UUID.randomUUID(), 1, "Title\u0000 \uD800x", "Summary", "<p>body</p>",
                "https://health.example/a", "", List.of("gut"), List.of("basics"), "https://health.example/i.png",
                PUBLISHED, CORRECTED, null);

        JsonNode feed = json.readTree(renderer.render(feed(entry), FeedFormat.JSON));

        assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("feed_url").asString()).isEqualTo("https://feeds.example/feeds/gut.json");
        assertThat(feed.get("title").asString()).isEqualTo("Tidings: Gut");
        JsonNode item = feed.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo("urn:uuid:" + entry.id());
        assertThat(item.get("url").asString()).isEqualTo("https://health.example/a");
        assertThat(item.get("title").asString()).isEqualTo("Title x");
        assertThat(item.get("content_html").asString()).isEqualTo("<p>body</p>");
        assertThat(item.get("image").asString()).isEqualTo("https://health.example/i.png");
        assertThat(Instant.parse(item.get("date_published").asString())).isEqualTo(PUBLISHED);
        assertThat(Instant.parse(item.get("date_modified").asString())).isEqualTo(CORRECTED);
        assertThat(item.has("authors")).isFalse();
        assertThat(item.get("tags").values()).extracting(JsonNode::asString).containsExactly("gut", "basics");
    }

    @Test
    void anEmptyFeedStillHasItsSelfLinkAndDates() throws Exception {
        Feed empty = new Feed("Tidings", "Tidings: all topics", "Everything", "https://feeds.example/feeds/all",
                "https://feeds.example/", Instant.EPOCH, List.of(), List.of(), History.NONE);
        String rss = render(empty, FeedFormat.RSS);
        String atom = render(empty, FeedFormat.ATOM);

        assertThat(rss).contains("href=\"https://feeds.example/feeds/all.rss\" rel=\"self\"");
        assertThat(parse(rss).getEntries()).isEmpty();
        assertThat(parse(atom).getUri()).isEqualTo("https://feeds.example/feeds/all.atom");
    }

    @Test
    void everyFormatAndItsLinkHeaderNameTheWebSubHubAndTheFeedItself() throws Exception {
        Feed feed = feed(entry("Ada"));

        SyndFeed atom = parse(render(feed, FeedFormat.ATOM));
        assertThat(atom.getLinks()).extracting(link -> link.getRel() + " " + link.getHref())
                .contains("self https://feeds.example/feeds/gut.atom", "hub https://feeds.example/hub");
        String rss = render(feed, FeedFormat.RSS);
        assertThat(rss).contains("<atom:link href=\"https://feeds.example/hub\" rel=\"hub\" />");
        assertThat(rss.indexOf("rel=\"hub\"")).isLessThan(rss.indexOf("<item>"));
        JsonNode hubs = json.readTree(renderer.render(feed, FeedFormat.JSON)).get("hubs");
        assertThat(hubs.values()).extracting(hub -> hub.get("type").asString() + " " + hub.get("url").asString())
                .containsExactly("WebSub https://feeds.example/hub");
        assertThat(renderer.linkHeader(feed, FeedFormat.RSS))
                .isEqualTo("<https://feeds.example/hub>; rel=\"hub\", <https://feeds.example/feeds/gut.rss>; rel=\"self\"");
    }

    @Test
    void theSameFeedRendersToTheSameBytes() {
        Feed feed = feed(entry("Ada"));
        for (FeedFormat format : FeedFormat.values()) {
            assertThat(renderer.render(feed, format)).isEqualTo(renderer.render(feed, format));
        }
    }

    private static Feed feed(FeedEntry entry) {
        return new Feed("Tidings", "Tidings: Gut", "All about the gut", "https://feeds.example/feeds/gut",
                "https://feeds.example/", CORRECTED, List.of(entry), List.of(), History.NONE);
    }

    private static FeedEntry entry(String author) {
        return new FeedEntry(UUID.randomUUID(), 2, "What is the gut-skin axis?", "How the gut and the skin talk.",
                "<p>The gut &amp; the <em>skin</em>.</p>", "https://health.example/articles/gut-skin", author,
                List.of("gut", "microbiome"), List.of("basics", "gut"), null, PUBLISHED, CORRECTED, null);
    }

    private String render(Feed feed, FeedFormat format) {
        return new String(renderer.render(feed, format), StandardCharsets.UTF_8);
    }

    private static SyndFeed parse(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    private static boolean wellFormed(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new InputSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        return document.getDocumentElement() != null;
    }
}
