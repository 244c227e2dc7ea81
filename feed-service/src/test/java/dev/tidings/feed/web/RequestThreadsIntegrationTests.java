package dev.tidings.feed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests run on few threads that queue before the pool grows (tidings.feed.request-threads):
 * here one thread and a queue of one, so that a single request stuck on the database holds every
 * thread there is. Feeds held in memory must still be answered.
 */
@TestPropertySource(properties = { "tidings.feed.request-threads.core=1", "tidings.feed.request-threads.queue=1",
        "tidings.feed.request-threads.max=8" })
class RequestThreadsIntegrationTests extends FeedServiceIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void heldFeedsAreAnsweredWhileARequestWaitsOnTheDatabase() throws Exception {
        String topic = uniqueSlug("busy");
        createTopic(topic, "Busy");
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "Held", "<p>Held.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, article);
        String held = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(held, article.id()).isPresent());

        CompletableFuture<HttpResponse<Void>> stuck;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                // Every render reads feed_changes first: a feed never asked for waits here until the lock goes.
                lock.execute("LOCK TABLE feed_changes IN ACCESS EXCLUSIVE MODE");
            }
            stuck = send("/feeds/tags/" + uniqueSlug("never-held") + ".atom");
            await().atMost(PATIENCE).until(this::aQueryWaitsForALock);

            List<CompletableFuture<HttpResponse<Void>>> readers = IntStream.range(0, 4).mapToObj(i -> send(held))
                    .toList();
            for (CompletableFuture<HttpResponse<Void>> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(stuck).isNotDone();
            locker.rollback();
        }
        assertThat(stuck.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    }

    private CompletableFuture<HttpResponse<Void>> send(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    private boolean aQueryWaitsForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted").query(Long.class).single() > 0;
    }
}
