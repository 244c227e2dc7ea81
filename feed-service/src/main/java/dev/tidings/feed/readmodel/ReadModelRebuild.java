package dev.tidings.feed.readmodel;

import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.events.consuming.FreshDatabase;
import dev.tidings.events.consuming.RebuildFigures;
import dev.tidings.events.consuming.ReplaySkips;
import dev.tidings.events.consuming.TopicReplay;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the read model in a fresh database from the beginning of the event topics, with the
 * statements the live consumers use, then the application exits (profile {@code rebuild}; see
 * {@code application-rebuild.yml}, which keeps the live consumers off).
 *
 * <p>Reads {@code content.topics.v1}, then {@code content.articles.v1}, each up to the end it had at
 * the start ({@link TopicReplay}: the next batch is read while one is written), and writes each
 * batch of up to {@value #BATCH_SIZE} events in {@value #WRITERS} transactions at once, each with
 * one statement for the articles of some partitions. Feeds are stamped once, at the
 * end, instead of with every change. An event the live consumers dead-letter (unreadable, or a value
 * the database rejects) is skipped and counted; any other failure stops the rebuild, which is then
 * run again on a fresh database. Prints
 * {@code rebuild events_per_s=<n> events=<n> skipped=<n> seconds=<s>} at the end.
 */
@Component
@Profile("rebuild")
class ReadModelRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    static final int BATCH_SIZE = 10_000;

    // Two database sessions write at once: PostgreSQL's work for one is about what this process spends reading and
    // preparing both, so two keep two cores busy.
    static final int WRITERS = 2;

    private final EventReader reader;

    private final ArticleProjector articles;

    private final Topics topics;

    private final FeedChanges changes;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    private final KafkaProperties kafka;

    private final Clock clock;

    private final ReplaySkips skips = new ReplaySkips();

    // Written by the writers' threads; read once the replays have joined them.
    private final Set<String> changedFeeds = new ConcurrentSkipListSet<>();

    private volatile RebuildFigures figures;

    ReadModelRebuild(EventReader reader, ArticleProjector articles, Topics topics, FeedChanges changes,
            TransactionTemplate transactions, JdbcClient jdbc, KafkaProperties kafka, Clock clock) {
        this.reader = reader;
        this.articles = articles;
        this.topics = topics;
        this.changes = changes;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        long stored = jdbc.sql("SELECT (SELECT count(*) FROM feed_entries) + (SELECT count(*) FROM topics)")
                .query(Long.class).single();
        FreshDatabase.require(stored);
        TopicReplay replay = new TopicReplay(kafka.buildConsumerProperties(), BATCH_SIZE, WRITERS);
        RebuildFigures.Meter meter = RebuildFigures.start();
        long events = replay.replay(ContentTopics.TOPICS, records -> skips.readEach(records, reader::readTopic),
                this::applyTopics);
        events += replay.replay(ContentTopics.ARTICLES, records -> skips.readEach(records, reader::readArticle),
                meter.timed(this::applyArticles));
        changedFeeds.add(FeedChanges.ALL_TOPICS);
        transactions.executeWithoutResult(status -> changes.touch(changedFeeds, clock.instant()));
        figures = meter.finish(events, skips.count());
        figures.report(log, "Read model");
    }

    /** What the finished rebuild did; null while it runs. */
    RebuildFigures figures() {
        return figures;
    }

    private void applyTopics(List<TopicSnapshot> snapshots) {
        for (TopicSnapshot topic : snapshots) {
            try {
                if (topics.upsert(topic)) {
                    changedFeeds.add(FeedChanges.topicKey(StorableText.of(topic.slug())));
                }
            }
            catch (RuntimeException ex) {
                skips.skip(ex, "topic " + topic.slug() + " version " + topic.version());
            }
        }
    }

    private void applyArticles(List<ArticleEvent> events) {
        skips.applyAll(events, batch -> changedFeeds.addAll(articles.applyUnstamped(batch)),
                event -> "article " + event.article().id() + " version " + event.article().version());
    }
}
