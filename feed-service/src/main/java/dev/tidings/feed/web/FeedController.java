package dev.tidings.feed.web;

import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import dev.tidings.feed.rendering.FeedRenditions;
import dev.tidings.feed.rendering.Rendition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /feeds/<name>.rss}, {@code .atom} and {@code .json} ({@link FeedName}: {@code all},
 * a topic, {@code tags/<tag>}, {@code topics/<a>+<b>}, and {@code <feed>/archive/<yyyy-MM>} in
 * Atom) through {@link FeedResponder} (conditional
 * GET, stored gzip), when {@link HeldFeedFilter} could not: renders a feed whose newest change this
 * instance has not rendered yet, redirects a combination of topics to its canonical (sorted) URL,
 * and answers 404 for names that are no feed.
 */
@RestController
class FeedController {

    private final FeedRenditions renditions;

    private final FeedResponder responder;

    FeedController(FeedRenditions renditions, FeedResponder responder) {
        this.renditions = renditions;
        this.responder = responder;
    }

    @GetMapping({ "/feeds/{file}", "/feeds/tags/{file}", "/feeds/topics/{file}", "/feeds/{name}/archive/{file}",
            "/feeds/tags/{tag}/archive/{file}" })
    void feed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(HeldFeedFilter.RENDER_FAILURE) instanceof RuntimeException failure) {
            throw failure;
        }
        String path = request.getServletPath().substring(HeldFeedFilter.PREFIX.length());
        int dot = path.lastIndexOf('.');
        if (dot < 1 || dot < path.lastIndexOf('/')) {
            throw new UnknownFeedException("No feed at /feeds/" + path + ": use /feeds/{topic}.rss, .atom or .json");
        }
        String extension = path.substring(dot + 1);
        FeedFormat format = FeedFormat.fromExtension(extension)
                .orElseThrow(() -> new UnknownFeedException(
                        "Unknown feed format '" + extension + "': use .rss, .atom or .json"));
        String requested = path.substring(0, dot);
        FeedName name = FeedName.parse(requested)
                .orElseThrow(() -> new UnknownFeedException("No feed at /feeds/" + path + ": a combination names "
                        + "2 to " + FeedName.MOST_TOPICS + " topics, as /feeds/topics/eczema+microbiome.atom"));
        if (name instanceof FeedName.Archive && format != FeedFormat.ATOM) {
            throw new UnknownFeedException("Archive pages (RFC 5005) are Atom only: /feeds/" + requested + ".atom");
        }
        if (!name.path().equals(requested)) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + HeldFeedFilter.PREFIX + name.urlPath() + "."
                    + extension);
            return;
        }
        Rendition rendition = renditions.current(name, format)
                .orElseThrow(() -> new UnknownFeedException("Unknown topic or tag in '" + requested + "'"));
        responder.respond(rendition, request, response);
    }
}
