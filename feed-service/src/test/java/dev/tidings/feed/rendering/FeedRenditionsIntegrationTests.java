package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class FeedRenditionsIntegrationTests extends FeedServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aFeedIsRenderedOncePerChangeAndThenServedFromMemory() {
        String topic = uniqueSlug("once");
        createTopic(topic, "Once");
        String path = "/feeds/" + topic + ".atom";
        ArticleSnapshot first = article(UUID.randomUUID(), 1, "First", "<p>First.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, first);
        await().atMost(PATIENCE).until(() -> entryOf(path, first.id()).isPresent());
        double renders = renders();
        double fromMemory = count("tidings.feed.served");
        String etag = get(path).headers().firstValue("ETag").orElseThrow();

        for (int i = 0; i < 10; i++) {
            assertThat(get(path).statusCode()).isEqualTo(200);
            assertThat(get(path, "Accept-Encoding", "gzip").statusCode()).isEqualTo(200);
            assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
            assertThat(exchange("HEAD", path).statusCode()).isEqualTo(200);
        }

        assertThat(renders()).isEqualTo(renders);
        assertThat(count("tidings.feed.served")).isEqualTo(fromMemory + 41);

        ArticleSnapshot second = article(UUID.randomUUID(), 2, "Second", "<p>Second.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, second);
        await().atMost(PATIENCE).until(() -> get(path, "If-None-Match", etag).statusCode() == 200);
        // Rendered once for the change (ahead of readers, or by the first of them); from then on bytes again.
        double rendersAfterChange = renders();
        double fromMemoryAfterChange = count("tidings.feed.served");
        for (int i = 0; i < 10; i++) {
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
        assertThat(renders()).isEqualTo(rendersAfterChange);
        assertThat(count("tidings.feed.served")).isEqualTo(fromMemoryAfterChange + 10);
    }

    @Test
    void aChangeAppliedByAnotherInstanceReachesTheRenditionsHeldHere() {
        // What another instance's consumer commits: the notification names each feed with its new revision.
        assertAChangeElsewhereReachesThisInstance("revision || ' ' || feed");
    }

    @Test
    void aNotificationOfAnOlderReleaseWithNamesOnlyStillReachesTheRenditionsHeldHere() {
        // During a rolling upgrade, instances of the previous release notify with the feeds' names only.
        assertAChangeElsewhereReachesThisInstance("feed");
    }

    private void assertAChangeElsewhereReachesThisInstance(String payload) {
        String topic = uniqueSlug("elsewhere");
        createTopic(topic, "Before");
        String path = "/feeds/" + topic + ".rss";
        assertThat(feed(path).getTitle()).isEqualTo("Tidings: Before");

        // The row, the stamp and the notification, committed by another instance; this one's consumer never sees it.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE topics SET title = 'After', version = version + 1 WHERE slug = :slug")
                    .param("slug", topic).update();
            jdbc.sql("""
                    WITH touched AS (
                        UPDATE feed_changes SET revision = revision + 1, changed_at = changed_at + interval '1 second'
                        WHERE feed = :slug RETURNING feed, revision)
                    SELECT pg_notify('feed_changes', %s) FROM touched""".formatted(payload))
                    .param("slug", topic).query((rs, row) -> row).list();
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> feed(path).getTitle().equals("Tidings: After"));
    }

    private double renders() {
        Timer timer = meters.find("tidings.feed.renders").timer();
        return timer == null ? 0 : timer.count();
    }

    private double count(String meter) {
        Counter counter = meters.find(meter).counter();
        return counter == null ? 0 : counter.count();
    }
}
