package dev.tidings.feed.rendering;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The syndication formats served, each named by the file extension of its URL. */
public enum FeedFormat {

    RSS("rss", "RSS", new MediaType("application", "rss+xml", StandardCharsets.UTF_8)),

    ATOM("atom", "Atom", new MediaType("application", "atom+xml", StandardCharsets.UTF_8)),

    /** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
    JSON("json", "JSON Feed", new MediaType("application", "feed+json", StandardCharsets.UTF_8));

    private final String extension;

    private final String label;

    private final MediaType mediaType;

    FeedFormat(String extension, String label, MediaType mediaType) {
        this.extension = extension;
        this.label = label;
        this.mediaType = mediaType;
    }

    /** The name people know the format by. */
    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The media type without parameters, as autodiscovery links and self links name it. */
    public String type() {
        return mediaType.getType() + "/" + mediaType.getSubtype();
    }

    public static Optional<FeedFormat> fromExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }
}
