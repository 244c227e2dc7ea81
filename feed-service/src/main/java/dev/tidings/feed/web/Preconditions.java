package dev.tidings.feed.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Evaluates the conditional headers of a GET or HEAD of a feed that exists, in the order of RFC 9110
 * §13.2.2: {@code If-Match} (strong comparison), else {@code If-Unmodified-Since}; then
 * {@code If-None-Match} (weak comparison, {@code *} matches), else {@code If-Modified-Since}.
 *
 * <p>Dates are compared with the feed's change stamp, not with the {@code Last-Modified} sent: a
 * stamp that ran ahead of the clock is withheld from readers, yet a reader's date before it still
 * means the reader has an older content. An {@code If-Modified-Since} later than now is invalid
 * and ignored; so are both dates for a feed without a stamp ({@code changedAt} null).
 */
final class Preconditions {

    enum Outcome {
        SEND, NOT_MODIFIED, PRECONDITION_FAILED
    }

    static Outcome evaluate(HttpServletRequest request, String etag, Instant changedAt, Instant now) {
        if (request.getHeader("If-Match") != null) {
            if (!EntityTags.anyMatches(request.getHeaders("If-Match"), etag, EntityTags.Comparison.STRONG)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        else {
            Instant unmodifiedSince = date(request.getHeader("If-Unmodified-Since"));
            if (unmodifiedSince != null && changedAt != null && changedAt.isAfter(unmodifiedSince)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        if (request.getHeader("If-None-Match") != null) {
            return EntityTags.anyMatches(request.getHeaders("If-None-Match"), etag, EntityTags.Comparison.WEAK)
                    ? Outcome.NOT_MODIFIED
                    : Outcome.SEND;
        }
        Instant modifiedSince = date(request.getHeader("If-Modified-Since"));
        if (modifiedSince != null && changedAt != null && !modifiedSince.isAfter(now)
                && !changedAt.isAfter(modifiedSince)) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.SEND;
    }

    /** An HTTP date, or null when absent or not a valid IMF-fixdate (RFC 9110 says: then ignore the header). */
    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private Preconditions() {
    }
}
