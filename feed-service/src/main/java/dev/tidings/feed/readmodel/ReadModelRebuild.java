package dev.tidings.feed.readmodel;

import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.events.consuming.ConsumerFailure;
import dev.tidings.events.consuming.TopicReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * projectors the live consumers use, then the application exits (profile {@code rebuild}; see
 * {@code application-rebuild.yml}, which keeps the live consumers and the web server off).
 *
 * <p>Reads {@code content.topics.v1}, then {@code content.articles.v1}, each up to the end it had at
 * the start ({@link TopicReplay}), and applies {@value #BATCH_SIZE} events per transaction. An event
 * the live consumers dead-lettered is skipped here too (counted); any other failure stops the
 * rebuild, which is then run again on a fresh database. Prints
 * {@code rebuild events_per_s=<n> events=<n> skipped=<n> seconds=<s>} at the end.
 */
@Component
@Profile("rebuild")
class ReadModelRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    static final int BATCH_SIZE = 2000;

    private final EventReader reader;

    private final ArticleProjector articles;

    private final TopicProjector topics;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    private final KafkaProperties kafka;

    private final AtomicLong skipped = new AtomicLong();

    ReadModelRebuild(EventReader reader, ArticleProjector articles, TopicProjector topics,
            TransactionTemplate transactions, JdbcClient jdbc, KafkaProperties kafka) {
        this.reader = reader;
        this.articles = articles;
        this.topics = topics;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    @Override
    public void run(ApplicationArguments args) {
        long stored = jdbc.sql("SELECT (SELECT count(*) FROM feed_entries) + (SELECT count(*) FROM topics)")
                .query(Long.class).single();
        if (stored > 0) {
            // Applying the log again changes nothing (versions), so a non-empty database is a wrong URL.
            throw new IllegalStateException("A rebuild fills a fresh database; this one already holds " + stored
                    + " articles and topics: point spring.datasource.url at an empty one");
        }
        TopicReplay replay = new TopicReplay(kafka.buildConsumerProperties(), BATCH_SIZE);
        long started = System.nanoTime();
        long events = replay.replay(ContentTopics.TOPICS, this::applyTopics)
                + replay.replay(ContentTopics.ARTICLES, this::applyArticles);
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        String figures = String.format(Locale.ROOT, "rebuild events_per_s=%d events=%d skipped=%d seconds=%.1f",
                Math.round(events / seconds), events, skipped.get(), seconds);
        log.info("Read model rebuilt from the log: {}", figures);
        System.out.println(figures);
    }

    private void applyTopics(List<ConsumerRecord<String, byte[]>> records) {
        transactions.executeWithoutResult(status -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicSnapshot topic = readOrSkip(record, () -> reader.readTopic(TopicReplay.messageOf(record)));
                if (topic != null) {
                    topics.apply(topic);
                }
            }
        });
    }

    private void applyArticles(List<ConsumerRecord<String, byte[]>> records) {
        List<ArticleEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            ArticleEvent event = readOrSkip(record, () -> reader.readArticle(TopicReplay.messageOf(record)));
            if (event != null) {
                events.add(event);
            }
        }
        try {
            articles.applyAll(events);
        }
        catch (RuntimeException ex) {
            if (!ConsumerFailure.of(ex).deadLetter()) {
                throw ex;
            }
            // One event the database rejects fails the whole batch: find it by applying them one by one.
            for (ArticleEvent event : events) {
                try {
                    articles.applyAll(List.of(event));
                }
                catch (RuntimeException rejected) {
                    skip(rejected, "article " + event.article().id() + " version " + event.article().version());
                }
            }
        }
    }

    private <T> T readOrSkip(ConsumerRecord<String, byte[]> record, Supplier<T> read) {
        try {
            return read.get();
        }
        catch (RuntimeException ex) {
            skip(ex, record.topic() + "-" + record.partition() + "@" + record.offset());
            return null;
        }
    }

    private void skip(RuntimeException ex, String what) {
        if (!ConsumerFailure.of(ex).deadLetter()) {
            throw ex;
        }
        skipped.incrementAndGet();
        log.warn("Skipped {} as the live consumers dead-lettered it: {}", what, ex.getMessage());
    }
}
