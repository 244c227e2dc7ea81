package dev.tidings.notifier.web;

import dev.tidings.security.AccessRules;
import dev.tidings.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Readers' pages (the export and erasure of their own data among them), their stylesheet and the subscribe API are
 * public (their links carry signed tokens, and the subscribe endpoints are rate-limited); deliveries
 * and email previews show subscribers' addresses and are for admins.
 */
@Component
class NotifierAccessRules implements AccessRules {

    private static final String[] PAGES = { "/", "/subscribe", "/subscriptions/confirm", "/preferences", "/unsubscribe",
        "/preferences/export", "/preferences/erase", "/css/**" };

    @Override
    public void open(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, PAGES).permitAll();
        rules.requestMatchers(HttpMethod.HEAD, PAGES).permitAll();
        rules.requestMatchers(HttpMethod.POST, "/subscribe", "/subscriptions/confirm", "/preferences", "/unsubscribe",
                "/preferences/erase", "/api/subscriptions").permitAll();
        rules.requestMatchers(HttpMethod.GET, "/api/deliveries", "/api/deliveries/preview").hasRole(Role.ADMIN.name());
    }
}
