package dev.tidings.feed.websub;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every {@link HubTopics} bean, asked in turn: the first that knows a topic URL answers for it. */
@Component
class TopicSources {

    private final List<HubTopics> sources;

    TopicSources(List<HubTopics> sources) {
        this.sources = List.copyOf(sources);
    }

    Optional<List<String>> changeKeysOf(String topicUrl) {
        return sources.stream().flatMap(source -> source.changeKeysOf(topicUrl).stream()).findFirst();
    }

    Optional<FeedContent> contentOf(String topicUrl) {
        return sources.stream().flatMap(source -> source.contentOf(topicUrl).stream()).findFirst();
    }

    String shownAs(String topicUrl) {
        return sources.stream().flatMap(source -> source.shownAs(topicUrl).stream()).findFirst().orElse(topicUrl);
    }
}
