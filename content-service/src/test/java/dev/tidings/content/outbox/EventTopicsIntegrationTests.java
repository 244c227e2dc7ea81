package dev.tidings.content.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.content.ContentProperties;
import dev.tidings.content.RunningContentService;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.testsupport.KafkaTestClient;
import dev.tidings.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event topics as content-service provisions them on the real broker. */
class EventTopicsIntegrationTests extends RunningContentService {

    private final Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.kafkaBootstrapServers()));

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void bothEventTopicsHaveTheConfiguredPartitionsAndKeepTheLatestEventOfEveryKeyForever() throws Exception {
        for (String topic : List.of(ContentTopics.ARTICLES, ContentTopics.TOPICS)) {
            assertThat(description(topic).partitions()).as(topic).hasSize(6)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            Config config = config(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic).isEqualTo("compact");
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic).isEqualTo("-1");
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).as(topic).isEqualTo("1");
        }
    }

    @Test
    void anExistingTopicGetsMorePartitionsNeverFewerAndTheEventTopicConfigs() throws Exception {
        // Topics of this test's own, so the shared broker's content topics keep their settings.
        String fewer = "provisioning-fewer-" + UUID.randomUUID();
        String more = "provisioning-more-" + UUID.randomUUID();
        admin.createTopics(List.of(
                new NewTopic(fewer, 2, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete",
                        TopicConfig.RETENTION_MS_CONFIG, "86400000")),
                new NewTopic(more, 8, (short) 1))).all().get();
        EventTopicProvisioner provisioner = new EventTopicProvisioner(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()),
                new ContentProperties.EventTopics(6, 1, 1));

        provisioner.provision(List.of(fewer, more));

        // As with the configs below: the broker that answers may learn of the new partitions a moment later.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(description(fewer).partitions()).hasSize(6));
        assertThat(description(more).partitions()).hasSize(8);
        for (String topic : List.of(fewer, more)) {
            // The controller has the change; the broker answering describeConfigs applies it a moment later.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(config(topic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
                assertThat(config(topic).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            });
        }
        // Once more, as a second instance would: nothing left to change.
        provisioner.provision(List.of(fewer, more));
        assertThat(description(fewer).partitions()).hasSize(6);
    }

    @Test
    void allEventsOfAnArticleGoToThePartitionKafkasDefaultPartitionerPicksForItsId() {
        String topic = newTopic("partitioning");
        String id = newDraft(topic, "Sleep and the skin").get("id").asString();
        call("POST", "/api/articles/" + id + "/publish", null);
        for (int correction = 1; correction <= 3; correction++) {
            var current = call("GET", "/api/articles/" + id, null);
            var input = articleInput(topic, "Sleep and the skin");
            input.put("summary", "Correction " + correction);
            callJson("PUT", "/api/articles/" + id, input, "If-Match", current.header("ETag"));
        }
        callJson("POST", "/api/articles/" + id + "/retract", Map.of("reason", "Superseded."));

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 5);

        int expectedPartition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 6;
        assertThat(records).hasSize(5).allSatisfy(record -> assertThat(record.partition()).isEqualTo(expectedPartition));
        assertThat(records.stream().map(record -> json.readValue(record.value(), ArticleSnapshot.class).version()))
                .isSorted();
        // A retraction is the article's latest value, not a tombstone that compaction would turn into nothing.
        assertThat(records.get(4).value()).isNotNull();
        assertThat(json.readValue(records.get(4).value(), ArticleSnapshot.class).retracted()).isTrue();
    }

    private TopicDescription description(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
