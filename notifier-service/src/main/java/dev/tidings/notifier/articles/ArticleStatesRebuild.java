package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.consuming.FreshDatabase;
import dev.tidings.events.consuming.RebuildFigures;
import dev.tidings.events.consuming.ReplaySkips;
import dev.tidings.events.consuming.TopicReplay;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the article states and topics in a fresh database from the beginning of the event topics,
 * then the application exits (profile {@code rebuild}; {@code application-rebuild.yml} keeps the
 * live consumers off). It writes the {@code articles} and {@code topics} tables only: no delivery
 * is ever queued for what it reads, so no email goes out for an old article.
 *
 * <p>Reads {@code content.topics.v1} (each event through the live topics consumer), then
 * {@code content.articles.v1} ({@link TopicReplay}: the next batch is read while one is written),
 * each batch of up to {@value #BATCH_SIZE} events in {@value #WRITERS} statements at once, each for
 * the articles of some partitions. An event the live consumers dead-letter
 * (unreadable, or a value the database rejects) is skipped and counted; any other failure stops the
 * rebuild. Prints {@code rebuild events_per_s=<n> events=<n> skipped=<n> seconds=<s>} at the end.
 */
@Component
@Profile("rebuild")
class ArticleStatesRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ArticleStatesRebuild.class);

    static final int BATCH_SIZE = 10_000;

    // Two database sessions write at once, so that PostgreSQL works on one while this process prepares the other.
    static final int WRITERS = 2;

    private final ArticleStates articles;

    private final Consumer<Message<byte[]>> topics;

    private final JsonMapper json;

    private final JdbcClient jdbc;

    private final KafkaProperties kafka;

    private final Clock clock;

    private final ReplaySkips skips = new ReplaySkips();

    private volatile RebuildFigures figures;

    ArticleStatesRebuild(ArticleStates articles, @Qualifier("topics") Consumer<Message<byte[]>> topics,
            JsonMapper json, JdbcClient jdbc, KafkaProperties kafka, Clock clock) {
        this.articles = articles;
        this.topics = topics;
        this.json = json;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        long stored = jdbc.sql("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM topics)")
                .query(Long.class).single();
        FreshDatabase.require(stored);
        TopicReplay replay = new TopicReplay(kafka.buildConsumerProperties(), BATCH_SIZE, WRITERS);
        RebuildFigures.Meter meter = RebuildFigures.start();
        long events = replay.replay(ContentTopics.TOPICS, records -> records, this::applyTopics);
        events += replay.replay(ContentTopics.ARTICLES,
                records -> skips.readEach(records, message -> ArticleEvent.read(message, json)),
                meter.timed(this::applyArticles));
        figures = meter.finish(events, skips.count());
        figures.report(log, "Article states");
    }

    /** What the finished rebuild did; null while it runs. */
    RebuildFigures figures() {
        return figures;
    }

    private void applyTopics(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                topics.accept(TopicReplay.messageOf(record));
            }
            catch (RuntimeException ex) {
                skips.skip(ex, record);
            }
        }
    }

    private void applyArticles(List<ArticleEvent> events) {
        skips.applyAll(events, batch -> articles.applyAll(newestOf(batch)),
                event -> "article " + event.article().id() + " version " + event.article().version());
    }

    /**
     * Each article's events as one state, as if applied one after the other: the highest version,
     * retracted since the first event that retracted it (the live consumer never takes a retraction
     * back).
     */
    private List<ArticleState> newestOf(List<ArticleEvent> events) {
        // By id: writers running at once lock rows in the same order, so they cannot deadlock should an article's events
        // ever be in two partitions.
        return events.stream()
                .collect(Collectors.groupingBy(event -> event.article().id(), TreeMap::new, Collectors.toList()))
                .values().stream()
                .map(versions -> {
                    List<ArticleEvent> ordered = versions.stream()
                            .sorted(Comparator.comparingLong(event -> event.article().version()))
                            .toList();
                    Instant retractedAt = ordered.stream().map(this::retractedAt)
                            .filter(at -> at != null).findFirst().orElse(null);
                    return new ArticleState(ordered.get(ordered.size() - 1).article(), retractedAt);
                })
                .toList();
    }

    // As the live consumer stores it: the event's retraction time, or the time it applies a retraction without one.
    private Instant retractedAt(ArticleEvent event) {
        if (event.article().retractedAt() != null) {
            return event.article().retractedAt();
        }
        return event.type() == ArticleEventType.RETRACTED ? clock.instant() : null;
    }
}
