package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/** What operators rely on: probes and metrics. */
class OperationsIntegrationTests extends RunningContentService {

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    @Qualifier("kafka")
    HealthIndicator kafka;

    @Test
    void readinessIncludesTheDatabase() {
        Response readiness = callWithout("GET", "/actuator/health/readiness", null);

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessAsksTheKafkaClusterAndLivenessDoesNot() {
        assertThat(healthGroups.get("readiness").isMember("kafka")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("kafka")).isFalse();
        assertThat(kafka.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void outboxMetricsAreExposedForPrometheusToAdminsOnly() {
        callWithout("GET", "/actuator/prometheus", null).assertProblem(401);
        callAs(EDITOR_KEY, "GET", "/actuator/prometheus", null).assertProblem(403);

        Response metrics = call("GET", "/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("tidings_outbox_lag", "tidings_outbox_oldest_age_seconds");
    }

    @Test
    void theApiIsDescribedAsOpenApi() {
        Response docs = callWithout("GET", "/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/topics", "/api/articles", "/api/articles/{id}", "/api/articles/{id}/publish");
    }
}
