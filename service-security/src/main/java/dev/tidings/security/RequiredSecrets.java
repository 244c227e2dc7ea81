package dev.tidings.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start a service outside the {@code local} profile without the secrets a deployment
 * must choose itself: the database password and at least one way to authenticate people (API keys
 * of its own, or a JWT issuer). A well-known local key, or a short one, counts as missing. Runs
 * before any bean exists, so the message names the setting instead of a failed connection.
 */
public class RequiredSecrets implements EnvironmentPostProcessor, Ordered {

    static final String LOCAL_PROFILE = "local";

    static final int MIN_KEY_LENGTH = 32;

    private static final List<String> JWT_SETTINGS = List.of(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.password"))) {
            missing.add("spring.datasource.password (environment: SPRING_DATASOURCE_PASSWORD), the password of the"
                    + " service's PostgreSQL user");
        }
        boolean jwt = JWT_SETTINGS.stream().anyMatch(name -> StringUtils.hasText(environment.getProperty(name)));
        List<String> keys = configuredKeys(environment);
        if (!jwt && keys.isEmpty()) {
            missing.add("tidings.security.keys[0].person, .role and .key (environment: TIDINGS_SECURITY_KEYS_0_PERSON,"
                    + " TIDINGS_SECURITY_KEYS_0_ROLE, TIDINGS_SECURITY_KEYS_0_KEY), the first admin's API key, or"
                    + " spring.security.oauth2.resourceserver.jwt.issuer-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI)"
                    + " for JWTs of your identity provider");
        }
        for (int index = 0; index < keys.size(); index++) {
            String key = keys.get(index);
            if (key.length() < MIN_KEY_LENGTH || key.startsWith("local-")) {
                missing.add("tidings.security.keys[" + index + "].key: a secret of at least " + MIN_KEY_LENGTH
                        + " random characters (e.g. from 'openssl rand -base64 32'), not a local example key");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSecretsException(missing);
        }
    }

    private static List<String> configuredKeys(ConfigurableEnvironment environment) {
        List<String> keys = new ArrayList<>();
        for (int index = 0; environment.containsProperty("tidings.security.keys[" + index + "].person")
                || environment.containsProperty("tidings.security.keys[" + index + "].key"); index++) {
            keys.add(environment.getProperty("tidings.security.keys[" + index + "].key", ""));
        }
        return keys;
    }

    @Override
    public int getOrder() {
        // After the configuration files and the active profiles are known.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
