package dev.tidings.content.topic;

import dev.tidings.events.TopicSnapshot;

/** A subject area articles are filed under; readers subscribe to topics. */
public record Topic(String slug, String title, String description, long version) {

    TopicSnapshot toSnapshot() {
        return new TopicSnapshot(slug, version, title, description);
    }
}
