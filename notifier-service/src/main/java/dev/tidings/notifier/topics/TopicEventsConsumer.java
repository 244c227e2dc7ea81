package dev.tidings.notifier.topics;

import dev.tidings.events.TopicSnapshot;
import dev.tidings.events.consuming.UnreadableEventException;
import dev.tidings.notifier.events.EventEnvelope;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** The {@code topics} binding: keeps the {@code topics} table in step with {@code content.topics.v1}. */
@Configuration(proxyBeanMethods = false)
class TopicEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(TopicEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> topics(KnownTopics topics, JsonMapper json) {
        return message -> {
            EventEnvelope event = EventEnvelope.of(message);
            if (!TopicSnapshot.EVENT_TYPE.equals(event.headers().type())) {
                throw new UnreadableEventException("unknown topic event type " + event.headers().type());
            }
            TopicSnapshot topic = event.payloadAs(json, TopicSnapshot.class);
            if (topics.apply(topic)) {
                log.info("Topic {} is now at version {}", topic.slug(), topic.version());
            }
        };
    }
}
