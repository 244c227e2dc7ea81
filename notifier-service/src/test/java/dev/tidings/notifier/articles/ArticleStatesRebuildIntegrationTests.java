package dev.tidings.notifier.articles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.notifier.NotifierServiceApplication;
import dev.tidings.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Article states and topics rebuilt from the log ({@code rebuild} profile) equal the ones the live
 * consumers stored event by event, and the rebuild queues no delivery for any of them.
 */
class ArticleStatesRebuildIntegrationTests extends NotifierIntegrationTest {

    @Test
    void rebuiltArticleStatesAndTopicsEqualTheLiveOnesAndQueueNothing() {
        String topic = uniqueSlug("rebuild");
        String renamed = uniqueSlug("renamed");
        knownTopic(topic, "Rebuilt topic");
        kafka.send(new TopicSnapshot(renamed, 1, "Before", "Before the rename"));
        kafka.send(new TopicSnapshot(renamed, 2, "After", "After the rename"));
        // A topic event the database rejects (U+0000 in its title): dead-lettered live, skipped by the rebuild.
        String unstorable = uniqueSlug("unstorable");
        kafka.send(new TopicSnapshot(unstorable, 1, "Nul \u0000 inside", "Cannot be stored"));
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ArticleSnapshot article = article(UUID.randomUUID(), 1, "Rebuilt " + i, List.of(topic, renamed));
            ids.add(article.id());
            kafka.send(ArticleEventType.PUBLISHED, article);
            if (i % 3 == 0) {
                article = article(article.id(), 2, "Corrected " + i, List.of(topic));
                kafka.send(ArticleEventType.UPDATED, article);
            }
            if (i % 4 == 1) {
                kafka.send(ArticleEventType.RETRACTED, retraction(article, article.version() + 1));
            }
        }
        // A redelivery of an old version, which both must ignore.
        kafka.send(ArticleEventType.PUBLISHED, article(ids.get(0), 1, "Rebuilt 0", List.of(topic, renamed)));
        // PostgreSQL text cannot hold U+0000: the live consumer dead-letters this event, the rebuild skips it.
        ArticleSnapshot sane = article(UUID.randomUUID(), 1, "Nul", List.of(topic));
        ids.add(sane.id());
        kafka.send(ArticleEventType.PUBLISHED, new ArticleSnapshot(sane.id(), 1, sane.slug(), "Nul \u0000 inside",
                sane.summary(), sane.bodyHtml(), sane.canonicalUrl(), sane.author(), sane.topics(), sane.tags(),
                sane.publishedAt(), sane.updatedAt(), null, null, null));
        // Topics the statement must store as they are: quotes, a backslash, a comma, braces and the word NULL.
        List<String> hostileTopics = List.of(topic, "say \"hi\", {braced}", "back\\slash", "NULL");
        ArticleSnapshot hostile = article(UUID.randomUUID(), 1, "Hostile topics", hostileTopics);
        ids.add(hostile.id());
        kafka.send(ArticleEventType.PUBLISHED, hostile);
        ArticleSnapshot last = article(UUID.randomUUID(), 1, "Last", List.of(topic));
        ids.add(last.id());
        kafka.send(ArticleEventType.PUBLISHED, last);
        await().atMost(PATIENCE).until(() -> articleRows(jdbc, ids).size() == 14
                && topicRows(jdbc, List.of(renamed)).toString().contains("After the rename"));
        await().atMost(PATIENCE).until(() -> deliveries(jdbc) > 0);

        try (ConfigurableApplicationContext rebuilt = rebuildFromTheLog()) {
            JdbcClient rebuiltDatabase = rebuilt.getBean(JdbcClient.class);
            assertThat(articleRows(rebuiltDatabase, ids)).hasSize(14).isEqualTo(articleRows(jdbc, ids));
            assertThat(topicRows(rebuiltDatabase, List.of(topic, renamed, unstorable))).hasSize(2)
                    .isEqualTo(topicRows(jdbc, List.of(topic, renamed, unstorable)));
            assertThat(articleRows(rebuiltDatabase, ids).toString()).contains("Corrected 0").doesNotContain("Nul");
            assertThat(rebuiltDatabase.sql("SELECT topics FROM articles WHERE id = :id").param("id", hostile.id())
                    .query((rs, row) -> List.of((String[]) rs.getArray("topics").getArray())).single())
                    .isEqualTo(hostileTopics);
            assertThat(deliveries(rebuiltDatabase)).isZero();
            // Other tests' rejected events are in the log too.
            assertThat(rebuilt.getBean(ArticleStatesRebuild.class).figures().skipped()).isPositive();
        }
    }

    /**
     * Runs the service's rebuild on a fresh database, as the jar does (the jar then exits; here the
     * context stays until the test closes it).
     */
    private static ConfigurableApplicationContext rebuildFromTheLog() {
        SharedInfrastructure.Database database = SharedInfrastructure.newDatabase("notifier_rebuilt");
        String brokers = SharedInfrastructure.kafkaBootstrapServers();
        return new SpringApplicationBuilder(NotifierServiceApplication.class)
                .profiles("local", "rebuild")
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                        "--spring.mail.host=" + SMTP.getSmtp().getBindTo(),
                        "--spring.mail.port=" + SMTP.getSmtp().getPort());
    }

    private static List<String> articleRows(JdbcClient database, List<UUID> ids) {
        return database.sql("SELECT CAST(row_to_json(a) AS text) FROM articles a WHERE id = ANY(:ids) ORDER BY id")
                .param("ids", ids.toArray(UUID[]::new))
                .query(String.class)
                .list();
    }

    private static List<String> topicRows(JdbcClient database, List<String> slugs) {
        return database.sql("SELECT CAST(row_to_json(t) AS text) FROM topics t WHERE slug = ANY(:slugs) ORDER BY slug")
                .param("slugs", slugs.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    private static long deliveries(JdbcClient database) {
        return database.sql("SELECT count(*) FROM deliveries").query(Long.class).single();
    }
}
