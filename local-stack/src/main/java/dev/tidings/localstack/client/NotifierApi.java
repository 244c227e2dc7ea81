package dev.tidings.localstack.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * notifier-service's public subscription API and confirmation pages, as a reader's mail client and
 * browser use them.
 */
public final class NotifierApi {

    private static final Pattern CONFIRMATION_LINK = Pattern.compile(
            "https?://[^\\s\"'<>]+/subscriptions/confirm\\?token=([A-Za-z0-9_.~%-]+)");

    private final JsonHttp http;

    public NotifierApi(URI baseUrl) {
        this.http = new JsonHttp(baseUrl);
    }

    public ApiResponse subscribe(String email, List<String> topics) {
        return http.send(http.request("/api/subscriptions").header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(http.jsonBody(Map.of("email", email, "topics", topics))).build());
    }

    /** The confirmation link in a confirmation mail's text (plain or HTML), if there is one. */
    public static Optional<URI> confirmationLink(String mailText) {
        Matcher matcher = CONFIRMATION_LINK.matcher(mailText);
        return matcher.find() ? Optional.of(URI.create(matcher.group())) : Optional.empty();
    }

    /**
     * Opens the confirmation link (a page with a form, so link scanners confirm nothing) and posts
     * its token, as a reader clicking "Confirm" does.
     *
     * @return the answer to the POST
     */
    public ApiResponse confirm(URI link) {
        http.send(HttpRequest.newBuilder(link).GET().build()).expect(200);
        Matcher matcher = CONFIRMATION_LINK.matcher(link.toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a confirmation link: " + link);
        }
        String token = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
        return http.send(http.request("/subscriptions/confirm")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(JsonHttp.formBody(Map.of("token", token))).build());
    }
}
