package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.notifier.NotifierIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Mail-bombing and probing through the subscribe endpoints. Each test speaks for its own client
 * address through {@code X-Forwarded-For} (trusted here from the loopback proxy), so the per-client
 * buckets of the tests do not mix.
 */
@TestPropertySource(properties = {
        "tidings.notifier.subscribe-limits.per-client=25",
        "tidings.notifier.subscribe-limits.per-client-period=1h",
        "server.forward-headers-strategy=native" })
class SubscribeAbuseIntegrationTests extends NotifierIntegrationTest {

    @Test
    void twentyRequestsForOneAddressSendOneEmailAndAnswerAlikeWhateverTheAddressIs() {
        String topic = uniqueSlug("skin");
        knownTopic(topic, "Skin");
        String victim = uniqueEmail("victim");
        String subscribed = uniqueEmail("subscribed");
        subscribeAndConfirm(subscribed, topic);

        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(subscribe("198.51.100.20", victim, topic));
        }
        answers.add(subscribe("198.51.100.20", subscribed, topic));
        answers.add(subscribe("198.51.100.20", uniqueEmail("fresh"), topic));

        assertThat(answers).as("new, pending and confirmed addresses get the same answer").containsOnly(answers.get(0));
        assertThat(answers.get(0).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> confirmationTokens(victim).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> confirmationTokens(victim).size() == 1);
        assertThat(confirmationTokens(subscribed)).as("nothing new to confirm").hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM confirmation_requests WHERE email = :email")
                .param("email", victim).query(Long.class).single())
                .as("requests beyond the per-address limit are not even recorded").isEqualTo(5);
    }

    @Test
    void aFloodFromOneClientAddressIsSlowedDownWith429AndRetryAfter() {
        String topic = uniqueSlug("gut");
        knownTopic(topic, "Gut");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> response = send(json("203.0.113.9", uniqueEmail("flood"), topic));
            statuses.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : null;
        }

        assertThat(statuses).hasSize(26).containsOnly(202, 429).last().isEqualTo(429);
        assertProblemJson(refused);
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());

        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/subscribe"))
                .header("X-Forwarded-For", "203.0.113.9")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email="
                        + URLEncoder.encode(uniqueEmail("form"), StandardCharsets.UTF_8) + "&topics=" + topic))
                .build());
        assertThat(form.statusCode()).isEqualTo(429);
        assertHtml(form);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> malformed = send(HttpRequest.newBuilder(uri("/api/subscriptions"))
                .header("X-Forwarded-For", "203.0.113.9").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": ")).build());
        assertThat(malformed.statusCode()).as("malformed requests count too").isEqualTo(429);

        assertThat(subscribe("203.0.113.10", uniqueEmail("neighbour"), topic).status())
                .as("another client address").isEqualTo(202);
    }

    private Answer subscribe(String client, String email, String topic) {
        HttpResponse<String> response = send(json(client, email, topic));
        return new Answer(response.statusCode(), response.body());
    }

    private HttpRequest json(String client, String email, String topic) {
        return HttpRequest.newBuilder(uri("/api/subscriptions")).header("X-Forwarded-For", client)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"%s\",\"topics\":[\"%s\"]}".formatted(email, topic)))
                .build();
    }

    private record Answer(int status, String body) {
    }
}
