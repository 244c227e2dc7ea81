package dev.tidings.notifier.articles;

import java.util.UUID;

/**
 * An article as this service last stored it.
 *
 * @param topic the article's first topic, whose list its emails belong to
 * @param topicTitle that topic's title, or its slug while the topic itself is unknown here
 */
public record StoredArticle(UUID id, long version, String title, String summary, String bodyHtml,
        String canonicalUrl, boolean retracted, String topic, String topicTitle) {
}
