package dev.tidings.feed.rendering;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.tidings.feed.FeedProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Every format names the WebSub hub ({@code rel="hub"}) beside its self link, and so does the
 * {@code Link} header that goes with it ({@link #linkHeader}).
 */
@Component
public class FeedRenderer {

    private final JsonFeedWriter jsonFeeds;

    private final String hubUrl;

    @Autowired
    public FeedRenderer(JsonMapper json, FeedProperties properties) {
        this(json, properties.hubUrl());
    }

    FeedRenderer(JsonMapper json, String hubUrl) {
        this.jsonFeeds = new JsonFeedWriter(json);
        this.hubUrl = hubUrl;
    }

    public byte[] render(Feed feed, FeedFormat format) {
        return switch (format) {
            case RSS -> xml(RssWriter.channel(feed), document -> RssWriter.addSelfAndHubLinks(document, feed, hubUrl));
            case ATOM -> xml(AtomWriter.feed(feed, hubUrl),
                    document -> AtomWriter.addHistoryAndTombstones(document, feed));
            case JSON -> jsonFeeds.write(feed, hubUrl);
        };
    }

    /**
     * The {@code Link} header of a feed's responses (WebSub discovery, W3C WebSub 4): its hub and its
     * self address, the same as in the document.
     */
    public String linkHeader(Feed feed, FeedFormat format) {
        return "<" + hubUrl + ">; rel=\"hub\", <" + feed.urlOf(format) + ">; rel=\"self\"";
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
