package dev.tidings.feed.readmodel;

import dev.tidings.events.consuming.ConsumerErrorPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

/**
 * The Spring Cloud Stream consumers {@code articles} (bound to {@code content.articles.v1}) and
 * {@code topics} (bound to {@code content.topics.v1}). An exception thrown here goes to the
 * listener container's error handler, the {@link ConsumerErrorPolicy} every consumer of the content
 * events shares: unreadable events and values the database rejects are dead-lettered, the rest retried.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsumerErrorPolicy.class)
class ReadModelBindings {

    @Bean
    Consumer<Message<byte[]>> articles(EventReader reader, ArticleProjector projector, MeterRegistry meters) {
        return message -> {
            ArticleEvent event = reader.readArticle(message);
            boolean applied = projector.apply(event.type(), event.article());
            consumed(meters, "articles", applied).increment();
        };
    }

    @Bean
    Consumer<Message<byte[]>> topics(EventReader reader, TopicProjector projector, MeterRegistry meters) {
        return message -> {
            boolean applied = projector.apply(reader.readTopic(message));
            consumed(meters, "topics", applied).increment();
        };
    }

    private static Counter consumed(MeterRegistry meters, String binding, boolean applied) {
        return Counter.builder("tidings.events.consumed")
                .description("Events read into the feed read model; ignored ones were duplicates or older versions")
                .tag("binding", binding)
                .tag("outcome", applied ? "applied" : "ignored")
                .register(meters);
    }
}
