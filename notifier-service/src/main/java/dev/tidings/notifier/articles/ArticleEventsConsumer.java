package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.consuming.UnreadableEventException;
import dev.tidings.notifier.events.EventEnvelope;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** The {@code articles} binding: reads each event of {@code content.articles.v1} and hands it on. */
@Configuration(proxyBeanMethods = false)
class ArticleEventsConsumer {

    @Bean
    Consumer<Message<byte[]>> articles(ArticleEvents events, JsonMapper json) {
        return message -> {
            EventEnvelope event = EventEnvelope.of(message);
            ArticleEventType type = ArticleEventType.fromCeType(event.headers().type())
                    .orElseThrow(() -> new UnreadableEventException("unknown article event type "
                            + event.headers().type()));
            ArticleSnapshot article = event.payloadAs(json, ArticleSnapshot.class);
            if (!article.id().toString().equals(event.headers().subject())) {
                throw new UnreadableEventException("event " + event.headers().id() + " is about article "
                        + event.headers().subject() + " but carries article " + article.id());
            }
            events.apply(type, article);
        };
    }
}
