package dev.tidings.notifier.events;

import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.consuming.UnreadableEventException;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a received Kafka message into its CloudEvents attributes and payload, turning every way a
 * message can be malformed into an {@link UnreadableEventException}.
 */
public record EventEnvelope(CloudEventHeaders headers, byte[] payload) {

    /** The attributes and raw payload of {@code message}, or an unreadable-event failure. */
    public static EventEnvelope of(Message<?> message) {
        CloudEventHeaders headers;
        try {
            headers = CloudEventHeaders.from(message.getHeaders());
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new UnreadableEventException("invalid CloudEvents headers: " + ex.getMessage(), ex);
        }
        if (!(message.getPayload() instanceof byte[] payload) || payload.length == 0) {
            throw new UnreadableEventException("event " + headers.id() + " has no payload");
        }
        return new EventEnvelope(headers, payload);
    }

    /** The payload as {@code type}; the records of the contract validate themselves on construction. */
    public <T> T payloadAs(JsonMapper json, Class<T> type) {
        try {
            return json.readValue(payload, type);
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            throw new UnreadableEventException("event " + headers.id() + " is not a valid " + type.getSimpleName()
                    + ": " + ex.getMessage(), ex);
        }
    }
}
