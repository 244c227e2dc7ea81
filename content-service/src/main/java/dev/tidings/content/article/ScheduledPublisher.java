package dev.tidings.content.article;

import dev.tidings.content.ContentProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes scheduled articles whose time has come, every
 * {@code tidings.content.scheduled-publishing-interval}. Safe with several instances: each run
 * claims due articles with {@code FOR UPDATE SKIP LOCKED}, and publishing changes their status in
 * the same transaction, so an article is published (and announced) once.
 */
@Component
class ScheduledPublisher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublisher.class);

    private static final int BATCH = 50;

    private final Articles articles;

    private final EditorialDesk desk;

    private final TransactionTemplate transactions;

    private final ContentProperties properties;

    private final Clock clock;

    ScheduledPublisher(Articles articles, EditorialDesk desk, TransactionTemplate transactions,
            ContentProperties properties, Clock clock) {
        this.articles = articles;
        this.desk = desk;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::publishDue, properties.scheduledPublishingInterval());
    }

    void publishDue() {
        try {
            transactions.executeWithoutResult(status -> articles.claimDue(clock.instant(), BATCH)
                    .forEach(id -> desk.publish(id, null, IfMatch.ANY)));
        }
        catch (RuntimeException ex) {
            // The articles stay scheduled and the next run tries again.
            log.warn("Publishing scheduled articles failed: {}", ex.toString());
        }
    }
}
