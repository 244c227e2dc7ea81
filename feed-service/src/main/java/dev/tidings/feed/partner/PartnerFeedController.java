package dev.tidings.feed.partner;

import dev.tidings.feed.rendering.Rendition;
import dev.tidings.feed.web.FeedResponder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Serves a partner's feeds ({@link PartnerFeeds}) in RSS, Atom and JSON Feed, with the token in the
 * path or in {@code Authorization: Bearer}; Spring Security let the request through only with a
 * current token ({@link PartnerFeedAccess}). A feed of a topic the partner was not given answers 404,
 * the same as one that exists nowhere: its private address space holds only its own feeds. Conditional
 * GET and gzip as for public feeds, but {@code Cache-Control: private}: shared caches must not keep
 * a partner's feed.
 */
@RestController
class PartnerFeedController {

    private final PartnerFeeds feeds;

    private final PartnerRequestCounts counts;

    private final FeedResponder responder;

    PartnerFeedController(PartnerFeeds feeds, PartnerRequestCounts counts, FeedResponder responder) {
        this.feeds = feeds;
        this.counts = counts;
        this.responder = responder;
    }

    @GetMapping({ "/partner/feeds/{file}", "/partner/{token}/feeds/{file}" })
    void feed(@PathVariable String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Partner partner = PartnerFeedAccess.partnerOf(request);
        counts.count(partner);
        Rendition rendition = feeds.find(partner, file)
                .flatMap(feeds::current)
                .orElseThrow(() -> notFound(partner, file));
        responder.respondPrivately(rendition, request, response);
    }

    private static ErrorResponseException notFound(Partner partner, String file) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No partner feed '" + file
                + "'. This partner's feeds are all and " + String.join(", ", partner.topics())
                + ", each as .rss, .atom or .json.");
        // Not the request path, which may hold the token: problems get logged and shown.
        problem.setInstance(URI.create("/partner/feeds/" + UriUtils.encodePathSegment(file, StandardCharsets.UTF_8)));
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
