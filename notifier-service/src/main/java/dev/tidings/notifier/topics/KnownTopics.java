package dev.tidings.notifier.topics;

import dev.tidings.events.TopicSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The known topics, kept from {@code content.topics.v1} by (slug, version). */
@Repository
public class KnownTopics {

    private final JdbcClient jdbc;

    KnownTopics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the topic unless a newer or equal version is already stored; true if it changed anything. */
    boolean apply(TopicSnapshot topic) {
        return jdbc.sql("""
                INSERT INTO topics (slug, version, title, description) VALUES (:slug, :version, :title, :description)
                ON CONFLICT (slug) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title,
                    description = EXCLUDED.description
                WHERE topics.version < EXCLUDED.version
                """)
                .param("slug", topic.slug())
                .param("version", topic.version())
                .param("title", topic.title())
                .param("description", topic.description())
                .update() > 0;
    }

    /** Every known topic, ordered by title. */
    public List<Topic> all() {
        return jdbc.sql("SELECT slug, title FROM topics ORDER BY title, slug").query(Topic.class).list();
    }

    /** The slugs among {@code slugs} that no topic has, in alphabetical order. */
    public Set<String> unknownAmong(Collection<String> slugs) {
        Set<String> unknown = new TreeSet<>(slugs);
        if (!unknown.isEmpty()) {
            unknown.removeAll(jdbc.sql("SELECT slug FROM topics WHERE slug = ANY(:slugs)")
                    .param("slugs", unknown.toArray(String[]::new))
                    .query(String.class)
                    .list());
        }
        return unknown;
    }
}
