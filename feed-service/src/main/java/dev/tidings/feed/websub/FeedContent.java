package dev.tidings.feed.websub;

import java.util.Objects;

/**
 * A feed document as served: its bytes (never modified) and its {@code Content-Type}, such as
 * {@code application/atom+xml;charset=UTF-8}.
 */
public record FeedContent(byte[] body, String contentType) {

    public FeedContent {
        Objects.requireNonNull(body, "body must not be null");
        Objects.requireNonNull(contentType, "contentType must not be null");
    }
}
