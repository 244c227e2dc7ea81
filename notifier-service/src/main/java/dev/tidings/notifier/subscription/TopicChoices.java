package dev.tidings.notifier.subscription;

import dev.tidings.notifier.topics.KnownTopics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks the topics someone picked, on the subscribe form, the API or the preference page. */
@Component
class TopicChoices {

    private static final int MAX_TOPICS = 100;

    private final KnownTopics topics;

    TopicChoices(KnownTopics topics) {
        this.topics = topics;
    }

    /**
     * The chosen topics without repeats, in the order given.
     *
     * @throws InvalidSubscriptionException when none, too many, blank or unknown topics are chosen
     */
    Set<String> checked(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidSubscriptionException("choose at least one topic");
        }
        if (requested.size() > MAX_TOPICS) {
            throw new InvalidSubscriptionException("at most " + MAX_TOPICS + " topics can be chosen");
        }
        if (requested.stream().anyMatch(topic -> topic == null || topic.isBlank())) {
            throw new InvalidSubscriptionException("topics must not be blank");
        }
        Set<String> wanted = new LinkedHashSet<>(requested);
        Set<String> unknown = topics.unknownAmong(wanted);
        if (!unknown.isEmpty()) {
            throw new InvalidSubscriptionException("unknown topic: " + String.join(", ", unknown),
                    Map.of("unknownTopics", List.copyOf(unknown)));
        }
        return wanted;
    }
}
