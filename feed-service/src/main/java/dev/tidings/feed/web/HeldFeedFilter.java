package dev.tidings.feed.web;

import dev.tidings.feed.rendering.FeedRenditions;
import dev.tidings.feed.rendering.Rendition;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The hot path of the feeds: a GET or HEAD of {@code /feeds/<name>.<format>} of a feed this
 * instance holds is answered here, ahead of Spring MVC's dispatch and every other filter, as a copy
 * of stored bytes (or a 304); the first request after a change waits for its render here too, the
 * moment readers poll for. Anything else goes on to {@link FeedController}: feeds not held yet,
 * unknown feeds, other methods, a render that failed here (the controller answers for it, see
 * {@link #RENDER_FAILURE}). Feeds are public, so skipping the filters behind this one (metrics,
 * security) skips nothing a feed needs; the requests answered here are counted in
 * {@code tidings.feed.served{from=memory}}.
 */
final class HeldFeedFilter implements Filter {

    static final String PREFIX = "/feeds/";

    /** The request attribute holding a render of a held feed that failed here, for the controller to answer. */
    static final String RENDER_FAILURE = HeldFeedFilter.class.getName() + ".renderFailure";

    private final FeedRenditions renditions;

    private final FeedResponder responder;

    private final Counter served;

    HeldFeedFilter(FeedRenditions renditions, FeedResponder responder, Counter served) {
        this.renditions = renditions;
        this.responder = responder;
        this.served = served;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Rendition rendition = held(http);
        if (rendition == null) {
            chain.doFilter(request, response);
            return;
        }
        // Counted before answering: a client that reads the counter right after its answer sees its request.
        served.increment();
        responder.respond(rendition, http, (HttpServletResponse) response);
    }

    private Rendition held(HttpServletRequest request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        // The servlet path is decoded and normalized by the container, as Spring MVC would route it; only held
        // feeds are in the map, so any other path simply misses.
        String path = request.getServletPath();
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        try {
            return renditions.held(path.substring(PREFIX.length()));
        }
        catch (RuntimeException ex) {
            // Answered by the controller as a problem, without a second try that would wait on the database again.
            request.setAttribute(RENDER_FAILURE, ex);
            return null;
        }
    }
}
