package dev.tidings.feed.partner;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A partner whose token was presented and is valid: who it is and the topics whose feeds it may read, sorted. */
public record Partner(UUID id, String name, List<String> topics) {

    public Partner {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(name, "name must not be null");
        topics = List.copyOf(topics);
    }
}
