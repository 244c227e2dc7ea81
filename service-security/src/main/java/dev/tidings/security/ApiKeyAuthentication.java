package dev.tidings.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a person's API key. The key itself is not kept. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    ApiKeyAuthentication(Actor actor, Role role) {
        super(List.of(new SimpleGrantedAuthority(role.authority())));
        this.actor = actor;
        setAuthenticated(true);
    }

    Actor actor() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return actor.credential();
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.name();
    }
}
