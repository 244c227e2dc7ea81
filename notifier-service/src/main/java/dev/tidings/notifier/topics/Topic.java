package dev.tidings.notifier.topics;

/** A topic people can subscribe to, as content-service last announced it. */
public record Topic(String slug, String title) {
}
