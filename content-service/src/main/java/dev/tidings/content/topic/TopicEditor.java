package dev.tidings.content.topic;

import dev.tidings.content.outbox.OutboxEvents;
import dev.tidings.content.text.PlainText;
import dev.tidings.content.web.InvalidField;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes topics, announcing each change on the topics stream in the same transaction. */
@Service
class TopicEditor {

    private final Topics topics;

    private final OutboxEvents outbox;

    private final Clock clock;

    TopicEditor(Topics topics, OutboxEvents outbox, Clock clock) {
        this.topics = topics;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Topic create(TopicRequests.NewTopic request) {
        Topic topic = new Topic(request.slug(), title(request.title()), description(request.description()), 1);
        if (!topics.insert(topic, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw new TopicExceptions.TopicExists(request.slug());
        }
        outbox.topicUpserted(topic.toSnapshot());
        return topic;
    }

    @Transactional
    Topic change(String slug, TopicRequests.TopicChange request) {
        Topic topic = topics.update(slug, title(request.title()), description(request.description()),
                        clock.instant().truncatedTo(ChronoUnit.MICROS))
                .orElseThrow(() -> new TopicExceptions.TopicNotFound(slug));
        outbox.topicUpserted(topic.toSnapshot());
        return topic;
    }

    private static String title(String title) {
        String text = PlainText.of(title);
        if (text.isEmpty()) {
            throw new InvalidField("title", "must contain text, not only markup");
        }
        return text;
    }

    private static String description(String description) {
        return description == null ? "" : PlainText.of(description);
    }
}
