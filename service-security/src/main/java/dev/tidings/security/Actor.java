package dev.tidings.security;

import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The person behind a request, as the audit log and the events name them.
 *
 * @param name the person ({@code Dr. Mara Lind}) or, for a JWT, its name claim
 * @param credential which credential they used, never its secret: {@code api-key:<id>},
 *     {@code config-key:<person>} or {@code jwt:<issuer>#<subject>}
 */
public record Actor(String name, String credential) {

    public Actor {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(credential, "credential must not be null");
    }

    /** What the service does on its own, e.g. a scheduled publication. */
    public static final Actor SYSTEM = new Actor("system", "system");

    /** The authenticated caller of the current request, or {@link #SYSTEM} outside a request. */
    public static Actor current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor of(Authentication authentication) {
        if (authentication instanceof ApiKeyAuthentication key) {
            return key.actor();
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            String issuer = jwt.getToken().getIssuer() == null ? "" : jwt.getToken().getIssuer().toString();
            return new Actor(jwt.getName(), "jwt:" + issuer + "#" + jwt.getToken().getSubject());
        }
        return SYSTEM;
    }
}
