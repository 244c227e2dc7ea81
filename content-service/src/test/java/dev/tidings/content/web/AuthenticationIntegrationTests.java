package dev.tidings.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import org.junit.jupiter.api.Test;

class AuthenticationIntegrationTests extends RunningContentService {

    private static final String TOPIC = "{\"slug\":\"auth-test\",\"title\":\"Auth\"}";

    @Test
    void writesWithoutTheTokenAreUnauthorized() {
        Response missing = callWithout("POST", "/api/topics", TOPIC, "Content-Type", "application/json");
        missing.assertProblem(401);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");

        callWithout("POST", "/api/topics", TOPIC, "Content-Type", "application/json",
                "Authorization", "Bearer wrong-token").assertProblem(401);
        callWithout("POST", "/api/topics", TOPIC, "Content-Type", "application/json",
                "Authorization", "Basic " + TOKEN).assertProblem(401);
        assertThat(callWithout("GET", "/api/topics/auth-test", null).status()).isEqualTo(404);
    }

    @Test
    void articlesAreNotReadableWithoutTheToken() {
        callWithout("GET", "/api/articles", null).assertProblem(401);
        callWithout("GET", "/api/articles?status=DRAFT", null, "Authorization", "Bearer wrong").assertProblem(401);
    }

    @Test
    void topicsAreReadableWithoutTheToken() {
        assertThat(callWithout("GET", "/api/topics", null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/articles", null).status()).isEqualTo(200);
    }
}
