package dev.tidings.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call a service, imported by each service's application class. Every route is closed
 * unless an {@link AccessRules} bean opens it; authorization is decided by Spring Security's
 * request matchers on the path Spring MVC routes, behind its firewall. Credentials are bearer
 * tokens (API keys or JWTs), never cookies, so there is no session and no CSRF token to check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class ServiceSecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<AccessRules> serviceRules,
            BearerAuthentication bearerAuthentication, SecurityProblems problems) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // Each service sets Cache-Control itself: feeds are meant to be cached, API answers not.
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .oauth2ResourceServer(bearer -> bearer
                        .authenticationManagerResolver(request -> bearerAuthentication)
                        .authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> {
                    // The error page renders the outcome of a request that was already authorized.
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.requestMatchers("/error").permitAll();
                    rules.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll();
                    rules.requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**").permitAll();
                    rules.requestMatchers("/actuator/**", "/api/admin/**").hasRole(Role.ADMIN.name());
                    serviceRules.forEach(service -> service.open(rules));
                    rules.anyRequest().denyAll();
                });
        return http.build();
    }

    /**
     * Tomcat would answer an encoded slash ({@code /api%2Farticles}) with its own HTML error page;
     * passed through undecoded, the firewall rejects it as a problem like every other ambiguous path.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.EDITOR.name())
                .role(Role.EDITOR.name()).implies(Role.WRITER.name())
                .build();
    }

    @Bean
    SecurityProblems securityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    BearerAuthentication bearerAuthentication(SecurityProperties properties, ApiKeys apiKeys,
            ObjectProvider<JwtDecoder> jwtDecoder) {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        JwtAuthenticationProvider jwts = null;
        if (decoder != null) {
            jwts = new JwtAuthenticationProvider(decoder);
            jwts.setJwtAuthenticationConverter(new JwtPeople(properties.jwt()));
        }
        return new BearerAuthentication(new ApiKeyAuthenticator(properties, apiKeys), jwts);
    }

    @Bean
    ApiKeys apiKeys(JdbcClient jdbc) {
        return new ApiKeys(jdbc);
    }

    @Bean
    Permissions permissions(RoleHierarchy roleHierarchy) {
        return new Permissions(roleHierarchy);
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc) {
        return new AuditLog(jdbc);
    }

    @Bean
    WebMvcConfigurer auditTrailRegistration(AuditLog auditLog) {
        AuditTrail trail = new AuditTrail(auditLog);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(trail);
            }
        };
    }

    @Bean
    ApiKeysController apiKeysController(ApiKeys apiKeys) {
        return new ApiKeysController(apiKeys);
    }

    @Bean
    AuditLogController auditLogController(AuditLog auditLog) {
        return new AuditLogController(auditLog);
    }
}
