package dev.tidings.feed.rendering;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Feed} as RSS 2.0 or Atom 1.0 with Rome, or as JSON Feed 1.1 with Jackson (Rome
 * has no JSON Feed), as UTF-8 bytes. Thread-safe and deterministic: the same feed gives the same
 * bytes, so a hash of them is a valid ETag.
 *
 * <p>Works around Rome's known traps: every string is stripped of XML-illegal characters first
 * (one would fail the whole feed); the wire feed is built fresh per call (Rome moves foreign markup
 * out of a shared one) and never gets a Dublin Core date; RSS gets its {@code atom:link
 * rel="self"}; no empty Atom author. Atom feeds carry RFC 6721 tombstones of recent retractions.
 */
@Component
public class FeedRenderer {

    private final JsonFeedWriter jsonFeeds;

    public FeedRenderer(JsonMapper json) {
        this.jsonFeeds = new JsonFeedWriter(json);
    }

    public byte[] render(Feed feed, FeedFormat format) {
        return switch (format) {
            case RSS -> xml(RssWriter.channel(feed), document -> RssWriter.addSelfLink(document, feed));
            case ATOM -> xml(AtomWriter.feed(feed), document -> AtomWriter.addHistoryAndTombstones(document, feed));
            case JSON -> jsonFeeds.write(feed);
        };
    }

    private static byte[] xml(WireFeed wireFeed, Consumer<Document> finish) {
        try {
            Document document = new WireFeedOutput().outputJDom(wireFeed);
            finish.accept(document);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(document, bytes);
            return bytes.toByteArray();
        }
        catch (FeedException ex) {
            throw new IllegalStateException("Rome could not write the " + wireFeed.getFeedType() + " feed", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
