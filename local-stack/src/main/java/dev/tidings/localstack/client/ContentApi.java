package dev.tidings.localstack.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * content-service's editorial API, as an editor would call it: every request carries the bearer
 * token. Methods return the raw response; callers decide which statuses they expect.
 */
public final class ContentApi {

    private final JsonHttp http;

    private final String token;

    public ContentApi(URI baseUrl, String token) {
        this.http = new JsonHttp(baseUrl);
        this.token = token;
    }

    public ApiResponse createTopic(TopicRequest topic) {
        return http.send(authorized("/api/topics").header("Content-Type", "application/json")
                .POST(http.jsonBody(topic)).build());
    }

    public ApiResponse createArticle(ArticleRequest article) {
        return http.send(authorized("/api/articles").header("Content-Type", "application/json")
                .POST(http.jsonBody(article)).build());
    }

    public ApiResponse article(String id) {
        return http.send(authorized("/api/articles/" + id).GET().build());
    }

    public ApiResponse publish(String id) {
        return http.send(authorized("/api/articles/" + id + "/publish")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A correction of a published article (or an edit of a draft), conditional on its ETag. */
    public ApiResponse update(String id, String etag, ArticleRequest article) {
        return http.send(authorized("/api/articles/" + id).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(http.jsonBody(article)).build());
    }

    public ApiResponse retract(String id, String reason) {
        return http.send(authorized("/api/articles/" + id + "/retract").header("Content-Type", "application/json")
                .POST(http.jsonBody(Map.of("reason", reason))).build());
    }

    private HttpRequest.Builder authorized(String path) {
        return http.request(path).header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** Body of {@code POST /api/topics}. */
    public record TopicRequest(String slug, String title, String description) {
    }

    /** Body of {@code POST /api/articles} and {@code PUT /api/articles/{id}}; null fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArticleRequest(String title, String summary, String body, String author, List<String> topics,
            List<String> tags, String slug, String canonicalUrl) {

        public ArticleRequest {
            topics = List.copyOf(topics);
            tags = List.copyOf(tags);
        }

        public ArticleRequest withBody(String newBody) {
            return new ArticleRequest(title, summary, newBody, author, topics, tags, slug, canonicalUrl);
        }
    }
}
