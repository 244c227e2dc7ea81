package dev.tidings.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Walks every route a running service maps (read from Spring MVC's handler mappings, actuator's
 * included) and checks each against the access the test expects of it: a route the test does not
 * list, or lists but the service no longer maps, fails; a closed route must answer 401 without
 * credentials and 403 with a role below the one it needs, for its plain path and for the variants
 * people use to slip past string tests (percent-encoding, upper case, a trailing slash, HEAD,
 * OPTIONS), and 400 for the ambiguous forms the firewall rejects ({@code ;} parameters, {@code //});
 * and the role it needs must get past security.
 */
public final class RouteAccessWalk {

    /**
     * Who may call a route. {@code NOBODY}: the route is mapped but closed to every caller, like the
     * static-resource handlers Spring Boot maps whether or not a service has such files.
     */
    public enum Access { PUBLIC, WRITER, EDITOR, ADMIN, NOBODY }

    /**
     * Bearer tokens for one access level.
     *
     * @param allowed a token with exactly the role the routes need
     * @param tooWeak a valid token whose role is not enough
     */
    public record Credentials(String allowed, String tooWeak) {
    }

    private final ApplicationContext context;

    private final String baseUrl;

    private final Map<Access, Credentials> credentials;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RouteAccessWalk(ApplicationContext context, int port, Map<Access, Credentials> credentials) {
        this.context = context;
        this.baseUrl = "http://localhost:" + port;
        this.credentials = credentials;
    }

    /**
     * Every route the service maps, as {@code "METHOD /pattern"}: its controllers' and, as {@code
     * GET}, its static-resource handlers' (which answer HEAD too).
     */
    public Set<String> mappedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (SimpleUrlHandlerMapping mapping : context.getBeansOfType(SimpleUrlHandlerMapping.class).values()) {
            mapping.getHandlerMap().forEach((pattern, handler) -> {
                if (handler instanceof ResourceHttpRequestHandler) {
                    routes.add("GET " + pattern);
                }
            });
        }
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add("* " + pattern);
                    }
                    methods.forEach(method -> routes.add(method.name() + " " + pattern));
                }
            }
        }
        return routes;
    }

    /**
     * The routes every service maps through service-security and Spring Boot: the admin API of API
     * keys and the audit log, actuator and the error page.
     */
    public static final Map<String, Access> SHARED_ROUTES = Map.ofEntries(
            Map.entry("GET /api/admin/api-keys", Access.ADMIN),
            Map.entry("POST /api/admin/api-keys", Access.ADMIN),
            Map.entry("DELETE /api/admin/api-keys/{id}", Access.ADMIN),
            Map.entry("GET /api/admin/audit-log", Access.ADMIN),
            Map.entry("* /error", Access.PUBLIC),
            Map.entry("GET /webjars/**", Access.NOBODY),
            Map.entry("GET /actuator", Access.ADMIN),
            Map.entry("GET /actuator/health", Access.PUBLIC),
            Map.entry("GET /actuator/health/**", Access.PUBLIC),
            Map.entry("GET /actuator/info", Access.ADMIN),
            Map.entry("GET /actuator/prometheus", Access.ADMIN));

    /**
     * Checks every mapped route against the service's own routes ({@code "METHOD /pattern"} to
     * access) and {@link #SHARED_ROUTES}.
     */
    public void verify(Map<String, Access> serviceRoutes) {
        Map<String, Access> expected = new HashMap<>(SHARED_ROUTES);
        expected.putAll(serviceRoutes);
        Set<String> mapped = mappedRoutes();
        assertThat(expected.keySet())
                .as("every mapped route needs an access rule in this test, and every rule a route")
                .containsExactlyInAnyOrderElementsOf(mapped);
        List<String> failures = new ArrayList<>();
        expected.forEach((route, access) -> {
            if (access != Access.PUBLIC) {
                walk(route, access, failures);
            }
        });
        assertThat(failures).as("routes that answered otherwise than their access rule says").isEmpty();
    }

    private void walk(String route, Access access, List<String> failures) {
        String method = route.substring(0, route.indexOf(' '));
        String requestMethod = method.equals("*") ? "GET" : method;
        String path = concrete(route.substring(route.indexOf(' ') + 1));
        if (access == Access.NOBODY) {
            expect(failures, route, "closed, no credentials", requestMethod, path, null, 401);
            credentials.forEach((level, tokens) -> expect(failures, route, "closed, role " + level, requestMethod,
                    path, tokens.allowed(), 403));
            return;
        }
        Credentials tokens = credentials.get(access);

        expect(failures, route, "plain, no credentials", requestMethod, path, null, 401);
        expect(failures, route, "plain, role too weak", requestMethod, path, tokens.tooWeak(), 403);
        int allowed = status(requestMethod, path, tokens.allowed());
        if (allowed == 401 || allowed == 403) {
            failures.add(route + " [plain, role " + access + "]: " + allowed + " (the role it needs is refused)");
        }

        String encoded = percentEncodeFirstLetter(path);
        String upper = path.toUpperCase(Locale.ROOT);
        String trailing = path.endsWith("/") ? path + "x" : path + "/";
        for (String[] variant : new String[][] { { "percent-encoded", encoded }, { "upper case", upper },
                { "trailing slash", trailing } }) {
            expect(failures, route, variant[0] + ", no credentials", requestMethod, variant[1], null, 401);
            expect(failures, route, variant[0] + ", role too weak", requestMethod, variant[1], tokens.tooWeak(), 403);
        }
        if (requestMethod.equals("GET")) {
            expect(failures, route, "HEAD, no credentials", "HEAD", path, null, 401);
            expect(failures, route, "HEAD, role too weak", "HEAD", path, tokens.tooWeak(), 403);
        }
        expect(failures, route, "OPTIONS, no credentials", "OPTIONS", path, null, 401);
        expect(failures, route, "OPTIONS, role too weak", "OPTIONS", path, tokens.tooWeak(), 403);

        String withParameter = path.replaceFirst("^(/[^/]+)", "$1;x=1");
        String doubled = "/" + path;
        for (String[] variant : new String[][] { { "';' parameter", withParameter }, { "doubled slash", doubled } }) {
            expect(failures, route, variant[0] + ", no credentials", requestMethod, variant[1], null, 400);
            expect(failures, route, variant[0] + ", role too weak", requestMethod, variant[1], tokens.tooWeak(), 400);
        }
    }

    private void expect(List<String> failures, String route, String variant, String method, String path,
            String token, int expected) {
        int status = status(method, path, token);
        if (status != expected) {
            failures.add(route + " [" + variant + "] " + method + " " + path + ": " + status + ", expected " + expected);
        }
    }

    private int status(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The pattern with every variable filled in: a UUID, which any id or slug parameter accepts. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", "3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f").replace("/**", "/x");
    }

    private static String percentEncodeFirstLetter(String path) {
        for (int index = 0; index < path.length(); index++) {
            char c = path.charAt(index);
            if (Character.isLetter(c) && c < 128) {
                return path.substring(0, index) + String.format("%%%02x", (int) c) + path.substring(index + 1);
            }
        }
        return path;
    }
}
