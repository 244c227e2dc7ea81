package dev.tidings.notifier.delivery;

import java.util.List;

/**
 * What one digest says: the articles of a period that were not retracted before it went out.
 *
 * @param kind {@code daily} or {@code weekly}
 */
public record DigestEmail(String to, String kind, List<Item> items, String unsubscribeUrl, String preferencesUrl) {

    public DigestEmail {
        items = List.copyOf(items);
    }

    /** One article of the digest. */
    public record Item(String title, String summary, String canonicalUrl) {
    }
}
