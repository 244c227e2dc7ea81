package dev.tidings.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates the bearer token of a request: a JWT when a JWT issuer is configured and the token
 * has a JWT's three parts, otherwise an API key.
 */
class BearerAuthentication implements AuthenticationManager {

    private final ApiKeyAuthenticator keys;

    /** Null when no JWT issuer, JWK set or public key is configured. */
    private final AuthenticationProvider jwts;

    BearerAuthentication(ApiKeyAuthenticator keys, AuthenticationProvider jwts) {
        this.keys = keys;
        this.jwts = jwts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (jwts != null && looksLikeJwt(token)) {
            return jwts.authenticate(authentication);
        }
        return keys.authenticate(token)
                .orElseThrow(() -> new InvalidBearerTokenException("The API key is unknown or was revoked."));
    }

    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
