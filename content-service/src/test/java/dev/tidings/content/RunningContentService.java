package dev.tidings.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.testsupport.RealInfrastructure;
import dev.tidings.testsupport.security.TestJwts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring test configuration of this module: the whole service on a random port, on the
 * shared Kafka broker and a database of its own. Every integration test extends it, so they all
 * share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class RunningContentService {

    /** The local profile's API keys (application-local.yml), one per role. */
    protected static final String WRITER_KEY = "local-writer-key";

    protected static final String EDITOR_KEY = "local-editor-key";

    protected static final String ADMIN_KEY = "local-admin-key";

    /** The key {@link #call} sends: an admin's, who may do everything. */
    protected static final String TOKEN = ADMIN_KEY;

    @DynamicPropertySource
    static void trustTheTestIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                TestJwts.get()::publicKeyLocation);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    /** Sends a request with the admin's API key; {@code body} may be null. */
    protected Response call(String method, String path, String body, String... headers) {
        return callAs(TOKEN, method, path, body, headers);
    }

    /** Sends a request with this bearer token (an API key or a JWT). */
    protected Response callAs(String token, String method, String path, String body, String... headers) {
        String[] withToken = new String[headers.length + 2];
        withToken[0] = "Authorization";
        withToken[1] = "Bearer " + token;
        System.arraycopy(headers, 0, withToken, 2, headers.length);
        return callWithout(method, path, body, withToken);
    }

    /** Sends a JSON request with the API token. */
    protected Response callJson(String method, String path, Object body, String... headers) {
        String[] withType = new String[headers.length + 2];
        withType[0] = "Content-Type";
        withType[1] = "application/json";
        System.arraycopy(headers, 0, withType, 2, headers.length);
        return call(method, path, body instanceof String text ? text : json.writeValueAsString(body), withType);
    }

    /** Sends a request with exactly the given headers (no token unless given). */
    protected Response callWithout(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    protected Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body(), json);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Creates a topic with a unique slug starting with {@code prefix} and returns the slug. */
    protected String newTopic(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = callJson("POST", "/api/topics",
                Map.of("slug", slug, "title", "Topic " + slug, "description", "About " + slug));
        assertThat(created.status()).isEqualTo(201);
        return slug;
    }

    /** A valid article body in {@code topic}. */
    protected Map<String, Object> articleInput(String topic, String title) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("title", title);
        input.put("summary", "What the evidence says.");
        input.put("body", "# Heading\n\nSome **bold** text and a [link](https://example.org/study).");
        input.put("author", "Dr. Ada Lovelace");
        input.put("topics", List.of(topic));
        input.put("tags", List.of("basics"));
        return input;
    }

    /** Creates a draft and returns its JSON. */
    protected JsonNode newDraft(String topic, String title) {
        Response created = callJson("POST", "/api/articles", articleInput(topic, title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** An HTTP response as a test sees it. */
    protected record Response(int status, Map<String, List<String>> headers, String body, JsonMapper mapper) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public JsonNode json() {
            return mapper.readTree(body);
        }

        public void assertProblem(int expectedStatus) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(json().get("status").asInt()).isEqualTo(expectedStatus);
        }
    }
}
