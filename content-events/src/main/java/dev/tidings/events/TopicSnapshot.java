package dev.tidings.events;

import java.util.Objects;

/**
 * The payload of {@code topic.upserted} on the compacted {@link ContentTopics#TOPICS} topic, keyed
 * by {@code slug}. {@code version} grows with every change of the topic; consumers keep the newest.
 */
public record TopicSnapshot(String slug, long version, String title, String description) {

    public static final String EVENT_TYPE = "topic.upserted";

    public static final String SCHEMA_RESOURCE = "/schemas/topic.upserted.schema.json";

    public TopicSnapshot {
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(title, "title must not be null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        description = description == null ? "" : description;
    }
}
