package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.events.ContentTopics;
import dev.tidings.testsupport.SharedInfrastructure;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** What operators rely on: probes, metrics and the topic settings the binder provisions. */
class OperationsIntegrationTests extends RunningContentService {

    @Test
    void readinessIncludesTheDatabase() {
        Response readiness = callWithout("GET", "/actuator/health/readiness", null);

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void outboxMetricsAreExposedForPrometheusToAdminsOnly() {
        callWithout("GET", "/actuator/prometheus", null).assertProblem(401);
        callAs(EDITOR_KEY, "GET", "/actuator/prometheus", null).assertProblem(403);

        Response metrics = call("GET", "/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("tidings_outbox_lag");
    }

    @Test
    void theApiIsDescribedAsOpenApi() {
        Response docs = callWithout("GET", "/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/topics", "/api/articles", "/api/articles/{id}", "/api/articles/{id}/publish");
    }

    @Test
    void theTopicsStreamIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers()))) {
            ConfigResource topics = new ConfigResource(ConfigResource.Type.TOPIC, ContentTopics.TOPICS);
            Config config = admin.describeConfigs(List.of(topics)).all().get().get(topics);

            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }
}
