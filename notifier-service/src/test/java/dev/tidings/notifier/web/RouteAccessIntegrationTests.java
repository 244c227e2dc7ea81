package dev.tidings.notifier.web;

import static dev.tidings.testsupport.security.RouteAccessWalk.Access.ADMIN;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.PUBLIC;

import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.testsupport.security.RouteAccessWalk;
import dev.tidings.testsupport.security.RouteAccessWalk.Access;
import dev.tidings.testsupport.security.RouteAccessWalk.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every route notifier-service maps, with the access it must have. A route added without a line
 * here fails, and so does one whose security does not hold under the usual path tricks.
 */
class RouteAccessIntegrationTests extends NotifierIntegrationTest {

    private static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("GET /", PUBLIC),
            Map.entry("GET /css/**", PUBLIC),
            Map.entry("GET /subscribe", PUBLIC),
            Map.entry("POST /subscribe", PUBLIC),
            Map.entry("POST /api/subscriptions", PUBLIC),
            Map.entry("GET /subscriptions/confirm", PUBLIC),
            Map.entry("POST /subscriptions/confirm", PUBLIC),
            Map.entry("GET /preferences", PUBLIC),
            Map.entry("POST /preferences", PUBLIC),
            Map.entry("GET /preferences/export", PUBLIC),
            Map.entry("GET /preferences/erase", PUBLIC),
            Map.entry("POST /preferences/erase", PUBLIC),
            Map.entry("GET /unsubscribe", PUBLIC),
            Map.entry("POST /unsubscribe", PUBLIC),
            Map.entry("GET /api/deliveries", ADMIN),
            Map.entry("GET /api/deliveries/preview", ADMIN),
            Map.entry("GET /api/admin/suppressions", ADMIN),
            Map.entry("POST /api/admin/suppressions/reports", ADMIN),
            Map.entry("DELETE /api/admin/suppressions", ADMIN),
            Map.entry("GET /api/admin/personal-data", ADMIN),
            Map.entry("DELETE /api/admin/personal-data", ADMIN));

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteIsClosedUnlessARuleOpensIt() {
        new RouteAccessWalk(context, port, Map.of(ADMIN, new Credentials(ADMIN_TOKEN, EDITOR_KEY))).verify(ROUTES);
    }
}
