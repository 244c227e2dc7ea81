package dev.tidings.feed.partner;

import dev.tidings.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may read partner feeds: only a partner, with its token in the path or in
 * {@code Authorization: Bearer} ({@link PartnerFeedAccess}), decided by Spring Security on the
 * routed path like every other route.
 */
@Configuration(proxyBeanMethods = false)
class PartnerSecurity {

    /** Partner feeds with the token in {@code Authorization: Bearer}. */
    static final String TOKEN_IN_HEADER = "/partner/feeds/**";

    /** Partner feeds with the token in the path, for readers and WebSub subscriptions that cannot send a header. */
    static final String TOKEN_IN_PATH = "/partner/{token}/feeds/**";

    @Bean
    AccessRules partnerFeedRules(Partners partners) {
        PartnerFeedAccess partnersOnly = new PartnerFeedAccess(partners);
        return rules -> {
            for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
                rules.requestMatchers(method, TOKEN_IN_HEADER).access(partnersOnly);
                rules.requestMatchers(method, TOKEN_IN_PATH).access(partnersOnly);
            }
        };
    }

    /**
     * The bearer token of people's API keys and JWTs, read everywhere but under {@code /partner/}: there
     * {@code Authorization: Bearer} carries a partner token, which {@link PartnerFeedAccess} checks, and
     * which the API-key authentication would refuse before any rule is asked. Spring Security's
     * resource server uses this bean in place of its default resolver.
     */
    @Bean
    BearerTokenResolver bearerTokensOutsidePartnerFeeds() {
        DefaultBearerTokenResolver people = new DefaultBearerTokenResolver();
        RequestMatcher partnerFeeds = PathPatternRequestMatcher.pathPattern("/partner/**");
        return request -> partnerFeeds.matches(request) ? null : people.resolve(request);
    }
}
