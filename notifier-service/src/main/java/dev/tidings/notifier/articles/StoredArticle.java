package dev.tidings.notifier.articles;

import java.util.UUID;

/** An article as this service last stored it. */
public record StoredArticle(UUID id, long version, String title, String summary, String bodyHtml,
        String canonicalUrl, boolean retracted) {
}
