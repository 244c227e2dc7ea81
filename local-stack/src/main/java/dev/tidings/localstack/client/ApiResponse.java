package dev.tidings.localstack.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service's answer: status, headers and body text (read as JSON on demand). */
public record ApiResponse(String method, URI uri, int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * Returns this response if its status is one of {@code expected}.
     *
     * @throws UnexpectedResponseException otherwise, with the body (a problem detail) in the message
     */
    public ApiResponse expect(int... expected) {
        if (Arrays.stream(expected).noneMatch(code -> code == status)) {
            throw new UnexpectedResponseException(this, expected);
        }
        return this;
    }
}
