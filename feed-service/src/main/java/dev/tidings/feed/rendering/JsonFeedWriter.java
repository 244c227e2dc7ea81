package dev.tidings.feed.rendering;

import static dev.tidings.feed.rendering.FeedText.clean;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tidings.feed.readmodel.FeedEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes JSON Feed 1.1. Text is stripped like the XML formats (lone surrogates cannot be encoded in
 * UTF-8 either), so a reader sees the same entry in every format.
 */
final class JsonFeedWriter {

    private static final String VERSION = "https://jsonfeed.org/version/1.1";

    // JSON Feed 1.1 names the protocol of each hub; "WebSub" is the one it documents.
    private static final String WEBSUB = "WebSub";

    private final JsonMapper json;

    JsonFeedWriter(JsonMapper json) {
        this.json = json;
    }

    byte[] write(Feed feed, String hubUrl) {
        List<Item> items = feed.entries().stream().map(JsonFeedWriter::item).toList();
        return json.writeValueAsBytes(new JsonFeed(VERSION, clean(feed.title()), clean(feed.homeUrl()),
                clean(feed.urlOf(FeedFormat.JSON)), clean(feed.description()), "en",
                List.of(new Author(clean(feed.publisher()))), List.of(new Hub(WEBSUB, clean(hubUrl))), items));
    }

    private static Item item(FeedEntry entry) {
        return new Item(FeedText.entryId(entry), clean(entry.canonicalUrl()), clean(entry.title()),
                FeedText.contentHtml(entry), clean(entry.summary()), clean(entry.imageUrl()),
                // Seconds, like the XML formats, so every format shows the same times.
                entry.publishedAt().truncatedTo(ChronoUnit.SECONDS), entry.updatedAt().truncatedTo(ChronoUnit.SECONDS),
                FeedText.hasText(entry.author()) ? List.of(new Author(clean(entry.author()))) : null,
                FeedText.categoriesOf(entry).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
            @JsonProperty("feed_url") String feedUrl, String description, String language, List<Author> authors,
            List<Hub> hubs, List<Item> items) {
    }

    record Hub(String type, String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String id, String url, String title, @JsonProperty("content_html") String contentHtml,
            String summary, String image, @JsonProperty("date_published") Instant datePublished,
            @JsonProperty("date_modified") Instant dateModified, List<Author> authors, List<String> tags) {
    }

    record Author(String name) {
    }
}
