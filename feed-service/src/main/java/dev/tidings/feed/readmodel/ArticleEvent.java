package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;

/** An article event read from Kafka: its CloudEvents type and the article's state after the change. */
record ArticleEvent(ArticleEventType type, ArticleSnapshot article) {
}
