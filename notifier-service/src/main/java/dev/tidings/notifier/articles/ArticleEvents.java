package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.notifier.ledger.Deliveries;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one article event in one transaction: the article state and the delivery ledger change
 * together, so a crash between them cannot lose or duplicate emails.
 *
 * <p>Idempotent: an event whose version is not newer than the stored one changes nothing.
 */
@Service
public class ArticleEvents {

    private static final Logger log = LoggerFactory.getLogger(ArticleEvents.class);

    private final ArticleStates articles;

    private final Deliveries deliveries;

    private final Clock clock;

    ArticleEvents(ArticleStates articles, Deliveries deliveries, Clock clock) {
        this.articles = articles;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Transactional
    public void apply(ArticleEventType type, ArticleSnapshot article) {
        if (!articles.apply(article)) {
            log.debug("Ignoring {} of article {} version {}: not newer than stored", type.ceType(), article.id(),
                    article.version());
            return;
        }
        switch (type) {
            case PUBLISHED -> {
                if (!article.retracted()) {
                    int queued = deliveries.queueArticle(article.id(), article.topics());
                    log.info("Article {} published: {} deliveries queued", article.id(), queued);
                }
            }
            case UPDATED -> log.debug("Article {} corrected to version {}", article.id(), article.version());
            case RETRACTED -> {
                articles.markRetracted(article.id(),
                        article.retractedAt() != null ? article.retractedAt() : clock.instant());
                int cancelled = deliveries.cancelPendingOfArticle(article.id());
                log.info("Article {} retracted: {} pending emails cancelled", article.id(), cancelled);
            }
        }
    }
}
