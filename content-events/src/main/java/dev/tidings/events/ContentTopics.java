package dev.tidings.events;

/**
 * Names of the Kafka topics that carry the content events.
 *
 * <p>{@link #ARTICLES} is keyed by article id so that all events of one article stay in order;
 * {@link #TOPICS} is a compacted topic keyed by topic slug, so a new consumer learns every topic
 * from its latest record. Within {@code v1} payload changes are additive only.
 */
public final class ContentTopics {

    public static final String ARTICLES = "content.articles.v1";

    public static final String TOPICS = "content.topics.v1";

    /** Where a consumer parks an event it cannot read, with the reason in headers. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }

    private ContentTopics() {
    }
}
