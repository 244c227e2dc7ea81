package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.events.consuming.UnreadableEventException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns raw Kafka messages (CloudEvents binary mode, JSON payload) into the contract's records.
 * Everything that makes a message unreadable ends as an {@link UnreadableEventException}, so the
 * error handler can tell it apart from a transient failure.
 */
@Component
class EventReader {

    private final JsonMapper json;

    EventReader(JsonMapper json) {
        this.json = json;
    }

    ArticleEvent readArticle(Message<byte[]> message) {
        CloudEventHeaders headers = headersOf(message);
        ArticleEventType type = ArticleEventType.fromCeType(headers.type())
                .orElseThrow(() -> new UnreadableEventException("unknown article event type " + headers.type()));
        return new ArticleEvent(type, payload(message, ArticleSnapshot.class));
    }

    TopicSnapshot readTopic(Message<byte[]> message) {
        CloudEventHeaders headers = headersOf(message);
        if (!TopicSnapshot.EVENT_TYPE.equals(headers.type())) {
            throw new UnreadableEventException("unknown topic event type " + headers.type());
        }
        return payload(message, TopicSnapshot.class);
    }

    private static CloudEventHeaders headersOf(Message<byte[]> message) {
        try {
            return CloudEventHeaders.from(message.getHeaders());
        }
        catch (IllegalArgumentException ex) {
            throw new UnreadableEventException("invalid CloudEvents headers: " + ex.getMessage(), ex);
        }
    }

    private <T> T payload(Message<byte[]> message, Class<T> type) {
        Object payload = message.getPayload();
        if (!(payload instanceof byte[] bytes) || bytes.length == 0) {
            throw new UnreadableEventException("event has no JSON payload");
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new UnreadableEventException("event payload is JSON null");
            }
            return value;
        }
        // The records validate in their constructors; Jackson wraps those violations in a JacksonException.
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            throw new UnreadableEventException("unreadable " + type.getSimpleName() + ": " + ex.getMessage(), ex);
        }
    }
}
