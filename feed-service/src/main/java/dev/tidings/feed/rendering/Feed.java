package dev.tidings.feed.rendering;

import dev.tidings.feed.readmodel.FeedEntry;
import dev.tidings.feed.readmodel.Retraction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One feed, ready to render in any {@link FeedFormat}: {@code publisher} names who publishes it
 * (the author of entries without one), {@code url} is its address without the
 * format's extension (the self link and Atom id append it), {@code homeUrl} the HTML page it
 * belongs to, {@code updated} its last change, {@code entries} newest first, and
 * {@code retractions} the recently retracted entries that Atom shows as tombstones, newest first,
 * and {@code history} its links to RFC 5005 archive pages.
 */
public record Feed(String publisher, String title, String description, String url, String homeUrl,
        Instant updated, List<FeedEntry> entries, List<Retraction> retractions, History history) {

    public Feed {
        Objects.requireNonNull(publisher, "publisher must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(url, "url must not be null");
        Objects.requireNonNull(homeUrl, "homeUrl must not be null");
        Objects.requireNonNull(updated, "updated must not be null");
        entries = List.copyOf(entries);
        retractions = List.copyOf(retractions);
        Objects.requireNonNull(history, "history must not be null");
    }

    /** The same feed at another address (a partner's private one), which its self link and id name. */
    public Feed at(String otherUrl) {
        return new Feed(publisher, title, description, otherUrl, homeUrl, updated, entries, retractions, history);
    }

    public String urlOf(FeedFormat format) {
        return url + "." + format.extension();
    }
}
