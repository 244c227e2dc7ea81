package dev.tidings.feed.web;

import dev.tidings.feed.rendering.Feed;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedRenderer;
import dev.tidings.feed.rendering.Rendition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /feeds/{name}.rss}, {@code .atom} and {@code .json}, {@code name} being a topic slug
 * or {@code all}, through {@link FeedResponder} (conditional GET, stored gzip).
 */
@RestController
class FeedController {

    private final FeedCatalog catalog;

    private final FeedRenderer renderer;

    private final FeedResponder responder;

    FeedController(FeedCatalog catalog, FeedRenderer renderer, FeedResponder responder) {
        this.catalog = catalog;
        this.renderer = renderer;
        this.responder = responder;
    }

    @GetMapping("/feeds/{file}")
    void feed(@PathVariable String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int dot = file.lastIndexOf('.');
        if (dot < 1) {
            throw new UnknownFeedException("No feed at /feeds/" + file + ": use /feeds/{topic}.rss, .atom or .json");
        }
        FeedFormat format = FeedFormat.fromExtension(file.substring(dot + 1))
                .orElseThrow(() -> new UnknownFeedException(
                        "Unknown feed format '" + file.substring(dot + 1) + "': use .rss, .atom or .json"));
        String name = file.substring(0, dot);
        Feed feed = catalog.find(name)
                .orElseThrow(() -> new UnknownFeedException("Unknown topic '" + name + "'"));
        responder.respond(Rendition.of(format, renderer.render(feed, format), feed.updated()), request, response);
    }
}
