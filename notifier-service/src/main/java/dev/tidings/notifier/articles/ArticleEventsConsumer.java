package dev.tidings.notifier.articles;

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
            ArticleEvent event = ArticleEvent.read(message, json);
            events.apply(event.type(), event.article());
        };
    }
}
