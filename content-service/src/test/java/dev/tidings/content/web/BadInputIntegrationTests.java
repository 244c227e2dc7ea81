package dev.tidings.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input gets a 4xx problem and changes nothing stored. */
class BadInputIntegrationTests extends RunningContentService {

    private String topic;

    private String id;

    private String stored;

    @BeforeEach
    void draft() {
        topic = newTopic("bad-input");
        id = newDraft(topic, "A stable draft").get("id").asString();
        stored = currentArticle();
    }

    static Stream<Arguments> badArticles() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\": \"Unclosed", 400, null),
                Arguments.of("not an object", "[1, 2]", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("missing fields", "{}", 400, "title"),
                Arguments.of("wrong type", "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":{\"a\":1}}",
                        400, null),
                Arguments.of("XML-illegal \\u0001 in title",
                        "{\"title\":\"Bad\\u0001title\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"]}", 400,
                        "title"),
                Arguments.of("NUL in body",
                        "{\"title\":\"T\",\"body\":\"b\\u0000ody\",\"author\":\"A\",\"topics\":[\"%s\"]}", 400, "body"),
                Arguments.of("unpaired surrogate in summary",
                        "{\"title\":\"T\",\"summary\":\"\\ud800\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"]}",
                        400, "summary"),
                Arguments.of("CRLF in title",
                        "{\"title\":\"T\\r\\nBcc: victim@example.org\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"]}",
                        400, "title"),
                Arguments.of("LF in author",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\\nB\",\"topics\":[\"%s\"]}", 400, "author"),
                Arguments.of("CR in a tag",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],\"tags\":[\"a\\rb\"]}",
                        400, "tags[0]"),
                Arguments.of("title too long",
                        "{\"title\":\"" + "x".repeat(301) + "\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"]}",
                        400, "title"),
                Arguments.of("no topics", "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[]}", 400,
                        "topics"),
                Arguments.of("unknown topic",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\",\"no-such-topic\"]}", 400,
                        "topics"),
                Arguments.of("invalid slug",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],\"slug\":\"Not A Slug\"}",
                        400, "slug"),
                Arguments.of("javascript: canonical URL",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],"
                                + "\"canonicalUrl\":\"javascript:alert(1)\"}", 400, "canonicalUrl"),
                Arguments.of("relative image URL",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],\"imageUrl\":\"/x.png\"}",
                        400, "imageUrl"),
                Arguments.of("title only markup",
                        "{\"title\":\"<script>alert(1)</script>\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"]}",
                        400, "title"),
                Arguments.of("too many tags",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],\"tags\":["
                                + "\"t\",".repeat(20) + "\"t\"]}", 400, "tags"),
                Arguments.of("correction note with markup",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],"
                                + "\"correctionNote\":\"<b>Fixed</b> the dose\"}", 400, "correctionNote"),
                Arguments.of("correction note on two lines",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],"
                                + "\"correctionNote\":\"Fixed the dose.\\r\\nBcc: x@example.com\"}", 400, "correctionNote"),
                Arguments.of("correction note over 500 characters",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],"
                                + "\"correctionNote\":\"" + "x".repeat(501) + "\"}", 400, "correctionNote"),
                Arguments.of("correction note on a draft",
                        "{\"title\":\"T\",\"body\":\"b\",\"author\":\"A\",\"topics\":[\"%s\"],"
                                + "\"correctionNote\":\"Fixed the dose.\"}", 400, "correctionNote"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArticles")
    void badArticlesAreRefusedAndNothingIsStored(String name, String body, int status, String field) {
        String json = body.formatted(topic);
        long articles = articleCount();

        Response created = callJson("POST", "/api/articles", json);
        created.assertProblem(status);
        assertNamesField(created, field);
        assertThat(articleCount()).isEqualTo(articles);

        Response edited = callJson("PUT", "/api/articles/" + id, json, "If-Match", "\"1\"");
        edited.assertProblem(status);
        assertNamesField(edited, field);
        assertThat(currentArticle()).isEqualTo(stored);
    }

    @Test
    void anUnknownTopicIsNamedInTheProblem() {
        Map<String, Object> input = articleInput(topic, "T");
        input.put("topics", List.of(topic, "no-such-topic"));

        Response response = callJson("POST", "/api/articles", input);

        response.assertProblem(400);
        assertThat(response.json().get("detail").asString()).contains("no-such-topic");
    }

    @Test
    void scriptInTitleAndBodyIsStoredAsHarmlessText() {
        Map<String, Object> input = articleInput(topic, "<script>alert(1)</script>Eczema");
        input.put("summary", "<img src=x onerror=alert(1)>Itchy <b>skin</b>");
        input.put("body", "<script>alert(1)</script>\n\nRead <a href=\"javascript:alert(1)\" onclick=\"x()\">this</a>.");

        Response created = callJson("POST", "/api/articles", input);

        assertThat(created.status()).isEqualTo(201);
        JsonNode article = call("GET", "/api/articles/" + created.json().get("id").asString(), null).json();
        assertThat(article.get("title").asString()).isEqualTo("Eczema");
        assertThat(article.get("summary").asString()).isEqualTo("Itchy skin");
        assertThat(article.get("bodyHtml").asString()).contains("this")
                .doesNotContain("<script", "alert", "onclick", "javascript:");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"title\":\"T\",\"body\":\"" + "x".repeat(1_100_000) + "\"}";
        long articles = articleCount();

        callJson("POST", "/api/articles", huge).assertProblem(413);

        HttpRequest streamed = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/articles"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                // No Content-Length: the body arrives chunked and is counted as it is read.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                .build();
        send(streamed).assertProblem(413);
        assertThat(articleCount()).isEqualTo(articles);
    }

    @Test
    void aBodyTooLongForTheFieldLimitIsABadRequest() {
        Map<String, Object> input = articleInput(topic, "Long");
        input.put("body", "x".repeat(200_001));

        Response response = callJson("POST", "/api/articles", input);

        response.assertProblem(400);
        assertNamesField(response, "body");
    }

    @Test
    void aBodyThatRendersToMoreHtmlThanAnEventCanCarryIsABadRequest() {
        Map<String, Object> input = articleInput(topic, "Many links");
        // 195 000 characters of autolinks render to about 855 000 bytes of HTML.
        input.put("body", "<http://a.b>\n".repeat(15_000));

        Response response = callJson("POST", "/api/articles", input);

        response.assertProblem(400);
        assertNamesField(response, "body");
    }

    @Test
    void protocolMistakesGetProblems() {
        call("POST", "/api/articles", "title=T", "Content-Type", "text/plain").assertProblem(415);
        // No rule opens a method or path the API does not have, so even an admin is refused.
        call("DELETE", "/api/articles/" + id, null).assertProblem(403);
        call("GET", "/api/nothing-here", null).assertProblem(403);
        call("GET", "/api/articles/not-a-uuid", null).assertProblem(400);
        call("GET", "/api/articles?status=LOST", null).assertProblem(400);
        callJson("POST", "/api/articles/" + id + "/retract", "{}").assertProblem(400);
        assertThat(currentArticle()).isEqualTo(stored);
    }

    private void assertNamesField(Response response, String field) {
        if (field != null) {
            assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
        }
    }

    private String currentArticle() {
        return call("GET", "/api/articles/" + id, null).body();
    }

    private long articleCount() {
        return jdbc.sql("SELECT count(*) FROM articles").query(Long.class).single();
    }
}
