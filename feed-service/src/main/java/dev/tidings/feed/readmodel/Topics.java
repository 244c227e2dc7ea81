package dev.tidings.feed.readmodel;

import dev.tidings.events.TopicSnapshot;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The topics known from {@code content.topics.v1}, newest version of each. */
// Named explicitly: "topics" is the name of the consumer bound to content.topics.v1.
@Repository("topicRepository")
public class Topics {

    private final JdbcClient jdbc;

    Topics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the topic unless a version at least as new is stored; true if it was applied. */
    boolean upsert(TopicSnapshot topic) {
        return jdbc.sql("""
                INSERT INTO topics (slug, version, title, description) VALUES (:slug, :version, :title, :description)
                ON CONFLICT (slug) DO UPDATE
                    SET version = EXCLUDED.version, title = EXCLUDED.title, description = EXCLUDED.description
                    WHERE topics.version < EXCLUDED.version
                """)
                .param("slug", StorableText.of(topic.slug()))
                .param("version", topic.version())
                .param("title", StorableText.of(topic.title()))
                .param("description", StorableText.of(topic.description()))
                .update() == 1;
    }

    public Optional<Topic> find(String slug) {
        return jdbc.sql("SELECT slug, version, title, description FROM topics WHERE slug = :slug")
                .param("slug", slug)
                .query(Topic.class)
                .optional();
    }

    /** Every topic, by title. */
    public List<Topic> all() {
        return jdbc.sql("SELECT slug, version, title, description FROM topics ORDER BY lower(title), slug")
                .query(Topic.class)
                .list();
    }
}
