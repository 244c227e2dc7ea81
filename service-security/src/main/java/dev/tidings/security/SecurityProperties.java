package dev.tidings.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of who may call the service ({@code tidings.security.*}). JWTs are configured with Spring
 * Boot's own {@code spring.security.oauth2.resourceserver.jwt.*} (issuer, JWK set or public key).
 *
 * @param keys API keys given in configuration, e.g. the first admin's, from a secret store; more
 *     keys are created through {@code POST /api/admin/api-keys}
 * @param jwt how the claims of a JWT name the person and their roles
 */
@Validated
@ConfigurationProperties("tidings.security")
public record SecurityProperties(
        @Valid @NotNull @DefaultValue List<ConfiguredKey> keys,
        @Valid @NotNull @DefaultValue Jwt jwt) {

    /**
     * @param person who uses the key, as the audit log names them
     * @param role what they may do
     * @param key the secret itself; held only as its SHA-256 once the service started
     */
    public record ConfiguredKey(@NotBlank String person, @NotNull Role role, @NotBlank String key) {

        @Override
        public String toString() {
            return "ConfiguredKey[person=" + person + ", role=" + role + "]";
        }
    }

    /**
     * @param nameClaim the claim that names the person; {@code sub} when it is absent
     * @param rolesClaim the claim with the roles, a list or a space-separated string of
     *     {@code writer}, {@code editor}, {@code admin}
     */
    public record Jwt(
            @NotBlank @DefaultValue("preferred_username") String nameClaim,
            @NotBlank @DefaultValue("roles") String rolesClaim) {
    }
}
