package dev.tidings.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One example of every event payload, as a producer would write it. */
final class ExampleEvents {

    static final UUID ARTICLE_ID = UUID.fromString("5b1f7c0e-2a4d-4f51-9d0e-3c6a1b2e7f10");

    static final Instant PUBLISHED_AT = Instant.parse("2026-11-20T08:30:00.123Z");

    static ArticleSnapshot published() {
        return new ArticleSnapshot(ARTICLE_ID, 3, "what-is-the-gut-skin-axis", "What is the gut–skin axis?",
                "How the digestive system and the skin talk to each other.",
                "<p>The gut and the skin both face the outside world.</p>",
                "https://health.example/articles/what-is-the-gut-skin-axis", "Dr. Ada Lovelace",
                List.of("gut-skin-axis", "microbiome"), List.of("basics"), PUBLISHED_AT, PUBLISHED_AT, null, null,
                null, new ArticleSnapshot.Editor("Dr. Mara Lind", "api-key:0c8e4f5a-3b7d-4e2a-9f61-2d5c8b1a7e93"));
    }

    static ArticleSnapshot updated() {
        Instant corrected = PUBLISHED_AT.plusSeconds(3600);
        return new ArticleSnapshot(ARTICLE_ID, 4, "what-is-the-gut-skin-axis", "What is the gut–skin axis?",
                "How the digestive system and the skin talk to each other.",
                "<p>The gut and the skin both face the outside world and the body's inside.</p>",
                "https://health.example/articles/what-is-the-gut-skin-axis", "Dr. Ada Lovelace",
                List.of("gut-skin-axis", "microbiome"), List.of("basics"), PUBLISHED_AT, corrected, null, null,
                "https://health.example/images/gut-skin.png",
                new ArticleSnapshot.Editor("Dr. Mara Lind", "api-key:0c8e4f5a-3b7d-4e2a-9f61-2d5c8b1a7e93"),
                "The second sentence said the skin faces only the outside world.");
    }

    static ArticleSnapshot retracted() {
        Instant retractedAt = PUBLISHED_AT.plusSeconds(7200);
        return new ArticleSnapshot(ARTICLE_ID, 5, "what-is-the-gut-skin-axis", "What is the gut–skin axis?",
                "How the digestive system and the skin talk to each other.", "",
                "https://health.example/articles/what-is-the-gut-skin-axis", "Dr. Ada Lovelace",
                List.of("gut-skin-axis"), List.of(), PUBLISHED_AT, retractedAt, retractedAt,
                "The supplement claim could not be supported.", null,
                new ArticleSnapshot.Editor("Sam Okafor", "jwt:https://id.health.example#sam"));
    }

    static TopicSnapshot topic() {
        return new TopicSnapshot("gut-skin-axis", 1, "The gut–skin axis",
                "Two-way links between the digestive system and the skin.");
    }

    private ExampleEvents() {
    }
}
