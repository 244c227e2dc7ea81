package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.NotifierIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a clear 4xx and leaves nothing behind. */
class SubscriptionInputIntegrationTests extends NotifierIntegrationTest {

    private String topic;

    private long subscribersBefore;

    @BeforeEach
    void knownTopicAndState() {
        topic = uniqueSlug("vitamins");
        knownTopic(topic, "Vitamins");
        subscribersBefore = subscriberCount();
    }

    @Test
    void apiRejectsHeaderInjectionInTheEmail() {
        String crlf = "{\"email\":\"eve@example.test\\r\\nBcc: victim@example.test\",\"topics\":[\"" + topic + "\"]}";
        assertProblem(postJson("/api/subscriptions", crlf), 400, "line breaks or control characters");
        String nul = "{\"email\":\"eve\\u0000@example.test\",\"topics\":[\"" + topic + "\"]}";
        assertProblem(postJson("/api/subscriptions", nul), 400, "control characters");
        assertNothingStored();
    }

    @Test
    void apiRejectsMarkupAndMalformedAddresses() {
        assertProblem(postJson("/api/subscriptions",
                "{\"email\":\"<script>alert(1)</script>@example.test\",\"topics\":[\"" + topic + "\"]}"), 400,
                "not a valid address");
        assertProblem(postJson("/api/subscriptions", "{\"email\":\"not-an-address\",\"topics\":[\"" + topic + "\"]}"),
                400, "not a valid address");
        String tooLong = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60)
                + ".example.test";
        assertProblem(postJson("/api/subscriptions", "{\"email\":\"" + tooLong + "\",\"topics\":[\"" + topic + "\"]}"),
                400, "at most 254 characters");
        assertNothingStored();
    }

    @Test
    void apiRejectsMissingFieldsAndUnknownTopics() {
        assertProblem(postJson("/api/subscriptions", "{\"topics\":[\"" + topic + "\"]}"), 400, "email is required");
        assertProblem(postJson("/api/subscriptions", "{\"email\":\"ok@example.test\"}"), 400,
                "choose at least one topic");
        assertProblem(postJson("/api/subscriptions", "{\"email\":\"ok@example.test\",\"topics\":[]}"), 400,
                "choose at least one topic");
        HttpResponse<String> unknown = postJson("/api/subscriptions",
                "{\"email\":\"ok@example.test\",\"topics\":[\"" + topic + "\",\"no-such-topic\"]}");
        assertProblem(unknown, 400, "unknown topic: no-such-topic");
        assertThat(unknown.body()).contains("\"unknownTopics\":[\"no-such-topic\"]");
        assertNothingStored();
    }

    @Test
    void apiRejectsUnreadableBodies() {
        assertProblem(postJson("/api/subscriptions", "{\"email\":"), 400, "not valid JSON");
        assertProblem(postJson("/api/subscriptions", "{\"email\":\"ok@example.test\",\"topics\":{\"a\":1}}"), 400,
                "not valid JSON");
        String oversized = "{\"email\":\"ok@example.test\",\"topics\":[\"" + topic + "\"],\"padding\":\""
                + "x".repeat(5000) + "\"}";
        assertProblem(postJson("/api/subscriptions", oversized), 413, "larger than");
        HttpResponse<String> xml = send(HttpRequest.newBuilder(uri("/api/subscriptions"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<subscription/>")).build());
        assertThat(xml.statusCode()).isEqualTo(415);
        assertProblemJson(xml);
        assertNothingStored();
    }

    @Test
    void apiAnswersWrongMethodsAndUnknownPathsWithProblems() {
        // Closed unless a rule opens it: only POST is open on the subscribe API, and nothing on unknown paths.
        HttpResponse<String> wrongMethod = get("/api/subscriptions");
        assertThat(wrongMethod.statusCode()).isEqualTo(401);
        assertProblemJson(wrongMethod);
        HttpResponse<String> unknownPath = get("/api/nothing-here");
        assertThat(unknownPath.statusCode()).isEqualTo(401);
        assertProblemJson(unknownPath);
    }

    @Test
    void formAnswersBadInputWithAnEscapedHtmlPage() {
        HttpResponse<String> crlf = postForm("/subscribe",
                "email=" + encode("eve@example.test\r\nBcc: victim@example.test") + "&topics=" + topic);
        assertHtmlError(crlf, 400, "line breaks or control characters");

        HttpResponse<String> script = postForm("/subscribe",
                "email=" + encode("<script>alert(1)</script>@example.test") + "&topics=" + topic);
        assertHtmlError(script, 400, "not a valid address");
        assertThat(script.body()).doesNotContain("<script>");

        HttpResponse<String> unknownTopic = postForm("/subscribe",
                "email=ok%40example.test&topics=" + encode("<b>nope</b>"));
        assertHtmlError(unknownTopic, 400, "unknown topic: &lt;b&gt;nope&lt;/b&gt;");

        assertHtmlError(postForm("/subscribe", "email=ok%40example.test"), 400, "choose at least one topic");
        assertHtmlError(postForm("/subscribe", "email=ok%40example.test&topics=" + topic + "&padding="
                + "x".repeat(5000)), 413, "larger than");
        assertNothingStored();
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertProblemJson(response);
        assertThat(response.body()).contains(detail);
    }

    private void assertHtmlError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertHtml(response);
        assertThat(response.body()).contains(text);
    }

    private void assertNothingStored() {
        assertThat(subscriberCount()).isEqualTo(subscribersBefore);
        assertThat(mailsTo("ok@example.test")).isEmpty();
        assertThat(mailsTo("eve@example.test")).isEmpty();
        assertThat(mailsTo("victim@example.test")).isEmpty();
    }

    private long subscriberCount() {
        return jdbc.sql("SELECT count(*) FROM subscribers").query(Long.class).single();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
