package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.consuming.UnreadableEventException;
import dev.tidings.notifier.events.EventEnvelope;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** An event of {@code content.articles.v1}: its CloudEvents type and the article's state after the change. */
record ArticleEvent(ArticleEventType type, ArticleSnapshot article) {

    /** Reads a message as the binder or a replay of the log hands it over; unreadable ones throw. */
    static ArticleEvent read(Message<?> message, JsonMapper json) {
        EventEnvelope event = EventEnvelope.of(message);
        ArticleEventType type = ArticleEventType.fromCeType(event.headers().type())
                .orElseThrow(() -> new UnreadableEventException("unknown article event type "
                        + event.headers().type()));
        ArticleSnapshot article = event.payloadAs(json, ArticleSnapshot.class);
        if (!article.id().toString().equals(event.headers().subject())) {
            throw new UnreadableEventException("event " + event.headers().id() + " is about article "
                    + event.headers().subject() + " but carries article " + article.id());
        }
        return new ArticleEvent(type, article);
    }
}
