package dev.tidings.feed.web;

import dev.tidings.security.AccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Feeds (every path under {@code /feeds/}: topics, tags, archives), the OPML list and the directory
 * are for everyone to read, and anyone may ask the WebSub hub ({@code POST /hub}) for a subscription,
 * which the callback then confirms. Anything else is closed, so an unknown path answers 401, not 404.
 */
@Component
class FeedAccessRules implements AccessRules {

    private static final String[] PUBLIC = { "/", "/feeds/**", "/feeds.opml", "/css/**" };

    @Override
    public void open(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, PUBLIC).permitAll();
        rules.requestMatchers(HttpMethod.HEAD, PUBLIC).permitAll();
        rules.requestMatchers(HttpMethod.POST, "/hub").permitAll();
    }
}
