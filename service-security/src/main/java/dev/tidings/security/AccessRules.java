package dev.tidings.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules. Every route is closed unless a rule opens it: after the
 * rules of every {@code AccessRules} bean, anything else is denied. Health checks are public,
 * {@code /actuator/**} and {@code /api/admin/**} need the admin role.
 */
@FunctionalInterface
public interface AccessRules {

    void open(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
