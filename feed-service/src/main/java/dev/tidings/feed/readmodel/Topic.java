package dev.tidings.feed.readmodel;

/** A topic as the read model knows it: the newest {@code topic.upserted} applied. */
public record Topic(String slug, long version, String title, String description) {
}
