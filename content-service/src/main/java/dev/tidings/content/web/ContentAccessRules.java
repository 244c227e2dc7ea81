package dev.tidings.content.web;

import dev.tidings.security.AccessRules;
import dev.tidings.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may do what in the editorial API. Topics and the API description are public to read;
 * articles, drafts included, only for the newsroom. Correcting a published article needs an
 * editor, which the article's state decides (see {@code EditorialDesk}), not its path.
 */
@Component
class ContentAccessRules implements AccessRules {

    @Override
    public void open(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        for (HttpMethod read : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD }) {
            rules.requestMatchers(read, "/api/topics", "/api/topics/*", "/v3/api-docs", "/v3/api-docs/**",
                    "/v3/api-docs.yaml").permitAll();
            rules.requestMatchers(read, "/api/articles", "/api/articles/*").hasRole(Role.WRITER.name());
        }
        rules.requestMatchers(HttpMethod.POST, "/api/topics").hasRole(Role.ADMIN.name());
        rules.requestMatchers(HttpMethod.PUT, "/api/topics/*").hasRole(Role.ADMIN.name());
        rules.requestMatchers(HttpMethod.POST, "/api/articles").hasRole(Role.WRITER.name());
        rules.requestMatchers(HttpMethod.PUT, "/api/articles/*").hasRole(Role.WRITER.name());
        rules.requestMatchers(HttpMethod.POST, "/api/articles/*/publish", "/api/articles/*/retract")
                .hasRole(Role.EDITOR.name());
    }
}
