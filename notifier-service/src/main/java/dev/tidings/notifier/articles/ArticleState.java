package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleSnapshot;
import java.time.Instant;

/** An article to store: its newest snapshot and when it was first retracted (null while it is not). */
record ArticleState(ArticleSnapshot article, Instant retractedAt) {
}
