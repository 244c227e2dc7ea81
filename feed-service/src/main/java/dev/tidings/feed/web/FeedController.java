package dev.tidings.feed.web;

import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedRenditions;
import dev.tidings.feed.rendering.Rendition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /feeds/{name}.rss}, {@code .atom} and {@code .json}, {@code name} being a topic slug
 * or {@code all}, through {@link FeedResponder} (conditional GET, stored gzip), when
 * {@link HeldFeedFilter} could not: renders a feed whose newest change this instance has not
 * rendered yet, and answers 404 for names that are no feed.
 */
@RestController
class FeedController {

    private final FeedRenditions renditions;

    private final FeedResponder responder;

    FeedController(FeedRenditions renditions, FeedResponder responder) {
        this.renditions = renditions;
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
        Rendition rendition = renditions.current(name, format)
                .orElseThrow(() -> new UnknownFeedException("Unknown topic '" + name + "'"));
        responder.respond(rendition, request, response);
    }
}
