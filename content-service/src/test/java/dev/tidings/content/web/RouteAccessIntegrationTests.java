package dev.tidings.content.web;

import static dev.tidings.testsupport.security.RouteAccessWalk.Access.ADMIN;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.EDITOR;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.NOBODY;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.PUBLIC;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.WRITER;

import dev.tidings.content.RunningContentService;
import dev.tidings.testsupport.security.RouteAccessWalk;
import dev.tidings.testsupport.security.RouteAccessWalk.Access;
import dev.tidings.testsupport.security.RouteAccessWalk.Credentials;
import dev.tidings.testsupport.security.TestJwts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every route content-service maps, with the access it must have. A route added without a line
 * here fails, and so does one whose security does not hold under the usual path tricks.
 */
class RouteAccessIntegrationTests extends RunningContentService {

    private static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("GET /api/topics", PUBLIC),
            Map.entry("GET /api/topics/{slug}", PUBLIC),
            Map.entry("POST /api/topics", ADMIN),
            Map.entry("PUT /api/topics/{slug}", ADMIN),
            Map.entry("GET /api/articles", WRITER),
            Map.entry("GET /api/articles/{id}", WRITER),
            Map.entry("POST /api/articles", WRITER),
            Map.entry("PUT /api/articles/{id}", WRITER),
            Map.entry("POST /api/articles/{id}/publish", EDITOR),
            Map.entry("POST /api/articles/{id}/retract", EDITOR),
            Map.entry("GET /api/admin/outbox/parked", ADMIN),
            Map.entry("GET /api/admin/outbox/parked/{id}", ADMIN),
            Map.entry("POST /api/admin/outbox/parked/{id}/retry", ADMIN),
            Map.entry("DELETE /api/admin/outbox/parked/{id}", ADMIN),
            Map.entry("GET /v3/api-docs", PUBLIC),
            Map.entry("GET /v3/api-docs.yaml", PUBLIC),
            // Spring Boot's static-resource handler; this service has no static files.
            Map.entry("GET /**", NOBODY));

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteIsClosedUnlessARuleOpensIt() {
        String noRoles = TestJwts.get().token("Someone Without Roles");
        new RouteAccessWalk(context, port, Map.of(
                WRITER, new Credentials(WRITER_KEY, noRoles),
                EDITOR, new Credentials(EDITOR_KEY, WRITER_KEY),
                ADMIN, new Credentials(ADMIN_KEY, EDITOR_KEY)))
                .verify(ROUTES);
    }
}
