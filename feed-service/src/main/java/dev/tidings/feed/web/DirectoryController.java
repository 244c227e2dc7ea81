package dev.tidings.feed.web;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.Topic;
import dev.tidings.feed.readmodel.Topics;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTML page at {@code /}: every feed with its RSS and Atom links, and autodiscovery
 * {@code <link rel="alternate">} elements so browsers and readers find the feeds from the page.
 * Everything that came from events is HTML-escaped.
 */
@RestController
class DirectoryController {

    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Topics topics;

    private final FeedCatalog catalog;

    private final FeedProperties properties;

    DirectoryController(Topics topics, FeedCatalog catalog, FeedProperties properties) {
        this.topics = topics;
        this.catalog = catalog;
        this.properties = properties;
    }

    @GetMapping("/")
    ResponseEntity<String> directory() {
        List<Topic> known = topics.all().stream().filter(topic -> !FeedCatalog.ALL.equals(topic.slug())).toList();
        String allTitle = properties.title() + ": all topics";
        StringBuilder head = new StringBuilder(autodiscovery(allTitle, new FeedName.All()));
        StringBuilder list = new StringBuilder(listItem("All topics", "", new FeedName.All()));
        for (Topic topic : known) {
            FeedName name = new FeedName.Topic(topic.slug());
            head.append(autodiscovery(properties.title() + ": " + topic.title(), name));
            list.append(listItem(topic.title(), topic.description(), name));
        }
        StringBuilder tags = new StringBuilder();
        for (String tag : catalog.tags()) {
            tags.append(listItem("#" + tag, "", new FeedName.Tag(tag)));
        }
        String combination = known.size() < 2 ? "/feeds/topics/eczema+microbiome.atom"
                : "/feeds/topics/" + known.get(0).slug() + "+" + known.get(1).slug() + ".atom";
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%1$s feeds</title>
                %2$s</head>
                <body>
                <h1>%1$s feeds</h1>
                <ul>
                %3$s</ul>
                <h2>Tags</h2>
                <ul>
                %5$s</ul>
                <p>Several topics in one feed: name them in alphabetical order, joined by <code>+</code>, as
                <a href="%6$s">%6$s</a> (also <code>.rss</code> and <code>.json</code>).</p>
                <p><a href="%4$s">All feeds as OPML</a></p>
                </body>
                </html>
                """.formatted(htmlEscape(properties.title()), head, list,
                htmlEscape(properties.publicUrl() + "/feeds.opml"), tags,
                htmlEscape(properties.publicUrl() + combination));
        return ResponseEntity.ok().contentType(HTML_UTF8).body(page);
    }

    private String autodiscovery(String title, FeedName name) {
        StringBuilder links = new StringBuilder();
        for (FeedFormat format : FeedFormat.values()) {
            links.append("<link rel=\"alternate\" type=\"%s\" title=\"%s\" href=\"%s\">\n".formatted(
                    format.type(), htmlEscape(title + " (" + format.label() + ")"), htmlEscape(url(name, format))));
        }
        return links.toString();
    }

    private String listItem(String title, String description, FeedName name) {
        StringBuilder item = new StringBuilder("<li><strong>%s</strong> %s".formatted(htmlEscape(title),
                htmlEscape(description)));
        for (FeedFormat format : FeedFormat.values()) {
            item.append(" <a href=\"%s\">%s</a>".formatted(htmlEscape(url(name, format)), format.label()));
        }
        return item.append("</li>\n").toString();
    }

    private String url(FeedName name, FeedFormat format) {
        return catalog.urlOf(name) + "." + format.extension();
    }
}
