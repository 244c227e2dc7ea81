package dev.tidings.feed.rendering;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The syndication formats served, each named by the file extension of its URL. */
public enum FeedFormat {

    RSS("rss", new MediaType("application", "rss+xml", StandardCharsets.UTF_8)),

    ATOM("atom", new MediaType("application", "atom+xml", StandardCharsets.UTF_8));

    private final String extension;

    private final MediaType mediaType;

    FeedFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    public static Optional<FeedFormat> fromExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }
}
