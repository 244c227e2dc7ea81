package dev.tidings.content.outbox;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.events.tracing.TraceParents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the events other services must see, as rows of the outbox table written in the caller's
 * transaction: the event exists if and only if the change it announces was committed.
 *
 * <p>Call it after the update of the changed row, so that two transactions changing the same
 * article or topic (serialized by that row's lock) also get their outbox sequence numbers in
 * commit order, which is the order the relay sends them in. Each row keeps the trace context of
 * the span that wrote it, so that the event joins the writer's trace (ADR 0024).
 */
@Component
public class OutboxEvents {

    private final JdbcClient jdbc;

    private final JsonMapper jsonMapper;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final TraceParents traceParents;

    OutboxEvents(JdbcClient jdbc, JsonMapper jsonMapper, ApplicationEventPublisher events, Clock clock,
            TraceParents traceParents) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.events = events;
        this.clock = clock;
        this.traceParents = traceParents;
    }

    /** An event of {@code type} about an article, keyed and subject-ed by the article id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void articleChanged(ArticleEventType type, ArticleSnapshot snapshot) {
        String id = snapshot.id().toString();
        append(ContentTopics.ARTICLES, id, type.ceType(), id, snapshot);
    }

    /** A {@code topic.upserted} event, keyed and subject-ed by the topic slug. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void topicUpserted(TopicSnapshot snapshot) {
        append(ContentTopics.TOPICS, snapshot.slug(), TopicSnapshot.EVENT_TYPE, snapshot.slug(), snapshot);
    }

    private void append(String destination, String key, String type, String subject, Object payload) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO outbox_events (id, destination, message_key, event_type, subject, payload, created_at,
                                           trace_parent)
                VALUES (:id, :destination, :key, :type, :subject, :payload, :createdAt, :traceParent)
                """)
                .param("id", UUID.randomUUID())
                .param("destination", destination)
                .param("key", key)
                .param("type", type)
                .param("subject", subject)
                .param("payload", jsonMapper.writeValueAsString(payload))
                .param("createdAt", now.atOffset(ZoneOffset.UTC))
                // The relay sends the event as a child of the span that wrote it (the editor's request).
                .param("traceParent", traceParents.ofCurrentSpan())
                .update();
        events.publishEvent(new OutboxEventAppended());
    }
}
