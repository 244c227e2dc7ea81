package dev.tidings.feed.web;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.Topics;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import dev.tidings.feed.rendering.OpmlRenderer;
import dev.tidings.feed.rendering.OpmlRenderer.Outline;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /feeds.opml}: every feed (all topics first, then each topic, then each tag) in every
 * format as an OPML 2.0 list.
 */
@RestController
class OpmlController {

    private static final MediaType OPML = new MediaType("text", "x-opml", StandardCharsets.UTF_8);

    private final Topics topics;

    private final FeedCatalog catalog;

    private final OpmlRenderer renderer;

    private final FeedProperties properties;

    OpmlController(Topics topics, FeedCatalog catalog, OpmlRenderer renderer, FeedProperties properties) {
        this.topics = topics;
        this.catalog = catalog;
        this.renderer = renderer;
        this.properties = properties;
    }

    @GetMapping("/feeds.opml")
    ResponseEntity<byte[]> opml() {
        String home = properties.publicUrl() + "/";
        List<Outline> outlines = new ArrayList<>();
        add(outlines, properties.title() + ": all topics", new FeedName.All(), home);
        topics.all().stream()
                .filter(topic -> !FeedCatalog.ALL.equals(topic.slug()))
                .forEach(topic -> add(outlines, properties.title() + ": " + topic.title(),
                        new FeedName.Topic(topic.slug()), home));
        catalog.tags().forEach(tag -> add(outlines, properties.title() + ": tagged " + tag, new FeedName.Tag(tag),
                home));
        Instant updated = catalog.lastChangeOf(new FeedName.All()).changedAt();
        return ResponseEntity.ok()
                .contentType(OPML)
                .cacheControl(CacheControl.maxAge(properties.cacheMaxAge()).cachePublic())
                .body(renderer.render(properties.title() + " feeds", updated, outlines));
    }

    /** One outline per format, so a reader that knows only one of them finds it. */
    private void add(List<Outline> outlines, String title, FeedName name, String home) {
        for (FeedFormat format : FeedFormat.values()) {
            outlines.add(new Outline(title + " (" + format.label() + ")",
                    catalog.urlOf(name) + "." + format.extension(), home));
        }
    }
}
