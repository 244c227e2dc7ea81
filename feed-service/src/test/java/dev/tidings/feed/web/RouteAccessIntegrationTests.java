package dev.tidings.feed.web;

import static dev.tidings.testsupport.security.RouteAccessWalk.Access.ADMIN;
import static dev.tidings.testsupport.security.RouteAccessWalk.Access.PUBLIC;

import dev.tidings.feed.FeedServiceIntegrationTest;
import dev.tidings.testsupport.security.RouteAccessWalk;
import dev.tidings.testsupport.security.RouteAccessWalk.Access;
import dev.tidings.testsupport.security.RouteAccessWalk.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every route feed-service maps, with the access it must have. A route added without a line here
 * fails, and so does one whose security does not hold under the usual path tricks.
 */
class RouteAccessIntegrationTests extends FeedServiceIntegrationTest {

    private static final Map<String, Access> ROUTES = Map.ofEntries(
            Map.entry("GET /", PUBLIC),
            Map.entry("GET /css/**", PUBLIC),
            Map.entry("GET /feeds/{file}", PUBLIC),
            Map.entry("GET /feeds/tags/{file}", PUBLIC),
            Map.entry("GET /feeds/topics/{file}", PUBLIC),
            Map.entry("GET /feeds/{name}/archive/{file}", PUBLIC),
            Map.entry("GET /feeds/tags/{tag}/archive/{file}", PUBLIC),
            Map.entry("POST /hub", PUBLIC),
            Map.entry("GET /api/admin/websub/subscriptions", ADMIN),
            Map.entry("GET /feeds.opml", PUBLIC),
            // Open to no person's role: a partner's token opens them (PartnerFeedsIntegrationTests walks them).
            Map.entry("GET /partner/feeds/{file}", PUBLIC),
            Map.entry("GET /partner/{token}/feeds/{file}", PUBLIC),
            Map.entry("GET /api/admin/partners", ADMIN),
            Map.entry("POST /api/admin/partners", ADMIN),
            Map.entry("PUT /api/admin/partners/{id}/topics", ADMIN),
            Map.entry("POST /api/admin/partners/{id}/token", ADMIN),
            Map.entry("DELETE /api/admin/partners/{id}/token", ADMIN));

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int serverPort;

    @Test
    void everyRouteIsClosedUnlessARuleOpensIt() {
        new RouteAccessWalk(context, serverPort, Map.of(ADMIN, new Credentials("local-admin-key", "local-editor-key")))
                .verify(ROUTES);
    }
}
