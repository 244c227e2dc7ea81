package dev.tidings.notifier.composing;

import java.util.List;

/**
 * What one digest says: the articles of a period that were not retracted before it went out.
 *
 * @param kind {@code daily} or {@code weekly}
 */
public record DigestEmail(String kind, List<RenderedArticle> items) {

    public DigestEmail {
        items = List.copyOf(items);
    }
}
