package dev.tidings.security;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the person and their roles from a JWT of the configured issuer. Unknown role names give no
 * authority rather than an error, so an identity provider may carry roles of other applications.
 */
class JwtPeople implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Jwt claims;

    JwtPeople(SecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.hasClaim(claims.nameClaim()) ? jwt.getClaimAsString(claims.nameClaim()) : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities(jwt), name == null ? "unnamed" : name);
    }

    private Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object value = jwt.getClaims().get(claims.rolesClaim());
        Stream<String> names;
        if (value == null) {
            names = Stream.empty();
        }
        else if (value instanceof Collection<?> list) {
            names = list.stream().map(String::valueOf);
        }
        else {
            names = Stream.of(String.valueOf(value).split("\\s+"));
        }
        return names.map(Role::fromLabel)
                .flatMap(Optional::stream)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
    }
}
