package dev.tidings.feed.web;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.rendering.Rendition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link Rendition} as the answer to a GET or HEAD: 304 or 412 when the conditional
 * headers say so (see {@link Preconditions}), otherwise the stored gzip or identity bytes as they
 * are. {@code Last-Modified} is the change stamp, left out while the stamp is ahead of the clock
 * (after a burst of changes in one second): a server must never send a future date, and sending
 * the current second instead would give two contents the same date.
 */
@Component
public class FeedResponder {

    private final String cacheControl;

    private final String privateCacheControl;

    private final Clock clock;

    FeedResponder(FeedProperties properties, Clock clock) {
        this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic().getHeaderValue();
        this.privateCacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePrivate().getHeaderValue();
        this.clock = clock;
    }

    void respond(Rendition rendition, HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(rendition, cacheControl, request, response);
    }

    /** As for a public feed, but for one reader only ({@code Cache-Control: private}): shared caches must not keep it. */
    public void respondPrivately(Rendition rendition, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        respond(rendition, privateCacheControl, request, response);
    }

    private void respond(Rendition rendition, String cacheControl, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        response.setHeader("ETag", rendition.etag());
        if (rendition.changedAt() != null && !rendition.changedAt().isAfter(now)) {
            response.setHeader("Last-Modified", rendition.lastModified());
        }
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Vary", "Accept-Encoding");
        // WebSub discovery (hub and self), on every answer, 304 and HEAD included.
        response.setHeader("Link", rendition.link());
        switch (Preconditions.evaluate(request, rendition.etag(), rendition.changedAt(), now)) {
            case NOT_MODIFIED -> response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            case PRECONDITION_FAILED -> response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
            case SEND -> send(rendition, request, response);
        }
    }

    private static void send(Rendition rendition, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean gzip = rendition.gzip() != null && AcceptEncoding.allowsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? rendition.gzip() : rendition.identity();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(rendition.format().mediaType().toString());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
