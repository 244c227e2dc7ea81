package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What operators rely on: probes and metrics. */
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
}
