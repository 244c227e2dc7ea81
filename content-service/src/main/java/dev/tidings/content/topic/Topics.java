package dev.tidings.content.topic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored topics. */
@Repository
public class Topics {

    private final JdbcClient jdbc;

    Topics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Topic> all() {
        return jdbc.sql("SELECT slug, title, description, version FROM topics ORDER BY slug")
                .query(Topic.class).list();
    }

    public Optional<Topic> find(String slug) {
        return jdbc.sql("SELECT slug, title, description, version FROM topics WHERE slug = :slug")
                .param("slug", slug)
                .query(Topic.class).optional();
    }

    /** Those of {@code slugs} that name no topic, in the given order. */
    public List<String> unknown(Collection<String> slugs) {
        Set<String> known = jdbc.sql("SELECT slug FROM topics WHERE slug = ANY(:slugs)")
                .param("slugs", slugs.toArray(String[]::new))
                .query(String.class).stream().collect(Collectors.toSet());
        return slugs.stream().filter(slug -> !known.contains(slug)).distinct().toList();
    }

    /** Inserts a topic at version 1; false if the slug is taken. */
    boolean insert(Topic topic, Instant now) {
        return jdbc.sql("""
                INSERT INTO topics (slug, title, description, version, created_at, updated_at)
                VALUES (:slug, :title, :description, :version, :now, :now)
                ON CONFLICT (slug) DO NOTHING
                """)
                .param("slug", topic.slug())
                .param("title", topic.title())
                .param("description", topic.description())
                .param("version", topic.version())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    /** Changes title and description and increments the version; empty if there is no such topic. */
    Optional<Topic> update(String slug, String title, String description, Instant now) {
        return jdbc.sql("""
                UPDATE topics SET title = :title, description = :description, version = version + 1,
                    updated_at = :now
                WHERE slug = :slug
                RETURNING slug, title, description, version
                """)
                .param("slug", slug)
                .param("title", title)
                .param("description", description)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query(Topic.class).optional();
    }
}
